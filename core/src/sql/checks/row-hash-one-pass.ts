/**
 * The row hash's aggregation for dialects with list functions (DuckDB): one aggregate directly over the FULL
 * OUTER JOIN counts the kinds and keeps, per kind, the smallest keys as records (`min(record, n)`), so the join
 * output streams into it and is never read twice.
 *
 * Why records and not `min_by(record, ROW(key), n)`: one record per row instead of two. Why records and not bare
 * keys: a record is never NULL, so NULL keys are kept and sort last, as the samples require.
 *
 * For derived uniqueness, the unpaired keys of each side are kept up to UNPAIRED_KEY_CAP: when all of them fit,
 * their distinct count is exact and cheap (a list, not a COUNT(DISTINCT) hash table over every joined row);
 * when they do not, the count is NULL and the uniqueness gate falls back to its exact COUNT(DISTINCT).
 */
import type { Dialect, ListFunctions } from '../../dialects/dialect';
import type { Cte } from '../check-plan';

/** Unpaired keys kept per side for derived uniqueness; more than that and uniqueness counts exactly instead. */
export const UNPAIRED_KEY_CAP = 10_000;

/** Kind name, condition over the join's hashes `s.h` / `t.h`, side whose key the sample takes. */
const KINDS = [
  ['mismatched', 's.h <> t.h', 's'],
  ['missing_in_target', 't.h IS NULL', 's'],
  ['missing_in_source', 's.h IS NULL', 't'],
] as const;

export interface OnePassInput {
  readonly dialect: Dialect;
  readonly lists: ListFunctions;
  /** Prefix of the check's CTE names (`dp_h_`). */
  readonly prefix: string;
  readonly keys: readonly string[];
  readonly keyAliases: readonly string[];
  /** The join's FROM clause (`dp_h_source AS s FULL OUTER JOIN dp_h_target AS t ON …`). */
  readonly from: string;
  /** Sample size (0 = no samples). */
  readonly limit: number;
  /** Derived uniqueness on: also `pairs` and `keys_missing_in_*`, and the metrics CTE is computed once. */
  readonly derived: boolean;
}

/** The aggregate and metrics CTEs, and the samples expression of each kind (a JSON-able array). */
export function onePassRowHash(input: OnePassInput): { ctes: Cte[]; samples: Record<string, string> } {
  const { dialect: d, lists, prefix: p, keys, keyAliases, limit, derived } = input;
  const agg = `${p}agg`;
  const m = `${p}metrics`;
  const keyRecord = (fields: readonly (readonly [string, string])[]) => d.keyRecord?.(fields) ?? d.jsonObject(fields);
  // Field names k_0, k_1 … never collide, so the record is the dialect's comparable struct (ordered field by field).
  const record = (side: string) => keyRecord(keyAliases.map((k) => [k, `${side}.${k}`] as const));
  const aggregates = ['COUNT(*) AS compared', ...KINDS.map(([name, cond]) => `COUNT(CASE WHEN ${cond} THEN 1 END) AS ${name}`)];
  const metrics = ['compared', ...KINDS.map(([name]) => name)].map((c) => `${agg}.${c} AS ${c}`);
  const samples: Record<string, string> = {};
  for (const [name, cond, side] of KINDS) {
    const unpaired = name !== 'mismatched';
    const keep = derived && unpaired ? Math.max(limit, UNPAIRED_KEY_CAP) : limit;
    if (keep > 0) aggregates.push(`${lists.smallest(record(side), cond, keep)} AS l_${name}`);
    if (derived && unpaired) {
      const list = `${agg}.l_${name}`;
      // Exact only when every unpaired key was kept; NULL sends the uniqueness gate to COUNT(DISTINCT).
      metrics.push(
        `CASE WHEN ${agg}.${name} = 0 THEN 0 WHEN ${lists.length(list)} = ${agg}.${name} THEN ${lists.distinctCount(list)} END AS keys_${name}`,
      );
    }
    if (limit > 0) {
      const fields = keys.map((k, i) => [k, lists.field('dp_x', keyAliases[i]!)] as const);
      metrics.push(`${lists.map(lists.head(`${agg}.l_${name}`, limit), 'dp_x', keyRecord(fields))} AS sample_${name}`);
      samples[name] = `COALESCE(${m}.sample_${name}, ${d.emptyArray()})`;
    } else {
      samples[name] = d.emptyArray();
    }
  }
  if (derived) metrics.push(`${agg}.compared - ${agg}.missing_in_target - ${agg}.missing_in_source AS pairs`);
  return {
    ctes: [
      { name: agg, sql: `SELECT ${aggregates.join(',\n    ')}\n  FROM ${input.from}` },
      // Read again by the uniqueness gate when derived: computed once.
      { name: m, sql: `SELECT ${metrics.join(',\n    ')}\n  FROM ${agg}`, materialized: derived },
    ],
    samples,
  };
}
