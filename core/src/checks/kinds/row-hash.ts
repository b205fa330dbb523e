/** Per-row hashes joined on the primary keys (SQL: `core/src/sql/checks/row-hash-check.ts`). */
import type { CheckKind } from '../check-kind';

export const rowHashKind: CheckKind = {
  id: 'row_hash',
  title: 'row hash check',
  summary: 'Per-row hashes joined on primary keys',
  keys: ['pk_row_hash_check', 'pk_hash_tolerance', 'primary_keys', 'hash_columns', 'hash_algorithm', 'sample_size'],
  columnListKeys: ['primary_keys', 'hash_columns'],
  snippet: {
    writes: ['pk_row_hash_check', 'pk_hash_tolerance'],
    body: (written) =>
      written.has('primary_keys')
        ? 'pk_row_hash_check: true\npk_hash_tolerance: ${1:0}'
        : 'primary_keys: [$1]\npk_row_hash_check: true\npk_hash_tolerance: ${2:0}',
  },
  outline: { key: 'pk_row_hash_check', name: 'row hash' },
  ownsPayloadKey: (key) => key === 'row_hash_validation',
  label: () => 'row hash',
  // The ratio counts all three kinds of difference over the compared rows, so all four numbers are shown.
  inputs: (m, n) => [
    `${n.count(m.compared_rows)} compared`,
    `${n.count(m.mismatch_count)} mismatched`,
    `${n.count(m.missing_in_target)} missing in target`,
    `${n.count(m.missing_in_source)} missing in source`,
  ],
  ratioField: 'mismatch_ratio',
};
