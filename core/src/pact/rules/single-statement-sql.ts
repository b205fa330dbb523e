/**
 * `filter` is one boolean expression and a custom test's `sql` one query: both are pasted into a larger
 * statement, so a `;` would end it early (or smuggle in a second statement). Quotes are read by the rules of
 * the pact's engine's dialect: `'\'` is a whole string in DuckDB but an open one in Databricks.
 */
import type { Problem } from '../../model/problem';
import { topLevelSemicolons } from '../sql-text';
import { isPlainObject } from '../task-view';
import { problem, type PactRule } from './pact-rule';

export const singleStatementSqlRule: PactRule = {
  name: 'single-statement-sql',
  check(context) {
    const problems: Problem[] = [];
    for (const task of context.tasks) {
      const filter = task.values.filter;
      if (typeof filter === 'string' && topLevelSemicolons(filter, context.sqlLexicon).length > 0) {
        problems.push(problem(
          'invalid-filter',
          `filter must be one SQL boolean expression: remove the ';'`,
          context.valueSpan(task, ['filter']),
        ));
      }
      const tests = task.values.custom_sql_tests;
      if (!Array.isArray(tests)) continue;
      tests.forEach((test: unknown, index: number) => {
        if (!isPlainObject(test) || typeof test.sql !== 'string' || topLevelSemicolons(test.sql, context.sqlLexicon).length === 0) return;
        const name = typeof test.name === 'string' ? `'${test.name}'` : `${index + 1}`;
        problems.push(problem(
          'invalid-custom-sql',
          `the sql of custom SQL test ${name} must be one query: remove the ';'`,
          context.valueSpan(task, ['custom_sql_tests', index, 'sql']),
        ));
      });
    }
    return problems;
  },
};
