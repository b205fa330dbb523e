/**
 * Catalog facts for one task, shared by completion and hover: the task's tables, their columns, and the
 * names a value position may take. Waits (briefly) for the catalog; an unanswered catalog means "no facts".
 */
import {
  COLUMN_LIST_KEYS,
  findTable,
  rawTasks,
  type CatalogMemo,
  type PathSegment,
  type RawTask,
  type Side,
  type TableInfo,
} from '../../core/src/index';

/** How long an editor request waits for a catalog that is still loading. */
export const CATALOG_WAIT_MS = 3000;

export type CatalogSlot =
  | { kind: 'catalog'; side: Side }
  | { kind: 'schema'; side: Side }
  | { kind: 'table'; side: Side }
  | { kind: 'column'; listKey: string };

/** Which catalog name a value at `path` holds, if any. */
export function catalogSlot(path: readonly PathSegment[]): CatalogSlot | undefined {
  if (path[0] !== 'validations' && path[0] !== 'defaults') return undefined;
  const rest = path.slice(path[0] === 'validations' ? 2 : 1);
  const [first, second, third] = rest;
  if (typeof first !== 'string') return undefined;
  const side = /^(source|target)_(catalog|schema|table)$/.exec(first);
  if (side && rest.length === 1) return { kind: side[2] as 'catalog' | 'schema' | 'table', side: side[1] as Side };
  if ((COLUMN_LIST_KEYS as readonly string[]).includes(first) && rest.length <= 2) return { kind: 'column', listKey: first };
  // Inside a filter (raw SQL over both tables) the word at the cursor completes to a column name.
  if (first === 'filter' && rest.length === 1) return { kind: 'column', listKey: 'filter' };
  if (first === 'agg_validations' && typeof second === 'number' && third === 'column' && rest.length === 3) {
    return { kind: 'column', listKey: 'agg_validations' };
  }
  return undefined;
}

/** The task a path is in; the `defaults` block counts as a task (its catalog names complete the same way). */
export function taskAt(raw: unknown, path: readonly PathSegment[]): RawTask | undefined {
  const defaults = (raw as { defaults?: unknown } | undefined)?.defaults;
  if (path[0] === 'defaults' && typeof defaults === 'object' && defaults !== null && !Array.isArray(defaults)) {
    const data = defaults as Record<string, unknown>;
    return { index: -1, data, path: ['defaults'], get: (key) => (data[key] == null ? undefined : { value: data[key], path: ['defaults', key] }) };
  }
  if (path[0] !== 'validations' || typeof path[1] !== 'number') return undefined;
  return rawTasks(raw).find((t) => t.index === path[1]);
}

const text = (task: RawTask, key: string) => {
  const value = task.get(key)?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Loads what the task needs from the catalog; resolves when loaded, when the wait is over, or when `signal` aborts
 * (the client cancelled the request: its questions are dropped unless someone else waits for them).
 */
export async function loadForTask(memo: CatalogMemo, task: RawTask | undefined, signal?: AbortSignal): Promise<void> {
  const catalogs: string[] = [];
  const schemas: Array<[string, string]> = [];
  for (const side of ['source', 'target'] as const) {
    const catalog = task && text(task, `${side}_catalog`);
    const schema = task && text(task, `${side}_schema`);
    if (catalog) catalogs.push(catalog);
    if (catalog && schema) schemas.push([catalog, schema]);
  }
  const loading = memo.load({ catalogs, schemas }, signal);
  if (!loading) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([loading, new Promise<void>((resolve) => (timer = setTimeout(resolve, CATALOG_WAIT_MS)))]);
  clearTimeout(timer);
}

export function taskTable(memo: CatalogMemo, task: RawTask, side: Side): TableInfo | undefined {
  const [catalog, schema, table] = ['catalog', 'schema', 'table'].map((p) => text(task, `${side}_${p}`));
  if (!catalog || !schema || !table) return undefined;
  return findTable(memo, catalog, schema, table);
}

export function sideValue(task: RawTask, side: Side, part: 'catalog' | 'schema'): string | undefined {
  return text(task, `${side}_${part}`);
}
