/**
 * The comparison itself: a task whose (filtered) source and target are both empty validated nothing, so it
 * FAILs with a message saying so, unless the pact says `allow_empty: true` (an empty staging table on purpose).
 * One side empty is left to the other checks (the count check sees it).
 */
import type { CheckContext, CheckPlan } from '../check-plan';

export const ROWS_COMPARED_KEY = 'rows_compared';

export function planRowsComparedCheck(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  const allowEmpty = task.allow_empty === true;
  const where = task.filter?.trim() ? ' matching the filter' : '';
  const message = d.stringLiteral(`nothing was compared: the source and the target have no rows${where}`);
  return [
    {
      key: ROWS_COMPARED_KEY,
      usesStats: true,
      stats: [],
      ctes: [],
      joins: [],
      metrics: [
        { field: 'source_rows', expr: 'ss.row_count' },
        { field: 'target_rows', expr: 'ts.row_count' },
        { field: 'allow_empty', expr: allowEmpty ? 'TRUE' : 'FALSE' },
        { field: 'message', expr: `CASE WHEN ss.row_count = 0 AND ts.row_count = 0 THEN ${message} END` },
      ],
      passed: (col) => `(${col('allow_empty')} OR ${col('source_rows')} > 0 OR ${col('target_rows')} > 0)`,
    },
  ];
}
