/**
 * Builder state -> pact text. A new pact is written whole (`pactTextFromState`); an existing pact is edited
 * (`applyBuilderState`) with the fewest changes: a value that changed is replaced where it stands, so comments,
 * key order, quoting and blank lines stay as the author left them. Only when the shape changes (a key or a task
 * added or removed, a multi-line value rewritten) is the document re-printed by the `yaml` library, which still
 * keeps comments and order.
 *
 * Effective values become edits this way: a value equal to what the task inherits (from `defaults` or a `<<`
 * merge) is not written into the task; a value removed from a task that inherits one is written as `null`
 * (null clears a default).
 */
import { Document, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { TASK_KEY_ORDER } from '../model/pact';
import { isPlainObject, mergeDefaults } from '../pact/task-view';
import { builderStateFromText, parseBuilderDocument, type BuilderState, type BuilderTask } from './builder-state';


const ENGINE_KEY_ORDER = ['type', 'catalogs', 'results', 'profile', 'host', 'warehouse', 'results_table', 'job_name'];

/** A whole new pact file for `state`. */
export function pactTextFromState(state: BuilderState, header = 'A DataPact pact: each task checks that a target table still matches its source.'): string {
  const doc = new Document({});
  doc.commentBefore = ` ${header}`;
  const root = doc.contents as YAMLMap;
  if (state.engine && Object.keys(state.engine).length > 0) root.add(new Pair(doc.createNode('engine'), mappingNode(doc, state.engine, ENGINE_KEY_ORDER)));
  const tasks = new YAMLSeq();
  state.tasks.forEach((task, index) => {
    const node = taskNode(doc, task.values);
    if (index > 0) node.spaceBefore = true;
    tasks.items.push(node);
  });
  const pair = new Pair(doc.createNode('validations'), tasks);
  if (root.items.length > 0) (pair.key as Scalar).spaceBefore = true;
  root.add(pair);
  return doc.toString(PRINT_OPTIONS);
}

/**
 * `text` edited so that it says what `state` says. The result is `text` itself when nothing changed.
 * @throws BuilderInputError when `text` is not a pact the builder can edit safely
 */
export function applyBuilderState(text: string, state: BuilderState): string {
  const before = builderStateFromText(text);
  const doc = parseBuilderDocument(text);
  const edits = new EditLog();
  const root = ensureRootMap(doc, edits);

  if (!deepEqual(before.engine, state.engine)) {
    const engineNode = root.get('engine', true) as Node | undefined;
    if (state.engine === undefined) {
      root.delete('engine');
      edits.structural();
    } else if (engineNode && isMap(engineNode) && before.engine) {
      patchMapping(doc, engineNode, before.engine, state.engine, {}, edits, ENGINE_KEY_ORDER);
    } else {
      root.set('engine', mappingNode(doc, state.engine, ENGINE_KEY_ORDER));
      edits.structural();
    }
  }

  const declared = (doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null)?.defaults;
  const defaults = isPlainObject(declared) ? declared : undefined;
  let seq = root.get('validations', true) as YAMLSeq | undefined;
  if (!seq) {
    seq = new YAMLSeq();
    root.set('validations', seq);
    edits.structural();
  }
  const originalItems = [...seq.items];
  const newItems = state.tasks.map((task, index) => taskItem(doc, task, originalItems, before.tasks, defaults, edits, index));
  const sameOrder = newItems.length === originalItems.length && newItems.every((item, i) => item === originalItems[i]);
  if (!sameOrder) {
    seq.items = newItems;
    edits.structural();
  }
  return edits.render(text, doc);
}

// No folding of long lines, `[a, b]` as the examples write flow lists.
const PRINT_OPTIONS = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;

function taskItem(
  doc: Document,
  task: BuilderTask,
  originalItems: unknown[],
  beforeTasks: BuilderTask[],
  defaults: Record<string, unknown> | undefined,
  edits: EditLog,
  index: number,
): unknown {
  const node = task.origin === undefined ? undefined : originalItems[task.origin];
  const previous = task.origin === undefined ? undefined : beforeTasks[task.origin];
  if (node && isMap(node) && previous) {
    patchMapping(doc, node, previous.values, task.values, inheritedValues(node, defaults), edits, TASK_KEY_ORDER);
    return node;
  }
  const created = taskNode(doc, ownValues(task.values, defaults));
  if (index > 0) created.spaceBefore = true;
  return created;
}

/** What a task mapping inherits without its own keys: `<<` merges, then `defaults`. */
function inheritedValues(node: YAMLMap, defaults: Record<string, unknown> | undefined): Record<string, unknown> {
  const mergedOnly = new YAMLMap();
  mergedOnly.items = node.items.filter((pair) => isScalar(pair.key) && pair.key.value === '<<');
  const fromMerges = (new Document(mergedOnly, { merge: true }).toJS({ maxAliasCount: -1 }) ?? {}) as Record<string, unknown>;
  return mergeDefaults(defaults, fromMerges);
}

/** A new task's own keys: what differs from `defaults` (the whole task when the file has none). */
function ownValues(values: Record<string, unknown>, defaults: Record<string, unknown> | undefined): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (!deepEqual(defaults?.[key], value)) own[key] = value;
  for (const key of Object.keys(defaults ?? {})) if (key !== 'task_key' && !(key in values)) own[key] = null;
  return own;
}

