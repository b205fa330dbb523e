/**
 * A check that is half configured is an error, never a silent skip (DataPact 2.x skipped it, so a pact
 * could look stricter than it was). Both directions: a check turned on without what it needs, and a
 * setting whose check is not on.
 */
import type { Problem } from '../../model/problem';
import type { TaskView } from '../task-view';
import { has, problem, type PactRule, type RuleContext } from './pact-rule';

function fromDefaults(task: TaskView, key: string): string {
  const origin = task.origin(key);
  if (origin === 'task') return '';
  return origin === 'defaults' ? ` (${key} comes from defaults)` : ` (${key} comes from a merged << block)`;
}

/** Where to point for a key the task may have inherited: the key if it is the task's own, else the task. */
function spanFor(context: RuleContext, task: TaskView, key: string) {
  return task.origin(key) === 'task' ? context.keySpan(task, [key]) : context.taskSpan(task);
}

/**
 * Keys that only mean something with `pk_row_hash_check: true` (`exclude_columns` and `compare` choose what the
 * row hash compares and how: set without the check, they would promise a comparison that never runs).
 */
const HASH_OPTIONS = ['pk_hash_tolerance', 'hash_columns', 'hash_algorithm', 'sample_size', 'exclude_columns', 'compare'] as const;

/** [columns key, tolerance key] pairs that make one check. */
const PAIRED = [
  ['null_validation_columns', 'null_validation_tolerance'],
  ['uniqueness_columns', 'uniqueness_tolerance'],
] as const;

export const halfConfiguredChecksRule: PactRule = {
  name: 'half-configured-checks',
  check(context) {
    const problems: Problem[] = [];
    for (const task of context.tasks) {
      const hashOn = task.values.pk_row_hash_check === true;
      if (hashOn && !has(task, 'primary_keys')) {
        problems.push(problem(
          'half-configured-check',
          `${task.label} turns on pk_row_hash_check but has no primary_keys: add primary_keys, or ${task.origin('pk_row_hash_check') === 'task' ? 'remove pk_row_hash_check' : 'set pk_row_hash_check: false in this task'}${fromDefaults(task, 'pk_row_hash_check')}`,
          spanFor(context, task, 'pk_row_hash_check'),
          { missing: 'primary_keys', key: 'pk_row_hash_check' },
        ));
      }
      if (!hashOn) {
        // Only the task's own settings: a shared default (say pk_hash_tolerance) is fine for tasks without the check.
        for (const key of HASH_OPTIONS) {
          if (!has(task, key) || task.origin(key) !== 'task') continue;
          problems.push(problem(
            'half-configured-check',
            `${task.label} sets ${key} but pk_row_hash_check is not true: set pk_row_hash_check: true (with primary_keys), or remove ${key}`,
            context.keySpan(task, [key]),
            { missing: 'pk_row_hash_check', key },
          ));
        }
      }
      if (hashOn && has(task, 'hash_columns') && has(task, 'exclude_columns')) {
        // hash_columns names what the row hash compares; an exclusion beside it would be silently ignored.
        problems.push(problem(
          'conflicting-keys',
          `${task.label} sets both hash_columns and exclude_columns: the row hash compares exactly hash_columns, so exclude_columns is ignored; leave the excluded columns out of hash_columns and remove exclude_columns${fromDefaults(task, 'exclude_columns')}`,
          spanFor(context, task, 'exclude_columns'),
          { key: 'exclude_columns' },
        ));
      }
      for (const [columns, tolerance] of PAIRED) {
        if (has(task, columns) && !has(task, tolerance)) {
          problems.push(problem(
            'half-configured-check',
            `${task.label} lists ${columns} but sets no ${tolerance}: add ${tolerance} (0 to 1), or ${task.origin(columns) === 'task' ? 'remove' : 'set to null in this task'} ${columns}${fromDefaults(task, columns)}`,
            spanFor(context, task, columns),
            { missing: tolerance, key: columns },
          ));
        }
        if (has(task, tolerance) && !has(task, columns) && task.origin(tolerance) === 'task') {
          problems.push(problem(
            'half-configured-check',
            `${task.label} sets ${tolerance} but lists no ${columns}: add ${columns}, or remove ${tolerance}`,
            context.keySpan(task, [tolerance]),
            { missing: columns, key: tolerance },
          ));
        }
      }
    }
    return problems;
  },
};
