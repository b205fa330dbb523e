/**
 * Reading a recorded payload back into JavaScript, without losing what the JSON text says:
 *  - DuckDB's JSON renders non-finite doubles as the bare words `Infinity`, `-Infinity` and `NaN` (a custom SQL
 *    sample row, a DOUBLE key in a row hash sample), which JSON.parse rejects; refusing the whole payload would
 *    hide every metric of the task, so those words become null (what a JSON number cannot hold; the generator
 *    already writes the aggregates' own non-finite values as null);
 *  - integers beyond 2^53 (BIGINT ids in samples) would be rounded by JSON.parse to a neighbouring integer, a key
 *    that may exist and is not the one meant; they become their exact digits as a string.
 */
import type { Payload } from '../model/results';

// Sticky: each matches exactly at lastIndex, so the scan below reads the text once.
const NON_FINITE = /-?Infinity|NaN/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The match of a sticky `pattern` starting exactly at `at`, if any. */
function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** `text` with bare non-finite words as null and unsafe integers as strings, outside JSON strings. */
export function safeForJavaScript(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      // Copy the whole string, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = ch === 'I' || ch === 'N' || ch === '-' ? matchAt(NON_FINITE, text, i) : undefined;
    if (word) {
      out += 'null';
      i += word.length;
      continue;
    }
    const digits = ch === '-' || (ch >= '0' && ch <= '9') ? matchAt(NUMBER, text, i) : undefined;
    if (digits) {
      const unsafe = /^-?\d+$/.test(digits) && !Number.isSafeInteger(Number(digits));
      out += unsafe ? `"${digits}"` : digits;
      i += digits.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** The payload object recorded as JSON text, or null when the text is no JSON object. */
export function parsePayload(text: unknown): Payload | null {
  if (typeof text !== 'string') return null;
  try {
    const value: unknown = JSON.parse(safeForJavaScript(text));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : null;
  } catch {
    return null;
  }
}