function patchMapping(
  doc: Document,
  map: YAMLMap,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  inherited: Record<string, unknown>,
  edits: EditLog,
  keyOrder: readonly string[],
  inFlow = Boolean(map.flow),
): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const was = before[key];
    const now = after[key];
    if (deepEqual(was, now)) continue;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (now === undefined) {
      if (inherited[key] !== undefined && inherited[key] !== null) {
        if (pair) replaceValue(doc, pair, null, edits, inFlow);
        else addPair(doc, map, key, null, keyOrder, edits);
      } else if (pair) {
        map.items.splice(map.items.indexOf(pair), 1);
        edits.structural();
      }
    } else if (pair) {
      replaceValue(doc, pair, now, edits, inFlow);
    } else if (!deepEqual(inherited[key], now)) {
      addPair(doc, map, key, now, keyOrder, edits);
    }
  }
}

function addPair(doc: Document, map: YAMLMap, key: string, value: unknown, keyOrder: readonly string[], edits: EditLog): void {
  const pair = new Pair(doc.createNode(key), valueNode(doc, key, value));
  const rank = (k: unknown) => {
    const at = keyOrder.indexOf(String(k));
    return at < 0 ? keyOrder.length : at;
  };
  const insertAt = map.items.findIndex((p) => isScalar(p.key) && p.key.value !== '<<' && rank(p.key.value) > rank(key));
  if (insertAt < 0) map.items.push(pair);
  else map.items.splice(insertAt, 0, pair);
  edits.structural();
}

/** Replaces a pair's value, in place in the text when the old and new values allow it. */
function replaceValue(doc: Document, pair: Pair, value: unknown, edits: EditLog, inFlow: boolean): void {
  const old = pair.value as Node | null;
  patchNode(doc, old, value, edits, (node) => {
    pair.value = node;
  }, pair.key, inFlow);
}

