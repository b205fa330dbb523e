/**
 * What the cursor is on, for completion: a key being written in some mapping, or a value at some path.
 * A half-typed key (`    pri`) is not a key to a YAML parser (it folds into the previous value), so for a line
 * that has no `:` yet the text is re-parsed with a placeholder key at the cursor, which tells where it belongs.
 */
import { isSeq } from 'yaml';
import { parsePactText, pathAt, type PactSource, type PathAtOffset, type PathSegment } from '../../core/src/index';
import type { ParsedPact } from './documents';
import { isObjectSchema, schemaAt } from './schema-index';

export const PLACEHOLDER = '__datapact_cursor__';

/** The parsed text and its plain data: the document's own, or that of the patched text. */
export interface PactView {
  raw: unknown;
  source: PactSource;
}

/** The patched text parsed the way core parses a pact (same YAML options, same fast path), with its plain data. */
function parseView(text: string): PactView {
  const source = parsePactText(text);
  let raw: unknown;
  try {
    raw = source.yaml.toJS({ maxAliasCount: 1000 });
  } catch {
    raw = undefined;
  }
  return { raw, source };
}

export type CursorContext =
  | { kind: 'key'; mapPath: PathSegment[]; view: PactView; wordStart: number; wordEnd: number; newItem: boolean }
  | { kind: 'value'; path: PathSegment[]; view: PactView; wordStart: number; wordEnd: number };

const WORD = /[\w.$-]/;

export function cursorContext(pact: ParsedPact, offset: number): CursorContext {
  const text = pact.loaded.source.text;
  let wordStart = offset;
  while (wordStart > 0 && WORD.test(text[wordStart - 1]!)) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && WORD.test(text[wordEnd]!)) wordEnd++;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, wordStart);

  // `key: va|`, `key: [a, b|`, `- b|` inside flow: a value of the parsed document.
  if (/^\s*(?:-\s+)*[^\s#-][^#]*:\s/.test(before) || /[[,{]\s*$/.test(before)) {
    const at = pathAt(pact.loaded.source, offset);
    return { kind: 'value', path: at.path, view: pact.loaded, wordStart, wordEnd };
  }
  // `    wor|` or `  - wor|` or an empty line: re-parse with a placeholder key here.
  if (/^\s*(?:-\s+)*$/.test(before)) {
    const { view, at } = patchedPath(pact, wordStart, wordEnd, before.length);
    const last = at.path.length - 1;
    if (at.path[last] === PLACEHOLDER) {
      const mapPath = at.path.slice(0, last);
      // A placeholder inside a list of strings (`- na|` under primary_keys) is an item value, not a key.
      if (!isObjectSchema(schemaAt(mapPath))) return { kind: 'value', path: mapPath, view, wordStart, wordEnd };
      return { kind: 'key', mapPath, view, wordStart, wordEnd, newItem: /-\s+$/.test(before) };
    }
  }
  const at = pathAt(pact.loaded.source, offset);
  return at.part === 'key'
    ? { kind: 'key', mapPath: at.path.slice(0, -1), view: pact.loaded, wordStart, wordEnd, newItem: false }
    : { kind: 'value', path: at.path, view: pact.loaded, wordStart, wordEnd };
}

/**
 * The path of a placeholder key written at the cursor. Inside a task only that task's text is re-parsed (as a
 * stand-alone list), so completion stays fast in a pact of thousands of tasks; elsewhere the whole text is.
 */
function patchedPath(pact: ParsedPact, wordStart: number, wordEnd: number, column: number): { view: PactView; at: PathAtOffset } {
  const text = pact.loaded.source.text;
  const chunk = taskChunk(pact, wordStart, column);
  if (chunk) {
    const patched = text.slice(chunk.start, wordStart) + PLACEHOLDER + ': ' + text.slice(wordEnd, chunk.end);
    const mini = parseView(patched);
    const at = pathAt(mini.source, wordStart - chunk.start + 1);
    if (typeof at.path[0] === 'number') {
      const index = chunk.index + at.path[0];
      const validations: unknown[] = [];
      if (Array.isArray(mini.raw)) mini.raw.forEach((item, k) => (validations[chunk.index + k] = item));
      return { view: { raw: { validations }, source: mini.source }, at: { path: ['validations', index, ...at.path.slice(1)], part: at.part } };
    }
  }
  const view = parseView(text.slice(0, wordStart) + PLACEHOLDER + ': ' + text.slice(wordEnd));
  return { view, at: pathAt(view.source, wordStart + 1) };
}

/** The text of the `validations` item the cursor is in (from its line start), when the cursor is inside one. */
function taskChunk(pact: ParsedPact, offset: number, column: number): { start: number; end: number; index: number } | undefined {
  const { source } = pact.loaded;
  const seq = source.yaml.get('validations', true) as unknown;
  if (!isSeq(seq)) return undefined;
  let index = -1;
  seq.items.forEach((item, i) => {
    const range = (item as { range?: number[] } | null)?.range;
    if (range && range[0]! <= offset) index = i;
  });
  if (index < 0) return undefined;
  const itemStart = (seq.items[index] as { range: number[] }).range;
  const start = source.text.lastIndexOf('\n', itemStart[0]! - 1) + 1;
  const dashColumn = source.text.slice(start, itemStart[0]).search(/-/);
  if (dashColumn < 0 || column < dashColumn) return undefined;
  const lineEnd = source.text.indexOf('\n', offset);
  const end = Math.max(itemStart[1]!, lineEnd < 0 ? source.text.length : lineEnd);
  return { start, end, index };
}

/** The mapping at `path` in the raw data (keys already written there). */
export function rawAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let node = raw;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
