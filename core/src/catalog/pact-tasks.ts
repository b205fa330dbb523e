/**
 * Reading tasks out of the raw YAML data, so that tooling works on a pact that does not validate yet.
 * Each value keeps the path it came from, so findings can be placed with `PactSource.locate`. The merge itself
 * is `pact/task-view.ts`'s, so a task reads the same here as in the loader's rules and the SQL.
 */
import { taskViews, type Located, type MergedTask } from '../pact/task-view';

export type { Located };

export type Side = 'source' | 'target';
export const SIDES: readonly Side[] = ['source', 'target'];

/** A task with its defaults merged, as catalog checks and editor features read it (one view: `pact/task-view.ts`). */
export type RawTask = Pick<MergedTask, 'index' | 'data' | 'path' | 'taskKey' | 'get'>;

export interface TableRef {
  catalog: Located<string>;
  schema: Located<string>;
  table: Located<string>;
}

/** Every task of the raw document that is a mapping, with `defaults` merged by the one rule of `taskViews`. */
export function rawTasks(raw: unknown): MergedTask[] {
  return taskViews(raw);
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
