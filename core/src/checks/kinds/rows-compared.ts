/**
 * Whether the task compared anything: on every task with a check; both sides empty (after the filter) FAILs
 * unless `allow_empty: true` (SQL: `core/src/sql/checks/rows-compared-check.ts`).
 */
import type { CheckKind } from '../check-kind';

export const rowsComparedKind: CheckKind = {
  id: 'rows_compared',
  title: 'empty comparison allowed',
  summary: 'Let a task pass when both tables are empty (on purpose)',
  keys: ['allow_empty'],
  columnListKeys: [],
  snippet: { writes: ['allow_empty'], body: () => 'allow_empty: ${1|true,false|}' },
  ownsPayloadKey: (key) => key === 'rows_compared',
  label: () => 'rows compared',
  inputs: (m, n) => [
    ...(typeof m.message === 'string' ? [m.message] : []),
    `source ${n.count(m.source_rows)} rows`,
    `target ${n.count(m.target_rows)} rows`,
  ],
};
