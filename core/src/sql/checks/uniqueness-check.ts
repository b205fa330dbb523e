/**
 * Uniqueness: duplicates = rows − distinct key tuples, per side; each side's ratio (duplicates / rows, 0 when
 * empty) must be within the tolerance. NULL key parts count as values (as GROUP BY does): two rows with the
 * same key, NULLs included, are duplicates.
 *
 * Two plans, same numbers:
 *  - on any columns: COUNT(DISTINCT tuple) in each side's stats scan (one hash table per side);
 *  - on exactly the primary keys with the row hash on (dialects that materialize CTEs): derived from the row hash join, whose null-safe key
 *    equality groups keys the same way. With M joined pairs, S − A source rows paired and T − B target rows
 *    paired: M = Σ sn·tn, S − A = Σ sn, T − B = Σ tn over keys on both sides, so M = S − A = T − B exactly when
 *    every such key is unique on both sides; then distinct keys = M + distinct unpaired keys of that side.
 *    Otherwise (duplicates among paired keys, or unpaired keys too many to count in the join's aggregate) an
 *    exact COUNT(DISTINCT) runs, gated by that test so that it reads no rows when keys are unique.
 */
import type { CheckContext, CheckPlan, Cte } from '../check-plan';
import { rowColumn } from '../check-plan';
import { ROW_ALIAS } from '../row-alias';
import { ROW_HASH_METRICS, uniquenessFromRowHash } from './row-hash-check';

export function planUniquenessCheck(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  const columns = task.uniqueness_columns ?? [];
  const tolerance = task.uniqueness_tolerance;
  if (columns.length === 0 || tolerance === undefined || tolerance === null) return [];
  const alias = `${ctx.prefix}distinct`;
  const tuple = (row: string) => d.tuple(columns.map((c) => rowColumn(ctx, row, c)));
  const derived = uniquenessFromRowHash(task, d);
  // Distinct key tuples of a side: a stats column, or a column of the one-row CTE `dp_<prefix>distinct`.
  const distinctCte = `dp_${ctx.prefix}distinct`;
  const distinct = (side: 'ss' | 'ts') => (derived ? `${distinctCte}.${side === 'ss' ? 'source_keys' : 'target_keys'}` : `${side}.${alias}`);
  const dupes = (side: 'ss' | 'ts') => `(${side}.row_count - ${distinct(side)})`;
  const ratio = (side: 'ss' | 'ts') =>
    `CASE WHEN ${side}.row_count = 0 THEN ${d.doubleLiteral(0)} ELSE ${d.castDouble(dupes(side))} / ${d.castDouble(`${side}.row_count`)} END`;
  const ctes: Cte[] = [];
  if (derived) {
    const m = ROW_HASH_METRICS;
    const gate = `dp_${ctx.prefix}gate`;
    const exact = (input: string, row: string) =>
      `SELECT COUNT(DISTINCT ${tuple(row)}) AS n FROM ${input} AS ${row} WHERE (SELECT g.suspect FROM ${gate} AS g)`;
    ctes.push(
      {
        name: gate,
        sql:
          // A NULL unpaired-key count means the row hash could not count them exactly (row-hash-one-pass.ts).
          `SELECT (${m}.pairs <> ss.row_count - ${m}.missing_in_target OR ${m}.pairs <> ts.row_count - ${m}.missing_in_source\n` +
          `    OR ${m}.keys_missing_in_target IS NULL OR ${m}.keys_missing_in_source IS NULL) AS suspect\n` +
          `  FROM ${m} CROSS JOIN dp_source_stats AS ss CROSS JOIN dp_target_stats AS ts`,
        materialized: true,
      },
      { name: `${distinctCte}_source`, sql: exact(ctx.sourceInput, ROW_ALIAS.source) },
      { name: `${distinctCte}_target`, sql: exact(ctx.targetInput, ROW_ALIAS.target) },
      {
        name: distinctCte,
        sql:
          `SELECT CASE WHEN g.suspect THEN s.n ELSE ${m}.pairs + ${m}.keys_missing_in_target END AS source_keys,\n` +
          `    CASE WHEN g.suspect THEN t.n ELSE ${m}.pairs + ${m}.keys_missing_in_source END AS target_keys\n` +
          `  FROM ${gate} AS g CROSS JOIN ${m} CROSS JOIN ${distinctCte}_source AS s CROSS JOIN ${distinctCte}_target AS t`,
      },
    );
  }
  return [
    {
      key: `uniqueness_validation_${columns.join('_')}`,
      usesStats: true,
      stats: derived ? [] : [{ alias, expr: (row) => `COUNT(DISTINCT ${tuple(row)})` }],
      ctes,
      joins: derived ? [distinctCte] : [],
      metrics: [
        { field: 'source_duplicates', expr: dupes('ss') },
        { field: 'target_duplicates', expr: dupes('ts') },
        { field: 'source_dupe_ratio', expr: ratio('ss') },
        { field: 'target_dupe_ratio', expr: ratio('ts') },
        { field: 'tolerance', expr: d.doubleLiteral(tolerance) },
      ],
      passed: (col) => `(${col('source_dupe_ratio')} <= ${col('tolerance')} AND ${col('target_dupe_ratio')} <= ${col('tolerance')})`,
    },
  ];
}
