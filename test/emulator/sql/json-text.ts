/**
 * A JSON reader that keeps every token's text (numbers stay as written, big integers exact) and sees duplicate keys,
 * for the functions Spark defines on JSON text: parse_json (rejects duplicate keys), to_json without options
 * (drops null fields) and array_sort's ordering.
 */
import { sparkName } from './token-tree';

export type JsonNode =
  | { kind: 'object'; members: Array<[key: string, value: JsonNode]> }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; raw: string }
  | { kind: 'literal'; raw: 'true' | 'false' | 'null' };

export class JsonTextError extends Error {}

export function parseJsonText(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonTextError(`${what} at position ${i}`);
  };
  const value = (): JsonNode => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const members: Array<[string, JsonNode]> = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = value() as { value: string };
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        members.push([key.value, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { kind: 'object', members };
        } else fail("expected ',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { kind: 'array', items };
        } else fail("expected ',' or ']'");
      }
    }
    if (ch === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) fail('unterminated string');
      i++;
      const raw = text.slice(start, i);
      return { kind: 'string', value: JSON.parse(raw) as string, raw };
    }
    const lit = /^(true|false|null)/.exec(text.slice(i, i + 5));
    if (lit) {
      i += lit[0].length;
      return { kind: 'literal', raw: lit[0] as 'true' | 'false' | 'null' };
    }
    const num = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i));
    if (num && num[0]) {
      i += num[0].length;
      return { kind: 'number', raw: num[0] };
    }
    return fail('unexpected character');
  };
  const root = value();
  ws();
  if (i !== text.length) fail('unexpected text after the value');
  return root;
}

export function writeJsonText(node: JsonNode, dropNullFields = false): string {
  switch (node.kind) {
    case 'object':
      return `{${node.members
        .filter(([, v]) => !(dropNullFields && v.kind === 'literal' && v.raw === 'null'))
        .map(([k, v]) => `${JSON.stringify(sparkName(k))}:${writeJsonText(v, dropNullFields)}`)
        .join(',')}}`;
    case 'array':
      return `[${node.items.map((v) => writeJsonText(v, dropNullFields)).join(',')}]`;
    default:
      return node.raw;
  }
}

/** The first key that appears twice in one object, if any. */
export function duplicateKey(node: JsonNode): string | undefined {
  if (node.kind === 'object') {
    const seen = new Set<string>();
    for (const [key, v] of node.members) {
      const k = sparkName(key);
      if (seen.has(k)) return k;
      seen.add(k);
      const inner = duplicateKey(v);
      if (inner !== undefined) return inner;
    }
  } else if (node.kind === 'array') {
    for (const v of node.items) {
      const inner = duplicateKey(v);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/**
 * Spark's ordering of values inside array_sort: NULL fields of structs sort first (ascending, nulls first), numbers
 * by value, strings by code point, structs field by field, arrays element by element.
 */
export function compareSpark(a: JsonNode, b: JsonNode): number {
  const isNull = (n: JsonNode) => n.kind === 'literal' && n.raw === 'null';
  if (isNull(a) || isNull(b)) return isNull(a) === isNull(b) ? 0 : isNull(a) ? -1 : 1;
  if (a.kind === 'number' && b.kind === 'number') return Number(a.raw) - Number(b.raw);
  if (a.kind === 'string' && b.kind === 'string') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.kind === 'literal' && b.kind === 'literal') return a.raw === b.raw ? 0 : a.raw === 'false' ? -1 : 1;
  if (a.kind === 'object' && b.kind === 'object') {
    for (let k = 0; k < Math.min(a.members.length, b.members.length); k++) {
      const c = compareSpark(a.members[k]![1], b.members[k]![1]);
      if (c !== 0) return c;
    }
    return a.members.length - b.members.length;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    for (let k = 0; k < Math.min(a.items.length, b.items.length); k++) {
      const c = compareSpark(a.items[k]!, b.items[k]!);
      if (c !== 0) return c;
    }
    return a.items.length - b.items.length;
  }
  return writeJsonText(a) < writeJsonText(b) ? -1 : 1;
}
