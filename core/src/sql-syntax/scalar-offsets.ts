/**
 * Maps a position inside a YAML string's *value* back to its offset in the file, through plain, quoted
 * ('' and \ escapes) and block (| and >) scalars, so an error found in embedded SQL lands on the exact characters.
 */
import { isScalar, type Document } from 'yaml';
import type { PathSegment } from '../pact/load-pact';

/** `offsets[i]` is the file offset of value character `i`; `offsets[value.length]` is just past the last one. */
export interface ScalarOffsets {
  value: string;
  offsets: number[];
}

export function scalarOffsets(text: string, yaml: Document.Parsed, path: readonly PathSegment[]): ScalarOffsets | undefined {
  const node = yaml.getIn(path, true) as unknown;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  const [from, , to] = node.range;
  let p = from;
  if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') p = from + 1;
  else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', from);
    p = headerEnd < 0 ? to : headerEnd + 1;
  }
  const offsets: number[] = [];
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  for (let i = 0; i < value.length; i++) {
    const wanted = value[i];
    // Walk the source until it yields the wanted character; skipped characters are indentation, quotes, folds.
    while (p < to) {
      const c = text[p];
      if (node.type === 'QUOTE_DOUBLE' && c === '\\') {
        const next = text[p + 1];
        if (next === '\n' || next === '\r') {
          p += 2; // an escaped line break joins lines without a value character
          continue;
        }
        offsets.push(p);
        p += next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
        break;
      }
      if (node.type === 'QUOTE_SINGLE' && c === "'" && text[p + 1] === "'") {
        offsets.push(p);
        p += 2;
        break;
      }
      if (c === wanted || (isSpace(wanted) && isSpace(c))) {
        offsets.push(p);
        p += 1;
        break;
      }
      p += 1;
    }
    if (offsets.length === i) offsets.push(Math.min(p, to)); // ran out of source: pin to the end
  }
  offsets.push(value.length > 0 ? Math.min(offsets[value.length - 1]! + 1, to) : p);
  return { value, offsets };
}

/** The file span of value characters [start, end). */
export function scalarValueSpan(map: ScalarOffsets, start: number, end: number): { start: number; end: number } {
  const last = map.value.length;
  const s = Math.max(0, Math.min(start, last));
  const e = Math.max(s, Math.min(end, last));
  const fileStart = map.offsets[s]!;
  const fileEnd = e > s ? map.offsets[e - 1]! + 1 : fileStart + (s < last ? 1 : 0);
  return { start: fileStart, end: Math.max(fileEnd, fileStart) };
}
