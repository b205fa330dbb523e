/**
 * Uniqueness: duplicates = rows − distinct key tuples, per side; each side's ratio (duplicates / rows, 0 when
 * empty) must be within the tolerance. NULL key parts count as values (as GROUP BY does): two rows with the
 * same key, NULLs included, are duplicates.
 */
import type { CheckContext, CheckPlan } from '../check-plan';
import { q } from '../check-plan';

export function planUniquenessCheck(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  const columns = task.uniqueness_columns ?? [];
  const tolerance = task.uniqueness_tolerance;
  if (columns.length === 0 || tolerance === undefined || tolerance === null) return [];
  const alias = `${ctx.prefix}distinct`;
  const dupes = (side: string) => `(${side}.row_count - ${side}.${alias})`;
  const ratio = (side: string) =>
    `CASE WHEN ${side}.row_count = 0 THEN ${d.doubleLiteral(0)} ELSE ${d.castDouble(dupes(side))} / ${d.castDouble(`${side}.row_count`)} END`;
  return [
    {
      key: `uniqueness_validation_${columns.join('_')}`,
      usesStats: true,
      stats: [{ alias, expr: `COUNT(DISTINCT ${d.tuple(columns.map((c) => `r.${q(ctx, c)}`))})` }],
      ctes: [],
      joins: [],
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
