/** DuckDB: double-quoted identifiers, `$name` parameters, `hash()`, JSON values via json_object, min_by(…, n) samples. */
import type { HashAlgorithm } from '../../model/pact';
import type { JsonField, ListFunctions, ValueFunctions } from '../dialect';
import { BaseDialect, baseValueFunctions } from '../dialect-base';
import { duckDbForPostgresGrammar } from './postgres-grammar-text';

/** `"name"` with embedded `"` doubled. */
export function quoteDuckDbIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with embedded `'` doubled (DuckDB literals have no backslash escapes). */
export function duckDbStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The row as a struct. Not the bare row alias: DuckDB binds a column before a table alias, so in a table with a
 * column named like the alias, `hash(src_row)` would hash that one column and pass every other change.
 * `*COLUMNS(*)` expands to the columns of the FROM clause, which reads exactly one relation wherever this is used.
 */
const WHOLE_ROW = 'struct_pack(*COLUMNS(*))';

/** DuckDB's numeric type names as typeof() spells them (DECIMAL is matched by prefix). */
const NUMERIC_TYPES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT',
  'UHUGEINT', 'FLOAT', 'DOUBLE'];

export class DuckDbDialect extends BaseDialect {
  readonly name = 'duckdb';
  override readonly types = {
    string: 'VARCHAR',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP',
    // Local run ids are numbers (engine/run-id.ts) kept as their digits: run_id/job_id stay text here.
    runId: 'VARCHAR',
    payload: 'JSON',
    stringArray: 'VARCHAR[]',
  };

  /** Standard strings ('' escapes, backslash literal), plus dollar quoting and E'…' escape strings. */
  override readonly lexicon = { quotes: `'"`, backslashEscapes: false, dollarQuotes: true, escapeStrings: true, rawStrings: false };
  /** DuckDB's syntax is PostgreSQL's plus extensions: that grammar is the closest, so its findings are warnings. */
  override readonly syntaxCheck = {
    grammar: 'PostgreSQL',
    grammarLabel: 'PostgreSQL grammar, closest to DuckDB',
    severity: 'warning',
    nameQuote: '"',
    forGrammar: duckDbForPostgresGrammar,
  } as const;

  override quoteIdentifier(name: string): string {
    return quoteDuckDbIdentifier(name);
  }
  override stringLiteral(value: string): string {
    return duckDbStringLiteral(value);
  }
  override parameter(name: string): string {
    return `$${name}`;
  }
  override wholeRow(_rowAlias: string): string {
    return WHOLE_ROW;
  }
  override rowHash(columns: readonly string[] | null, wholeRow: string, algorithm: HashAlgorithm): string {
    // hash() of a struct or of several values hashes NULL as its own marker, so NULL and '' differ.
    if (algorithm === 'native') return columns ? `hash(${columns.join(', ')})` : `hash(${wholeRow})`;
    // JSON renders NULL as null and '' as "": unambiguous.
    const rendered = columns ? `json_array(${columns.join(', ')})` : `to_json(${wholeRow})`;
    return `md5(CAST(${rendered} AS VARCHAR))`;
  }
  override jsonObject(fields: readonly JsonField[]): string {
    return `json_object(${fields.map(([name, expr]) => `${this.stringLiteral(name)}, ${expr}`).join(', ')})`;
  }
  override stringArray(values: readonly string[]): string {
    if (values.length === 0) return 'CAST([] AS VARCHAR[])';
    return `[${values.map((v) => this.stringLiteral(v)).join(', ')}]`;
  }
  isNumericType(expr: string): string {
    // typeof() names the static type (also for an aggregate over no rows): DECIMAL(p,s) carries its precision.
    return `(typeof(${expr}) IN (${NUMERIC_TYPES.map((t) => this.stringLiteral(t)).join(', ')}) OR typeof(${expr}) LIKE 'DECIMAL(%')`;
  }
  override rowAsJson(wholeRow: string): string {
    return `to_json(${wholeRow})`;
  }
  override toJsonText(value: string): string {
    // to_json leaves JSON values as they are and renders lists/structs as JSON (a plain cast would not).
    return `CAST(to_json(${value}) AS VARCHAR)`;
  }
  override storePayload(jsonText: string): string {
    return `CAST(${jsonText} AS JSON)`;
  }
  override keyRecord(fields: readonly JsonField[]): string {
    // A struct costs nothing per row (json_object renders text for every row before the FILTER applies); to_json
    // of the aggregated list renders it as an array of objects. Struct field names must differ ignoring case.
    if (new Set(fields.map(([name]) => name.toLowerCase())).size < fields.length) return this.jsonObject(fields);
    return `{${fields.map(([name, expr]) => `${this.stringLiteral(name)}: ${expr}`).join(', ')}}`;
  }
  override materializeHint(): string {
    return 'MATERIALIZED ';
  }
  override boundedSampleAggregate(value: string, order: string, condition: string, limit: number): string {
    // min_by with a count keeps a top-N heap: bounded memory, one pass, deterministic (smallest keys first).
    return `min_by(${value}, ${order}, ${Math.max(1, Math.trunc(limit))}) FILTER (WHERE ${condition})`;
  }
  /** `min(value, n)` keeps a top-N heap per thread: bounded memory, one pass, no per-row struct for the order. */
  readonly lists: ListFunctions = {
    smallest: (value, condition, limit) => `min(${value}, ${Math.max(1, Math.trunc(limit))}) FILTER (WHERE ${condition})`,
    length: (list) => `len(${list})`,
    distinctCount: (list) => `len(list_distinct(${list}))`,
    head: (list, n) => `${list}[1:${Math.max(0, Math.trunc(n))}]`,
    map: (list, param, body) => `list_transform(${list}, lambda ${param}: ${body})`,
    field: (record, name) => `${record}.${quoteDuckDbIdentifier(name)}`,
  };
  /** hash() of a struct of the canonical values: ≈ the cost of the plain row hash (text and md5 cost ≈ 10×). */
  override readonly values: ValueFunctions = {
    ...baseValueFunctions(this),
    record: (fields) => `{${fields.map(([name, expr]) => `${duckDbStringLiteral(name)}: ${expr}`).join(', ')}}`,
    recordHash: (record) => `hash(${record})`,
  };
  override collectSorted(expr: string, orderKeys?: readonly string[]): string {
    const order = orderKeys && orderKeys.length > 0 ? orderKeys.map((k) => `${k} NULLS LAST`).join(', ') : expr;
    return `list(${expr} ORDER BY ${order})`;
  }
  override emptyArray(): string {
    // Untyped: coalesces with a list of any element type (samples are lists of key structs).
    return '[]';
  }
  override raiseError(messageExpr: string): string {
    return `error(${messageExpr})`;
  }
  override timestampFromEpochMillis(millis: string): string {
    return `epoch_ms(${millis})`;
  }
}
