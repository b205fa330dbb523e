/**
 * What the cursor is on, for completion: a key being written in some mapping, or a value at some path.
 * A half-typed key (`    pri`) is not a key to a YAML parser (it folds into the previous value), so for a line
 * that has no `:` yet the text is re-parsed with a placeholder key at the cursor, which tells where it belongs.
 */
import { LineCounter, parseDocument } from 'yaml';
import { createSource, pathAt, type PactSource, type PathSegment } from '../../core/src/index';
import type { ParsedPact } from './documents';
import { isObjectSchema, schemaAt } from './schema-index';

export const PLACEHOLDER = '__datapact_cursor__';

/** The parsed text and its plain data: the document's own, or that of the patched text. */
export interface PactView {
  raw: unknown;
  source: PactSource;
}

function parseView(text: string): PactView {
  const lines = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: false });
  let raw: unknown;
  try {
    raw = yaml.toJS({ maxAliasCount: 1000 });
  } catch {
    raw = undefined;
  }
  return { raw, source: createSource(text, yaml, lines) };
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
    const patched = text.slice(0, wordStart) + PLACEHOLDER + ': ' + text.slice(wordEnd);
    const view = parseView(patched);
    const at = pathAt(view.source, wordStart + 1);
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

/** The mapping at `path` in the raw data (keys already written there). */
export function rawAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let node = raw;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
