/**
 * The pact builder's state: what a person edits in the builder (the webview in VS Code, the pages of
 * `datapact app`) without writing YAML. A task is held with its **effective** values — `defaults` and `<<` merges
 * already applied — because that is what the task means and what the builder shows; writing the state back
 * (`apply-builder-state.ts`) turns effective values into the fewest edits of the file.
 *
 * Values keep their YAML spelling (`agg: sum` stays `sum`): the builder round-trips what the file says and leaves
 * normalisation to `loadPact`, so opening and saving a pact unchanged rewrites nothing.
 */
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { isPlainObject, mergeDefaults } from '../pact/task-view';

/** One task as the builder edits it: YAML keys of a validation task, with defaults merged in. */
export interface BuilderTask {
  /** The task's position in the file it was read from; absent for a task the builder added. */
  origin?: number;
  values: Record<string, unknown>;
}

export interface BuilderState {
  /** The pact's `engine` block as written (paths relative to the pact file), absent when the file has none. */
  engine?: Record<string, unknown>;
  /** The file's `defaults` block as written: new tasks start from it (the builder does not edit it). */
  defaults?: Record<string, unknown>;
  tasks: BuilderTask[];
}

/** Why a text cannot be opened in the builder (it is not a pact the builder can edit safely). */
export class BuilderInputError extends Error {}

// merge: 2.x pacts use `<<: *defaults`; uniqueKeys off as in core's parser (duplicates are a finding, not a crash).
const PARSE_OPTIONS = { merge: true, uniqueKeys: false, logLevel: 'error' } as const;

export function parseBuilderDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new BuilderInputError(`the file is not valid YAML (${first.message.split('\n')[0]}); fix it in the editor first`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) throw new BuilderInputError('a pact is a mapping with a `validations` list');
  const validations = doc.get('validations', true);
  if (validations !== undefined && validations !== null && !isSeq(validations)) {
    throw new BuilderInputError('`validations` must be a list of tasks');
  }
  return doc;
}

/** The builder state of a pact text. @throws BuilderInputError for text the builder cannot edit safely */
export function builderStateFromText(text: string): BuilderState {
  const doc = parseBuilderDocument(text);
  const data: unknown = doc.toJS({ maxAliasCount: -1 }) ?? {};
  const root = isPlainObject(data) ? data : {};
  const defaults = isPlainObject(root.defaults) ? root.defaults : undefined;
  const tasks = (Array.isArray(root.validations) ? root.validations : []).map((task, index): BuilderTask => {
    if (!isPlainObject(task)) throw new BuilderInputError(`task ${index + 1} is not a mapping; fix it in the editor first`);
    return { origin: index, values: mergeDefaults(defaults, task) };
  });
  const state: BuilderState = { tasks };
  if (isPlainObject(root.engine)) state.engine = { ...root.engine };
  if (defaults) state.defaults = { ...defaults };
  return state;
}

/**
 * A new task for `state`: it starts from the pact's defaults, and the target names default to the source's
 * (the usual migration keeps them). Its task key is one no other task has.
 */
export function newBuilderTask(
  state: BuilderState,
  source: { catalog: string; schema: string; table: string },
  target?: { catalog?: string; schema?: string },
): BuilderTask {
  const inherited = mergeDefaults(state.defaults, {});
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    values: {
      count_tolerance: 0,
      ...inherited,
      task_key: freeTaskKey(state, uniqueTaskKeyBase(source.table)),
      source_catalog: source.catalog,
      source_schema: source.schema,
      source_table: source.table,
      target_catalog: target?.catalog ?? text(inherited.target_catalog) ?? source.catalog,
      target_schema: target?.schema ?? text(inherited.target_schema) ?? source.schema,
      target_table: source.table,
    },
  };
}

/** A copy of `task` with a task key no other task of `state` has (`orders_copy`, `orders_copy_2`, …). */
export function duplicateBuilderTask(state: BuilderState, index: number): BuilderState {
  const original = state.tasks[index];
  if (!original) return state;
  const copy: BuilderTask = { values: structuredClone(original.values) };
  copy.values.task_key = freeTaskKey(state, `${String(original.values.task_key ?? 'task')}_copy`);
  const tasks = [...state.tasks];
  tasks.splice(index + 1, 0, copy);
  return { ...state, tasks };
}

export function freeTaskKey(state: BuilderState, base: string): string {
  const taken = new Set(state.tasks.map((t) => String(t.values.task_key)));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function uniqueTaskKeyBase(table: string): string {
  const key = table.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return key === '' ? 'task' : key;
}
