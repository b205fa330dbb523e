/**
 * Position helpers for adapters: which YAML path is at an offset (language server: hover, completion) and
 * which line and column an offset is on (CLI: `file:line:col`).
 */
import { isMap, isPair, isSeq } from 'yaml';
import { deref, keyText, spanOf, type PactSource, type PathSegment } from './pact-source';

export interface PathAtOffset {
  /** Path from the root to the key or value under the offset; `[]` for the root mapping. */
  path: PathSegment[];
  /** `key`: the offset is on a key (or where a new key would go); `value`: on (or after) a value. */
  part: 'key' | 'value';
}

function within(node: unknown, offset: number): boolean {
  const span = spanOf(node);
  return !!span && offset >= span.start && offset <= span.end;
}

/**
 * The YAML path at `offset`. On a key: the path including that key, part `key`. After `key: ` (even when no
 * value is written yet): the path including the key, part `value`. Elsewhere inside a mapping: the mapping's
 * path, part `key` (a new key would go there).
 */
export function pathAt(source: PactSource, offset: number): PathAtOffset {
  const path: PathSegment[] = [];
  const text = source.text;
  let node: unknown = source.yaml.contents;
  for (let depth = 0; depth < 64; depth++) {
    node = deref(source.yaml, node);
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyName = keyText(pair);
        if (keyName === undefined || keyName === '<<') continue;
        if (within(pair.key, offset)) return { path: [...path, keyName], part: 'key' };
        if (pair.value && within(pair.value, offset) && spanOf(pair.value)!.end > spanOf(pair.value)!.start) {
          path.push(keyName);
          next = pair.value;
          break;
        }
        // After "key:" on the same line, with nothing (or only spaces) written yet.
        const keyEnd = spanOf(pair.key)?.end ?? -1;
        if (keyEnd >= 0 && offset > keyEnd) {
          const between = text.slice(keyEnd, offset);
          if (/^\s*:[^\n]*$/.test(between) && !(pair.value && spanOf(pair.value)!.end > spanOf(pair.value)!.start)) {
            return { path: [...path, keyName], part: 'value' };
          }
        }
      }
      if (next === undefined) return { path, part: 'key' };
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item, offset));
      if (index < 0) return { path, part: 'value' };
      path.push(index);
      node = node.items[index];
    } else {
      return { path, part: 'value' };
    }
  }
  return { path, part: 'value' };
}

/** 1-based line and column of `offset` (clamped to the text). */
export function lineColumn(source: PactSource, offset: number): { line: number; column: number } {
  const starts = source.lines.lineStarts;
  const at = Math.max(0, Math.min(offset, source.text.length));
  if (starts.length === 0) return { line: 1, column: at + 1 };
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: at - starts[low]! + 1 };
}
