/** Row counts within a tolerance (SQL: `core/src/sql/checks/count-check.ts`). */
import type { CheckKind } from '../check-kind';

export const countKind: CheckKind = {
  id: 'count',
  title: 'count check',
  summary: 'Row counts within a tolerance',
  keys: ['count_tolerance'],
  columnListKeys: [],
  snippet: { writes: ['count_tolerance'], body: () => 'count_tolerance: ${1:0.01}' },
  outline: { key: 'count_tolerance', name: 'count' },
  ownsPayloadKey: (key) => key === 'count_validation',
  label: () => 'row count',
  inputs: (m, n) => [`source ${n.count(m.source_count)}`, `target ${n.count(m.target_count)}`],
  ratioField: 'relative_diff',
};
