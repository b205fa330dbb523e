/** How values and fields are named in messages a data steward reads. */
import type { PathSegment } from './pact-source';

/** Longest text quoted in a message: enough to recognise a value, too short to copy a pasted secret whole. */
const MAX_EXCERPT = 24;

/**
 * `1.5`, `'abc'`, `a list`, `a mapping`, `nothing`: short, and never the whole structure. Text is a short
 * printable excerpt: control and invisible characters are written as escapes, long text is cut with '…'.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${printableExcerpt(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export function printableExcerpt(text: string, max = MAX_EXCERPT): string {
  const chars = [...text.slice(0, 2 * max + 2)];
  const shown = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  return shown.map(printable).join('');
}

function printable(char: string): string {
  // Printable ASCII is the common case: answered without the Unicode classes below (compiling `\p{Cn}` alone costs
  // milliseconds, paid by every `validate` that names a task).
  const ascii = char.charCodeAt(0);
  if (char.length === 1 && ascii >= 0x20 && ascii < 0x7f) return char;
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  if (char === '\r') return '\\r';
  // Controls, format characters (zero-width, bidi overrides), separators other than space, unpaired surrogates.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u.test(char) || (char !== ' ' && /\p{Zs}/u.test(char))) {
    const code = char.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return char;
}

/** The noun a JSON Schema type stands for. */
export function describeType(type: string): string {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping of keys to values';
    default:
      return type;
  }
}

/** The last named key of a path: `primary_keys` for `validations/0/primary_keys/2`. */
export function fieldName(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'the pact';
}

/** `count_tolerance`, or `entry 3 of primary_keys` for a list item. */
export function fieldLabel(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `entry ${last + 1} of ${fieldName(path.slice(0, -1))}`;
  return fieldName(path);
}

/** `task 'orders'`, or `task 3` when it has no usable task_key. */
/** Longest task key quoted whole in a message; a longer one (pasted text, a runaway string) is cut with '…'. */
const MAX_KEY_IN_MESSAGE = 80;

export function taskLabel(task: unknown, index: number): string {
  const key = (task as { task_key?: unknown } | null)?.task_key;
  if (typeof key !== 'string' || !key.trim()) return `task ${index + 1}`;
  return `task '${printableExcerpt(key, MAX_KEY_IN_MESSAGE)}'`;
}
