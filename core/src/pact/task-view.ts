/**
 * Tasks with their defaults merged: the one view every reader uses (loader rules, normalisation, catalog checks,
 * embedded SQL checks, editor features), so they all follow one rule: task keys win, `null` (in either) means
 * "not set" and clears a default. Each value knows where it was written (the task itself, an inherited `<<`
 * merge, or `defaults`), so that a finding lands on the line the user has to change.
 */
import { taskLabel } from './describe-value';
import { resolvePath, type PactSource, type PathSegment } from './pact-source';

export type KeyOrigin = 'task' | 'inherited' | 'defaults';

/** A value of a task, with the YAML path where it is written (the task itself or the `defaults` block). */
export interface Located<T> {
  value: T;
  path: PathSegment[];
}

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

/** A task of a document as tooling reads it (catalog checks, embedded SQL, editor features): the view plus paths. */
export interface MergedTask extends TaskView {
  readonly path: PathSegment[];
  /** The task's own mapping, as written. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The task's `task_key` when it is a string. */
  readonly taskKey?: string;
  /** A merged value with the path where it is written (`['defaults', key]` for an inherited default). */
  get(key: string): Located<unknown> | undefined;
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

/**
 * One view per task that is a mapping; other items are left to the schema's findings. Without `source`, a key
 * that a `<<` merge brought in counts as the task's own (origin `task`).
 */
export function taskViews(raw: unknown, source?: PactSource): MergedTask[] {
  if (!isPlainObject(raw) || !Array.isArray(raw.validations)) return [];
  const defaults = isPlainObject(raw.defaults) ? raw.defaults : undefined;
  const views: MergedTask[] = [];
  raw.validations.forEach((task: unknown, index: number) => {
    if (!isPlainObject(task)) return;
    const path: PathSegment[] = ['validations', index];
    const values = mergeDefaults(defaults, task);
    const origins = new Map<string, KeyOrigin | undefined>();
    views.push({
      index,
      path,
      label: taskLabel(task, index),
      values,
      data: task,
      ...(typeof task.task_key === 'string' ? { taskKey: task.task_key } : {}),
      origin(key) {
        if (!(key in values)) return undefined;
        if (origins.has(key)) return origins.get(key);
        let origin: KeyOrigin;
        if (key in task) origin = source && resolvePath(source.yaml, [...path, key])?.inherited ? 'inherited' : 'task';
        else origin = 'defaults';
        origins.set(key, origin);
        return origin;
      },
      get(key) {
        if (!(key in values)) return undefined;
        return { value: values[key], path: key in task ? [...path, key] : ['defaults', key] };
      },
    });
  });
  return views;
}
