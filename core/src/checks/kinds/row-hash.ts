/** Per-row hashes joined on the primary keys (SQL: `core/src/sql/checks/row-hash-check.ts`). */
import type { CheckKind, CheckMetrics } from '../check-kind';

interface TypePair {
  column?: unknown;
  source_type?: unknown;
  target_type?: unknown;
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const pairs = (value: unknown): TypePair[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as TypePair[]) : []);
const pairText = (p: TypePair) => `${String(p.column)} ${String(p.source_type)} vs ${String(p.target_type)}`;

/** Columns on one side only, type drift and (strict) type mismatches, as people read them. */
function columnFindings(m: CheckMetrics): string[] {
  const found: string[] = [];
  const onlySource = names(m.columns_only_in_source);
  const onlyTarget = names(m.columns_only_in_target);
  if (onlySource.length > 0) found.push(`columns only in source: ${onlySource.join(', ')}`);
  if (onlyTarget.length > 0) found.push(`columns only in target: ${onlyTarget.join(', ')}`);
  const drift = pairs(m.type_drift);
  if (drift.length > 0) found.push(`type drift (values of another kind never match): ${drift.map(pairText).join(', ')}`);
  const strict = pairs(m.type_mismatches);
  if (strict.length > 0) found.push(`types differ (compare: strict): ${strict.map(pairText).join(', ')}`);
  return found;
}

export const rowHashKind: CheckKind = {
  id: 'row_hash',
  title: 'row hash check',
  summary: 'Per-row hashes joined on primary keys',
  keys: ['pk_row_hash_check', 'pk_hash_tolerance', 'primary_keys', 'hash_columns', 'hash_algorithm', 'sample_size', 'exclude_columns', 'compare'],
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
  // The ratio counts all three kinds of difference over the compared rows, so all four numbers are shown; the
  // column findings come first, as they explain the rest (a type drift makes every row of that column differ).
  inputs: (m, n) => [
    ...columnFindings(m),
    `${n.count(m.compared_rows)} compared`,
    `${n.count(m.mismatch_count)} mismatched`,
    `${n.count(m.missing_in_target)} missing in target`,
    `${n.count(m.missing_in_source)} missing in source`,
  ],
  ratioField: 'mismatch_ratio',
};
