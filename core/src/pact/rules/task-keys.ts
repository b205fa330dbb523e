/** task_key: unique ignoring case (Databricks job task keys and history rows), and not one of ours. */
import type { Problem } from '../../model/problem';
import { problem, type PactRule } from './pact-rule';

/** Job task keys DataPact adds to every job beside the validation tasks. */
export const RESERVED_TASK_KEYS = ['aggregate_results', 'refresh_dashboard', 'setup_genie_datasets'] as const;

export const taskKeysRule: PactRule = {
  name: 'task-keys',
  check(context) {
    const problems: Problem[] = [];
    const firstByKey = new Map<string, number>();
    for (const task of context.tasks) {
      const key = task.values.task_key;
      if (typeof key !== 'string' || key === '') continue;
      const lower = key.toLowerCase();
      const span = context.valueSpan(task, ['task_key']);
      if ((RESERVED_TASK_KEYS as readonly string[]).includes(lower)) {
        problems.push(problem('reserved-task-key', `task_key '${key}' is reserved for DataPact's own job task: choose another name`, span, { key }));
      }
      const first = firstByKey.get(lower);
      if (first === undefined) {
        firstByKey.set(lower, span.start);
      } else {
        problems.push(problem(
          'duplicate-task-key',
          `task_key '${key}' is already used by the task on line ${context.lineOf(first)}: task keys must be unique, ignoring case`,
          span,
          { key },
        ));
      }
    }
    return problems;
  },
};
