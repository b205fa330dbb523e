/**
 * The parsed text of a pact and the way back from a model path to the place in the file.
 *
 * Paths are followed through YAML aliases and `<<` merge keys, so a value that a task inherits from an
 * anchored block is found where it is written.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;

export interface Span {
  start: number;
  end: number;
}

/** The parsed text, kept so that any consumer can map a model path back to its place in the file. */
export interface PactSource {
  readonly text: string;
  readonly yaml: Document.Parsed;
  readonly lines: LineCounter;
  /** Set when the text was not parsed at all (it nests too deeply): the finding that says so. */
  readonly unparsed?: { message: string; start: number; end: number };
  /** The span of the node at `path` (`part: 'key'` gives the key of a mapping pair instead of its value). */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): Span | undefined;
}

/** Where a path leads in the YAML tree. */
export interface ResolvedPath {
  /** The key node of the last mapping step (absent for a sequence index or the root). */
  key?: Node;
  /** The value node (alias resolved); absent when the pair has no value or the path does not exist. */
  value?: Node | null;
  /** True when some step went through a `<<` merge key or an alias: the node is shared, not the task's own. */
  inherited: boolean;
}

const aliasCache = new WeakMap<Document.Parsed, Map<unknown, unknown>>();

/**
 * Every alias of the document -> the node it refers to (the last anchor of that name before it), found in
 * one pass. yaml's own `Alias.resolve(doc)` walks the whole document per call, which made a 1,000-task pact
 * with `<<: *defaults` in every task quadratic.
 */
export function aliasTargets(doc: Document.Parsed): Map<unknown, unknown> {
  let targets = aliasCache.get(doc);
  if (targets) return targets;
  targets = new Map();
  const anchors = new Map<string, unknown>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) targets!.set(node, anchors.get(node.source));
      else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    },
  });
  aliasCache.set(doc, targets);
  return targets;
}

/** Resolves an alias (chain) to its anchored node; undefined when the anchor does not exist. */
export function deref(doc: Document.Parsed, node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 8 && isAlias(current); i++) current = aliasTargets(doc).get(current);
  return current;
}

/** The text of a pair's scalar key; merge keys (parsed as a symbol) read as `<<`. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'symbol') return '<<';
  return key.value === null ? '' : String(key.value);
}

/** Finds the pair for `segment` in a mapping: the last direct pair wins, then `<<` merged mappings in order. */
export function findPair(
  doc: Document.Parsed,
  map: unknown,
  segment: string,
  depth = 0,
): { pair: Pair; inherited: boolean } | undefined {
  if (!isMap(map) || depth > 8) return undefined;
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i];
    if (isPair(pair) && keyText(pair) === segment && segment !== '<<') return { pair, inherited: false };
  }
  for (const pair of items) {
    if (!isPair(pair) || keyText(pair) !== '<<') continue;
    const merged = deref(doc, pair.value);
    const sources = isSeq(merged) ? merged.items.map((n) => deref(doc, n)) : [merged];
    for (const sourceMap of sources) {
      const found = findPair(doc, sourceMap, segment, depth + 1);
      if (found) return { pair: found.pair, inherited: true };
    }
  }
  return undefined;
}

/** Follows `path` from the document root. Returns undefined when a step does not exist. */
export function resolvePath(doc: Document.Parsed, path: readonly PathSegment[]): ResolvedPath | undefined {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let inherited = false;
  for (const segment of path) {
    if (isAlias(node)) inherited = true;
    node = deref(doc, node);
    key = undefined;
    if (isMap(node)) {
      const found = findPair(doc, node, String(segment));
      if (!found) return undefined;
      inherited ||= found.inherited;
      key = (found.pair.key as Node | null) ?? undefined;
      node = found.pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      if (segment < 0 || segment >= node.items.length) return undefined;
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  if (isAlias(node)) {
    inherited = true;
    node = deref(doc, node);
  }
  return { key, value: (node as Node | null | undefined) ?? null, inherited };
}

export function spanOf(node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: range[1] };
}

export function createSource(
  text: string,
  yaml: Document.Parsed,
  lines: LineCounter,
  unparsed?: PactSource['unparsed'],
): PactSource {
  return {
    text,
    yaml,
    lines,
    ...(unparsed ? { unparsed } : {}),
    locate(path, part = 'value') {
      const resolved = resolvePath(yaml, path);
      if (!resolved) return undefined;
      return spanOf(part === 'key' ? resolved.key : resolved.value);
    },
  };
}
