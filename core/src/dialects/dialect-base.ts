/**
 * Defaults for every dialect hook, in ANSI-leaning SQL (double-quoted identifiers, '' in literals, `||`,
 * IS NOT DISTINCT FROM, EXCEPT ALL). A dialect overrides only what its engine spells differently, so a new hook
 * added here does not break existing dialects (kysely `DialectAdapterBase`).
 */
import type { HashAlgorithm } from '../model/pact';
import type { Dialect, DialectTypes, JsonField, SqlLexicon, SyntaxCheck, ValueFunctions } from './dialect';

export abstract class BaseDialect implements Dialect {
  abstract readonly name: string;
  readonly types: DialectTypes = {
    string: 'VARCHAR',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP',
    runId: 'VARCHAR',
    payload: 'VARCHAR',
    stringArray: 'VARCHAR[]',
  };
  readonly tableOptions: string = '';
  /** Standard SQL: '…' strings and "…" names, each escaping its quote by doubling it. */
  readonly lexicon: SqlLexicon = { quotes: `'"`, backslashEscapes: false, dollarQuotes: false, escapeStrings: false, rawStrings: false };
  /** ANSI-leaning SQL is read with the PostgreSQL grammar, closest to it: its findings are warnings. */
  readonly syntaxCheck: SyntaxCheck = { grammar: 'PostgreSQL', grammarLabel: 'PostgreSQL grammar', severity: 'warning', nameQuote: '"' };

  quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }
  stringLiteral(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
  }
  doubleLiteral(value: number): string {
    return Number.isFinite(value) ? `CAST(${String(value)} AS ${this.types.double})` : this.typedNull(this.types.double);
  }
  parameter(name: string): string {
    return `:${name}`;
  }
  castDouble(expr: string): string {
    return `CAST(${expr} AS ${this.types.double})`;
  }
  castString(expr: string): string {
    return `CAST(${expr} AS ${this.types.string})`;
  }
  tryCastDouble(expr: string): string {
    return `TRY_CAST(${expr} AS ${this.types.double})`;
  }
  nullSafeEquals(left: string, right: string): string {
    return `${left} IS NOT DISTINCT FROM ${right}`;
  }
  tuple(exprs: readonly string[]): string {
    return `ROW(${exprs.join(', ')})`;
  }
  abstract wholeRow(rowAlias: string): string;
  abstract rowHash(columns: readonly string[] | null, wholeRow: string, algorithm: HashAlgorithm): string;
  abstract jsonObject(fields: readonly JsonField[]): string;
  abstract stringArray(values: readonly string[]): string;
  typedNull(type: string): string {
    return `CAST(NULL AS ${type})`;
  }
  abstract rowAsJson(wholeRow: string): string;
  abstract toJsonText(value: string): string;
  storePayload(jsonText: string): string {
    return jsonText;
  }
  boundedSampleAggregate(_value: string, _order: string, _condition: string, _limit: number): string | undefined {
    return undefined;
  }
  keyRecord(fields: readonly JsonField[]): string {
    return this.jsonObject(fields);
  }
  materializeHint(): string {
    return '';
  }
  abstract collectSorted(expr: string, orderKeys?: readonly string[]): string;
  abstract emptyArray(): string;
  abstract raiseError(messageExpr: string): string;
  concat(parts: readonly string[]): string {
    return parts.length === 0 ? this.stringLiteral('') : `(${parts.join(' || ')})`;
  }
  currentTimestamp(): string {
    return 'CURRENT_TIMESTAMP';
  }
  timestampFromEpochMillis(millis: string): string {
    return `CAST(TIMESTAMP '1970-01-01 00:00:00' + (${millis}) * INTERVAL '1' MILLISECOND AS ${this.types.timestamp})`;
  }
  exceptAll(left: string, right: string): string {
    return `${left}\n  EXCEPT ALL\n  ${right}`;
  }
  /** DuckDB-like spellings (the SQL most engines of this family accept); a dialect overrides what differs. */
  readonly values: ValueFunctions = baseValueFunctions(this);
  jsonArray(values: readonly string[]): string {
    return values.length === 0 ? this.emptyArray() : `[${values.join(', ')}]`;
  }
}

/** 10^20: the weight of a wide sum's high part (exact-sum.ts). */
export const TEN_TO_20 = '100000000000000000000';

/** The value primitives in DuckDB's spelling, literals quoted through `dialect`. */
export function baseValueFunctions(dialect: Pick<Dialect, 'stringLiteral' | 'quoteIdentifier'>): ValueFunctions {
  return {
    plainTimestamp: 'naive',
    byteLength: (text) => `strlen(${text})`,
    md5: (text) => `md5(${text})`,
    trimFractionZeros: (text) => `regexp_replace(${text}, ${dialect.stringLiteral('\\.?0+$')}, '')`,
    // timezone(zone, TIMESTAMP) is the instant whose wall clock in that zone the TIMESTAMP shows (ICU).
    epochMicros: (expr, zone, timeZone) => (zone === 'naive' && timeZone ? `epoch_us(timezone(${dialect.stringLiteral(timeZone)}, ${expr}))` : `epoch_us(${expr})`),
    utcWallClock: (expr) => `timezone('UTC', ${expr})`,
    hex: (expr) => `hex(${expr})`,
    transform: (list, param, body) => `list_transform(${list}, lambda ${param}: ${body})`,
    joinText: (list) => `array_to_string(${list}, '')`,
    sortList: (list) => `list_sort(${list})`,
    mapEntries: (map) => `map_entries(${map})`,
    field: (record, name) => `${record}.${dialect.quoteIdentifier(name)}`,
    integerPart: (expr) => `CAST(trunc(${expr}) AS DECIMAL(38, 0))`,
    fractionPart: (expr, precision, scale) =>
      `CAST(${expr} - CAST(trunc(${expr}) AS DECIMAL(${precision}, ${scale})) AS DECIMAL(${Math.min(38, scale + 1)}, ${scale}))`,
    isIntegral: (expr) => `(${expr} = trunc(${expr}))`,
    // HUGEINT integer division and remainder truncate toward zero, exactly (a DECIMAL's `//` would be DOUBLE).
    highPart: (expr, digits = 20) => `CAST(CAST(${expr} AS HUGEINT) // 1${'0'.repeat(digits)} AS DECIMAL(38, 0))`,
    lowPart: (expr) => `CAST(CAST(${expr} AS HUGEINT) % ${TEN_TO_20} AS DECIMAL(38, 0))`,
    padLeft: (text, width, fill) => `lpad(${text}, ${Math.trunc(width)}, ${dialect.stringLiteral(fill)})`,
    textHash: (text) => `hash(${text})`,
    integerSum: (expr) => `SUM(${expr})`,
  };
}
