/**
 * The one rule that looks across tasks (task keys unique, ignoring case), run on each task's key alone, so that
 * an editor that re-checked only the edited task can still redo the cross-task findings without the whole file.
 * It runs the very rule loadPact runs, so messages and spans cannot drift apart.
 */
import type { Problem } from '../model/problem';
import { valueSpan } from './locations';
import type { PactSource, Span } from './pact-source';
import type { RuleContext } from './rules/pact-rule';
import { taskKeysRule } from './rules/task-keys';
import { isPlainObject, type TaskView } from './task-view';

/** A task's own task_key (`defaults` never gives one) and where its value is written. */
export interface TaskKeySlot {
  readonly key: unknown;
  readonly span: Span;
}

/** Codes of the findings that depend on more than one task; everything else is found task by task. */
export const CROSS_TASK_CODES: readonly string[] = ['duplicate-task-key'];

/** The slot of task `index` of a loaded document (`raw` and `source` as loadPact returned them). */
export function taskKeySlot(raw: unknown, source: PactSource, index: number): TaskKeySlot {
  const tasks = isPlainObject(raw) && Array.isArray(raw.validations) ? raw.validations : [];
  const task: unknown = tasks[index];
  const key = isPlainObject(task) ? task.task_key : undefined;
  const span = typeof key === 'string' && key !== '' ? valueSpan(source, ['validations', index, 'task_key']) : { start: 0, end: 0 };
  return { key, span };
}

/** The cross-task findings of tasks whose keys are `slots` (in document order); `lineOf` gives 1-based lines. */
export function crossTaskProblems(slots: readonly TaskKeySlot[], lineOf: (offset: number) => number): Problem[] {
  const views = new Map<TaskView, TaskKeySlot>();
  slots.forEach((slot, index) => {
    const values = slot.key === undefined ? {} : { task_key: slot.key };
    views.set({ index, path: ['validations', index], label: '', values, origin: () => 'task' }, slot);
  });
  const spanOf = (task: TaskView): Span => views.get(task)?.span ?? { start: 0, end: 0 };
  const context: RuleContext = {
    source: undefined as never, // the task-keys rule reads only the spans given here
    tasks: [...views.keys()],
    keySpan: spanOf,
    valueSpan: spanOf,
    taskSpan: spanOf,
    lineOf,
    sqlLexicon: undefined as never, // nor any SQL
  };
  return taskKeysRule.check(context).filter((p) => CROSS_TASK_CODES.includes(p.code));
}
