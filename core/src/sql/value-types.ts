/**
 * Column types as the comparison needs them: a table's column type, as its engine spells it (DuckDB
 * `DECIMAL(38,10)`, `STRUCT(a INTEGER)`, `TIMESTAMP WITH TIME ZONE`; Databricks `decimal(38,10)`,
 * `struct<a:int>`, `timestamp_ntz`), parsed into a tree of value kinds. The canonical comparison
 * (canonical-value.ts) normalises a value by its kind; two sides whose kinds belong to different families
 * (a number against text, a date against a timestamp) are a type drift, reported as such.
 */

/** A table column as an engine lists it. */
export interface SideColumn {
  readonly name: string;
  /** The engine's spelling of the type (DESCRIBE / information_schema). */
  readonly type: string;
}

/** Both tables' columns of a task, in table order: what the generator needs to compare by name and by value. */
export interface TaskColumns {
  readonly source: readonly SideColumn[];
  readonly target: readonly SideColumn[];
}

export type ValueKind =
  | { readonly kind: 'integer'; readonly huge: boolean }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'floating' }
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  /** `instant`: a point in time (DuckDB TIMESTAMPTZ, Databricks TIMESTAMP); `naive`: a wall clock read as UTC. */
  | { readonly kind: 'timestamp'; readonly zone: 'instant' | 'naive'; /** stored in microseconds (not ns/ms/s) */ readonly micros: boolean }
  | { readonly kind: 'binary' }
  | { readonly kind: 'list'; readonly element: ValueKind }
  | { readonly kind: 'struct'; readonly fields: readonly { readonly name: string; readonly type: ValueKind }[] }
  | { readonly kind: 'map'; readonly key: ValueKind; readonly value: ValueKind }
  /** Anything else (TIME, INTERVAL, UUID, VARIANT …): compared by its text. */
  | { readonly kind: 'other'; readonly name: string };

/** What a plain `TIMESTAMP` means on an engine: DuckDB's is a wall clock, Databricks' an instant. */
export type PlainTimestamp = 'naive' | 'instant';

const INTEGERS = new Set(['tinyint', 'smallint', 'int', 'integer', 'bigint', 'int1', 'int2', 'int4', 'int8', 'long', 'short', 'byte',
  'utinyint', 'usmallint', 'uinteger', 'signed']);
// Beyond BIGINT (UBIGINT reaches 1.8e19): compared as HUGEINT-wide values.
const HUGE_INTEGERS = new Set(['hugeint', 'uhugeint', 'int128', 'uint128', 'ubigint']);
const FLOATING = new Set(['float', 'double', 'real', 'float4', 'float8', 'double precision']);
const STRINGS = new Set(['varchar', 'string', 'text', 'char', 'bpchar', 'nvarchar', 'character varying', 'character']);
const NAIVE_TIMESTAMPS = new Set(['timestamp_ntz', 'timestamp without time zone', 'datetime', 'timestamp_ns', 'timestamp_ms',
  'timestamp_s', 'timestamp_us']);
const INSTANT_TIMESTAMPS = new Set(['timestamptz', 'timestamp with time zone', 'timestamp_ltz']);

/** Splits `a, b(c, d), e` at top-level commas. */
function splitTopLevel(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '<') depth++;
    else if (ch === ')' || ch === '>') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