function patchNode(
  doc: Document,
  old: Node | null,
  value: unknown,
  edits: EditLog,
  set: (node: Node) => void,
  key: unknown,
  inFlow: boolean,
): void {
  if (old && isScalar(old) && !isPlainObject(value) && !Array.isArray(value)) {
    const inline = inlineScalar(value, old, inFlow);
    if (inline !== undefined && old.range) {
      edits.inPlace(old.range[0], old.range[1], inline);
      old.value = value;
      return;
    }
  }
  if (old && isSeq(old) && Array.isArray(value)) {
    const items = old.items as Node[];
    if (items.length === value.length && !old.flow) {
      value.forEach((item, i) => patchNode(doc, items[i] ?? null, item, edits, (node) => { old.items[i] = node; }, key, false));
      return;
    }
    if (old.flow && value.every((v) => !isPlainObject(v) && !Array.isArray(v)) && old.range) {
      const parts = value.map((v) => inlineScalar(v, undefined, true));
      if (parts.every((p): p is string => p !== undefined)) {
        const text = items.length === 0 && value.length === 0 ? '[]' : `[${parts.join(', ')}]`;
        edits.inPlace(old.range[0], old.range[1], text);
        old.items = value.map((v) => doc.createNode(v));
        return;
      }
    }
    if (old.flow && items.length === value.length) {
      value.forEach((item, i) => patchNode(doc, items[i] ?? null, item, edits, (node) => { old.items[i] = node; }, key, true));
      return;
    }
  }
  if (old && isMap(old) && isPlainObject(value)) {
    const before = (new Document(old).toJS({ maxAliasCount: -1 }) ?? {}) as Record<string, unknown>;
    patchMapping(doc, old, before, value, {}, edits, [], inFlow || Boolean(old.flow));
    return;
  }
  set(valueNode(doc, String(key), value));
  edits.structural();
}

/**
 * A scalar as YAML text that reads back as exactly `value`, or undefined when it needs a multi-line form.
 * Keeps the old node's quoting when it was quoted; in flow collections plain text avoids `,[]{}`.
 */
function inlineScalar(value: unknown, old: Scalar | undefined, inFlow: boolean): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  if (value.includes('\n')) return undefined;
  const quoted = old?.type === Scalar.QUOTE_DOUBLE || old?.type === Scalar.QUOTE_SINGLE;
  if (!quoted && isSafePlain(value, inFlow)) return value;
  if (old?.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d|0x|0o|\.inf|\.nan)/i;

function isSafePlain(value: string, inFlow: boolean): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (RESERVED_PLAIN.test(value) || NUMBER_LIKE.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #|\t/.test(value)) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f]/.test(value);
}

function taskNode(doc: Document, values: Record<string, unknown>): YAMLMap {
  return mappingNode(doc, values, TASK_KEY_ORDER);
}

function mappingNode(doc: Document, values: Record<string, unknown>, keyOrder: readonly string[]): YAMLMap {
  const map = new YAMLMap();
  const rank = (k: string) => {
    const at = keyOrder.indexOf(k);
    return at < 0 ? keyOrder.length : at;
  };
  const keys = Object.keys(values).sort((a, b) => rank(a) - rank(b));
  for (const key of keys) map.add(new Pair(doc.createNode(key), valueNode(doc, key, values[key])));
  return map;
}

/** Lists of names and small `{ agg, tolerance }` items read best in flow style, as the examples write them. */
function valueNode(doc: Document, key: string, value: unknown): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((item) => valueNode(doc, key, item));
    seq.flow = value.every((item) => !isPlainObject(item) && !Array.isArray(item));
    return seq;
  }
  if (isPlainObject(value)) {
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.add(new Pair(doc.createNode(k), valueNode(doc, k, v)));
    map.flow = Object.values(value).every((v) => !isPlainObject(v) && !Array.isArray(v) && !(typeof v === 'string' && v.includes('\n'))) &&
      Object.keys(value).length <= 3 && key !== 'engine' && key !== 'catalogs';
    return map;
  }
  const node = doc.createNode(value) as Scalar;
  if (typeof value === 'string' && value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

function ensureRootMap(doc: Document, edits: EditLog): YAMLMap {
  if (isMap(doc.contents)) return doc.contents;
  doc.contents = new YAMLMap() as never;
  edits.structural();
  return doc.contents as unknown as YAMLMap;
}

/** Edits to the text: in-place replacements while the shape holds, a re-print of the document once it does not. */
class EditLog {
  private readonly replacements: { start: number; end: number; text: string }[] = [];
  private reprint = false;

  inPlace(start: number, end: number, text: string): void {
    this.replacements.push({ start, end, text });
  }

  structural(): void {
    this.reprint = true;
  }

  render(original: string, doc: Document): string {
    if (this.reprint) return doc.toString(PRINT_OPTIONS);
    let text = original;
    for (const edit of [...this.replacements].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    }
    return text;
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
