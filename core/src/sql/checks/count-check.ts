/** Count check: ratio = |S − T| / S; S = 0 gives 0 when T = 0, else 1. */
import type { CheckContext, CheckPlan } from '../check-plan';
import { sourceRelativeDiff } from '../check-plan';

export function planCountCheck(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  if (task.count_tolerance === undefined || task.count_tolerance === null) return [];
  return [
    {
      key: 'count_validation',
      usesStats: true,
      stats: [],
      ctes: [],
      joins: [],
      metrics: [
        { field: 'source_count', expr: 'ss.row_count' },
        { field: 'target_count', expr: 'ts.row_count' },
        { field: 'relative_diff', expr: sourceRelativeDiff(d, 'ss.row_count', 'ts.row_count') },
        { field: 'tolerance', expr: d.doubleLiteral(task.count_tolerance) },
      ],
      passed: (col) => `${col('relative_diff')} <= ${col('tolerance')}`,
    },
  ];
}
