/** The same aggregate of the same column twice (even under two `column:` entries) is a slip. */
import type { Problem } from '../../model/problem';
import { isPlainObject } from '../task-view';
import { describeValue } from '../describe-value';
import { problem, type PactRule } from './pact-rule';

export const duplicateAggregatesRule: PactRule = {
  name: 'duplicate-aggregates',
  check(context) {
    const problems: Problem[] = [];
    for (const task of context.tasks) {
      const entries = task.values.agg_validations;
      if (!Array.isArray(entries)) continue;
      const seen = new Set<string>();
      entries.forEach((entry: unknown, i: number) => {
        if (!isPlainObject(entry) || typeof entry.column !== 'string' || !Array.isArray(entry.validations)) return;
        const column = entry.column;
        entry.validations.forEach((check: unknown, j: number) => {
          if (!isPlainObject(check) || typeof check.agg !== 'string') return;
          const agg = check.agg.trim().toUpperCase();
          const key = `${column.toLowerCase()}\u0000${agg}`;
          if (seen.has(key)) {
            problems.push(problem(
              'duplicate-aggregate',
              `${agg} of column ${describeValue(column)} is checked twice in agg_validations`,
              context.valueSpan(task, ['agg_validations', i, 'validations', j, 'agg']),
              { column, agg },
            ));
          }
          seen.add(key);
        });
      });
    }
    return problems;
  },
};
