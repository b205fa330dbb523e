/**
 * Tasks as the rules see them: the `defaults` block merged in, with the knowledge of where each key was
 * written (the task itself, an inherited `<<` merge, or `defaults`), so that a finding lands on the line
 * the user has to change.
 */
import { taskLabel } from './describe-value';
import { resolvePath, type PactSource, type PathSegment } from './pact-source';

export type KeyOrigin = 'task' | 'inherited' | 'defaults';

export interface TaskView {
  /** Position in `validations`. */
  readonly index: number;
  /** `['validations', index]`. */
  readonly path: readonly PathSegment[];
  /** `task 'orders'` (or `task 3` without a task_key), for messages. */
  readonly label: string;
  /** The task's keys with `defaults` merged in (task keys win; `null` clears a default). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Where `key` comes from, or undefined when the merged task does not set it. */
  origin(key: string): KeyOrigin | undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `defaults` into a task: task keys win, and `null` (in either) means "not set". */
export function mergeDefaults(defaults: Record<string, unknown> | undefined, task: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults ?? {})) if (value !== null && key !== 'task_key') merged[key] = value;
  for (const [key, value] of Object.entries(task)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** One view per task that is a mapping; other items are left to the schema's findings. */
export function taskViews(raw: unknown, source: PactSource): TaskView[] {
  if (!isPlainObject(raw) || !Array.isArray(raw.validations)) return [];
  const defaults = isPlainObject(raw.defaults) ? raw.defaults : undefined;
  const views: TaskView[] = [];
  raw.validations.forEach((task: unknown, index: number) => {
    if (!isPlainObject(task)) return;
    const path = ['validations', index] as const;
    const values = mergeDefaults(defaults, task);
    const origins = new Map<string, KeyOrigin | undefined>();
    views.push({
      index,
      path,
      label: taskLabel(task, index),
      values,
      origin(key) {
        if (!(key in values)) return undefined;
        if (origins.has(key)) return origins.get(key);
        let origin: KeyOrigin;
        if (key in task) origin = resolvePath(source.yaml, [...path, key])?.inherited ? 'inherited' : 'task';
        else origin = 'defaults';
        origins.set(key, origin);
        return origin;
      },
    });
  });
  return views;
}
