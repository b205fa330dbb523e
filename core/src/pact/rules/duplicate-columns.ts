/** A column listed twice in one list is a slip (and doubles work in the generated SQL). */
import type { Problem } from '../../model/problem';
import { describeValue } from '../describe-value';
import { problem, type PactRule } from './pact-rule';

const COLUMN_LISTS = ['primary_keys', 'hash_columns', 'null_validation_columns', 'uniqueness_columns'] as const;

export const duplicateColumnsRule: PactRule = {
  name: 'duplicate-columns',
  check(context) {
    const problems: Problem[] = [];
    for (const task of context.tasks) {
      for (const list of COLUMN_LISTS) {
        const columns = task.values[list];
        if (!Array.isArray(columns)) continue;
        // Column names are case-insensitive on both engines.
        const seen = new Set<string>();
        columns.forEach((column: unknown, index: number) => {
          if (typeof column !== 'string') return;
          const lower = column.toLowerCase();
          if (seen.has(lower)) {
            problems.push(problem('duplicate-column', `column ${describeValue(column)} is listed twice in ${list}`, context.valueSpan(task, [list, index]), { column, key: list }));
          }
          seen.add(lower);
        });
      }
    }
    return problems;
  },
};
