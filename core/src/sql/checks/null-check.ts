/**
 * Null checks, one per column, from whole-table (or filtered slice) counts: ratio = |S_n − T_n| / S_n;
 * S_n = 0 gives 0 when T_n = 0, else 1. Counts are COUNT(*) − COUNT(col), so an empty side counts 0, not NULL.
 */
import type { CheckContext, CheckPlan } from '../check-plan';
import { rowColumn, sourceRelativeDiff } from '../check-plan';

export function planNullChecks(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  const tolerance = task.null_validation_tolerance;
  const columns = task.null_validation_columns ?? [];
  if (tolerance === undefined || tolerance === null || columns.length === 0) return [];
  return columns.map((column, i) => {
    const alias = `${ctx.prefix}${i}_nulls`;
    return {
      key: `null_validation_${column}`,
      usesStats: true,
      stats: [{ alias, expr: (row) => `COUNT(*) - COUNT(${rowColumn(ctx, row, column)})` }],
      ctes: [],
      joins: [],
      metrics: [
        { field: 'source_nulls', expr: `ss.${alias}` },
        { field: 'target_nulls', expr: `ts.${alias}` },
        { field: 'relative_diff', expr: sourceRelativeDiff(d, `ss.${alias}`, `ts.${alias}`) },
        { field: 'tolerance', expr: d.doubleLiteral(tolerance) },
      ],
      passed: (col) => `${col('relative_diff')} <= ${col('tolerance')}`,
    };
  });
}
