/**
 * Custom SQL test names are unique within a task, ignoring case, and still unique once turned into SQL
 * identifiers (`Daily Sales` and `daily-sales` both become `daily_sales`), as in DataPact 2.x.
 */
import type { Problem } from '../../model/problem';
import { makeSqlIdentifier } from '../sanitise-identifier';
import { isPlainObject } from '../task-view';
import { problem, type PactRule } from './pact-rule';

export const customTestNamesRule: PactRule = {
  name: 'custom-test-names',
  check(context) {
    const problems: Problem[] = [];
    for (const task of context.tasks) {
      const tests = task.values.custom_sql_tests;
      if (!Array.isArray(tests)) continue;
      const byLower = new Set<string>();
      const byIdentifier = new Map<string, string>();
      tests.forEach((test: unknown, index: number) => {
        if (!isPlainObject(test) || typeof test.name !== 'string') return;
        const name = test.name.trim();
        const lower = name.toLowerCase();
        const identifier = makeSqlIdentifier(name);
        const span = context.valueSpan(task, ['custom_sql_tests', index, 'name']);
        if (byLower.has(lower)) {
          problems.push(problem('duplicate-custom-test', `custom SQL test name '${name}' is used twice in ${task.label}: names must be unique, ignoring case`, span, { name }));
        } else if (byIdentifier.has(identifier)) {
          problems.push(problem(
            'duplicate-custom-test',
            `custom SQL tests '${byIdentifier.get(identifier)}' and '${name}' both become ${identifier} in SQL: rename one`,
            span,
            { name, identifier },
          ));
        }
        byLower.add(lower);
        if (!byIdentifier.has(identifier)) byIdentifier.set(identifier, name);
      });
    }
    return problems;
  },
};