/** `name TYPE` (DuckDB) or `name:type` / `name: type` (Databricks), the name possibly quoted. */
function splitField(text: string): [string, string] {
  const quoted = /^(["`])((?:[^"`]|\1\1)*)\1\s*:?\s*([\s\S]*)$/.exec(text);
  if (quoted) return [quoted[2]!.replace(new RegExp(`${quoted[1]}${quoted[1]}`, 'g'), quoted[1]!), quoted[3]!];
  const m = /^([^\s:]+)\s*:?\s*([\s\S]*)$/.exec(text);
  return m ? [m[1]!, m[2]!] : [text, ''];
}

/**
 * The kind of a column type as an engine spells it; `plain` says what a bare TIMESTAMP is on that engine.
 * Unknown spellings are `other` (compared by text), never an error.
 */
export function parseValueKind(typeText: string, plain: PlainTimestamp): ValueKind {
  const text = typeText.trim();
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  // DuckDB lists and fixed-size arrays: INTEGER[] / INTEGER[3].
  const list = /^(.*)\[\d*\]$/s.exec(text);
  if (list) return { kind: 'list', element: parseValueKind(list[1]!, plain) };
  const generic = /^(\w+)\s*[(<]([\s\S]*)[)>]$/.exec(text);
  if (generic) {
    const head = generic[1]!.toLowerCase();
    const args = splitTopLevel(generic[2]!);
    if (head === 'decimal' || head === 'numeric' || head === 'dec') {
      const precision = Number(args[0] ?? 38);
      const scale = Number(args[1] ?? 0);
      return { kind: 'decimal', precision, scale };
    }
    if (head === 'array' || head === 'list') return { kind: 'list', element: parseValueKind(args[0] ?? '', plain) };
    if (head === 'map' && args.length === 2) return { kind: 'map', key: parseValueKind(args[0]!, plain), value: parseValueKind(args[1]!, plain) };
    if (head === 'struct' || head === 'row') {
      return { kind: 'struct', fields: args.map((a) => splitField(a)).map(([name, type]) => ({ name, type: parseValueKind(type, plain) })) };
    }
    if (STRINGS.has(head)) return { kind: 'string' };
    return { kind: 'other', name: lower };
  }
  if (lower === 'decimal' || lower === 'numeric') return { kind: 'decimal', precision: 18, scale: 3 };
  if (INTEGERS.has(lower)) return { kind: 'integer', huge: false };
  if (HUGE_INTEGERS.has(lower)) return { kind: 'integer', huge: true };
  if (FLOATING.has(lower)) return { kind: 'floating' };
  if (STRINGS.has(lower)) return { kind: 'string' };
  if (lower === 'boolean' || lower === 'bool') return { kind: 'boolean' };
  if (lower === 'date') return { kind: 'date' };
  if (lower === 'timestamp') return { kind: 'timestamp', zone: plain, micros: true };
  if (NAIVE_TIMESTAMPS.has(lower)) return { kind: 'timestamp', zone: 'naive', micros: lower === 'timestamp_ntz' || lower === 'timestamp without time zone' || lower === 'datetime' || lower === 'timestamp_us' };
  if (INSTANT_TIMESTAMPS.has(lower)) return { kind: 'timestamp', zone: 'instant', micros: true };
  if (lower === 'blob' || lower === 'binary' || lower === 'bytea' || lower === 'varbinary') return { kind: 'binary' };
  return { kind: 'other', name: lower };
}

/**
 * The family a kind is compared in: numbers of any width or scale compare by value, timestamps by instant, nested
 * values by their shape and their elements' families. Different families are a type drift.
 */
export function familyOf(kind: ValueKind): string {
  switch (kind.kind) {
    case 'integer':
    case 'decimal':
    case 'floating':
      return 'number';
    case 'list':
      return `list<${familyOf(kind.element)}>`;
    case 'map':
      return `map<${familyOf(kind.key)},${familyOf(kind.value)}>`;
    case 'struct':
      return `struct<${[...kind.fields]
        .map((f) => `${f.name.toLowerCase()}:${familyOf(f.type)}`)
        .sort()
        .join(',')}>`;
    case 'other':
      return kind.name;
    default:
      return kind.kind;
  }
}

/** True when a kind is a number known exactly (integers and decimals). */
export function isExactNumber(kind: ValueKind): boolean {
  return kind.kind === 'integer' || kind.kind === 'decimal';
}

/** True when the value, or a value nested in it, is floating point. */
export function hasFloating(kind: ValueKind): boolean {
  switch (kind.kind) {
    case 'floating':
      return true;
    case 'list':
      return hasFloating(kind.element);
    case 'map':
      return hasFloating(kind.key) || hasFloating(kind.value);
    case 'struct':
      return kind.fields.some((f) => hasFloating(f.type));
    default:
      return false;
  }
}

/** The column of `columns` named `name`, matched case-insensitively (exact spelling first). */
export function findColumn(columns: readonly SideColumn[], name: string): SideColumn | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}
