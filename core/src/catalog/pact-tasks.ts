/**
 * Reading tasks out of the raw YAML data, so that tooling works on a pact that does not validate yet.
 * Each value keeps the path it came from, so findings can be placed with `PactSource.locate`.
 */
import type { PathSegment } from '../pact/load-pact';

export type Side = 'source' | 'target';
export const SIDES: readonly Side[] = ['source', 'target'];

/** A value of a task, with the YAML path where it is written (the task itself or the `defaults` block). */
export interface Located<T> {
  value: T;
  path: PathSegment[];
}

export interface RawTask {
  index: number;
  /** The task's own mapping. */
  data: Record<string, unknown>;
  /** The task's path, `['validations', index]`. */
  path: PathSegment[];
  taskKey?: string;
  /** A key's value from the task, else from a top-level `defaults` mapping. */
  get(key: string): Located<unknown> | undefined;
}

export interface TableRef {
  catalog: Located<string>;
  schema: Located<string>;
  table: Located<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function rawTasks(raw: unknown): RawTask[] {
  if (!isRecord(raw) || !Array.isArray(raw.validations)) return [];
  const defaults = isRecord(raw.defaults) ? raw.defaults : {};
  return raw.validations.flatMap((data, index): RawTask[] => {
    if (!isRecord(data)) return [];
    const path: PathSegment[] = ['validations', index];
    return [
      {
        index,
        data,
        path,
        taskKey: typeof data.task_key === 'string' ? data.task_key : undefined,
        get(key) {
          if (data[key] !== undefined && data[key] !== null) return { value: data[key], path: [...path, key] };
          if (defaults[key] !== undefined && defaults[key] !== null) return { value: defaults[key], path: ['defaults', key] };
          return undefined;
        },
      },
    ];
  });
}

/** The source or target table of a task, when all three parts are non-empty strings. */
export function tableRef(task: RawTask, side: Side): TableRef | undefined {
  const parts = (['catalog', 'schema', 'table'] as const).map((part) => task.get(`${side}_${part}`));
  if (!parts.every((p) => p && typeof p.value === 'string' && p.value !== '')) return undefined;
  const [catalog, schema, table] = parts as Located<string>[];
  return { catalog: catalog!, schema: schema!, table: table! };
}

/** A list of column names (`[a, b]`), each with its own path; non-string items are skipped. */
export function columnList(task: RawTask, key: string): Located<string>[] {
  const list = task.get(key);
  if (!list || !Array.isArray(list.value)) return [];
  return list.value.flatMap((item, i) => (typeof item === 'string' ? [{ value: item, path: [...list.path, i] }] : []));
}
