/** Null counts per column within a tolerance (SQL: `core/src/sql/checks/null-check.ts`). */
import type { CheckKind } from '../check-kind';

const PREFIX = 'null_validation_';

export const nullsKind: CheckKind = {
  id: 'nulls',
  title: 'null check',
  summary: 'Null counts per column within a tolerance',
  keys: ['null_validation_tolerance', 'null_validation_columns'],
  columnListKeys: ['null_validation_columns'],
  snippet: {
    writes: ['null_validation_tolerance', 'null_validation_columns'],
    body: () => 'null_validation_tolerance: ${1:0.01}\nnull_validation_columns: [$2]',
  },
  outline: { key: 'null_validation_columns', name: 'nulls' },
  ownsPayloadKey: (key) => key.startsWith(PREFIX),
  label: (key) => `nulls in ${key.slice(PREFIX.length)}`,
  inputs: (m, n) => [`source ${n.count(m.source_nulls)}`, `target ${n.count(m.target_nulls)}`],
  ratioField: 'relative_diff',
};
