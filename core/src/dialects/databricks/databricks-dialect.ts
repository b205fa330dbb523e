/**
 * Databricks SQL (Spark): backticked identifiers, backslash-aware literals, `:name` parameter markers,
 * `xxhash64`, payload as named_struct rendered by to_json (keeping null fields) and stored as VARIANT.
 */
import type { HashAlgorithm } from '../../model/pact';
import type { JsonField, ValueFunctions } from '../dialect';
import { BaseDialect, baseValueFunctions, TEN_TO_20 } from '../dialect-base';
import { databricksForSparkGrammar } from './spark-grammar-text';

/** to_json drops null fields by default; the payload keeps them (a null status means "not computed"). */
const KEEP_NULLS = "map('ignoreNullFields', 'false')";

export class DatabricksDialect extends BaseDialect {
  readonly name = 'databricks';
  override readonly types = {
    string: 'STRING',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    timestamp: 'TIMESTAMP',
    // Job run ids are integers on Databricks, as in the original DataPact.
    runId: 'BIGINT',
    payload: 'VARIANT',
    stringArray: 'ARRAY<STRING>',
  };
  override readonly tableOptions = ' USING DELTA';
  /** Spark: '…' and "…" are strings with backslash escapes, `…` names, r'…' raw strings. */
  override readonly lexicon = { quotes: "'\"`", backslashEscapes: true, dollarQuotes: false, escapeStrings: false, rawStrings: true };
  /** Spark SQL's grammar is the engine's own (its findings are errors); QUALIFY and `::` casts it predates are rewritten for it. */
  override readonly syntaxCheck = { grammar: 'SparkSQL', grammarLabel: 'Spark SQL', severity: 'error', nameQuote: '`', forGrammar: databricksForSparkGrammar } as const;

  override quoteIdentifier(name: string): string {
    return `\`${name.replace(/`/g, '``')}\``;
  }
  override stringLiteral(value: string): string {
    // Spark literals treat backslash as an escape, and '' would be two adjacent literals (concatenated).
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  }
  override parameter(name: string): string {
    return `:${name}`;
  }
  override nullSafeEquals(left: string, right: string): string {
    return `${left} <=> ${right}`;
  }
  override tuple(exprs: readonly string[]): string {
    return `struct(${exprs.join(', ')})`;
  }
  /** `alias.*` names the relation's columns, never a column called like the alias. */
  override wholeRow(rowAlias: string): string {
    return `struct(${rowAlias}.*)`;
  }
  override rowHash(columns: readonly string[] | null, wholeRow: string, algorithm: HashAlgorithm): string {
    if (algorithm === 'native' && columns) {
      // xxhash64 skips NULL arguments, so (NULL, 'a') and ('a', NULL) would collide: add a null flag per column.
      return `xxhash64(${columns.map((c) => `${c}, ${c} IS NULL`).join(', ')})`;
    }
    const rendered = columns
      ? `to_json(struct(${columns.join(', ')}), ${KEEP_NULLS})`
      : `to_json(${wholeRow}, ${KEEP_NULLS})`;
    return algorithm === 'native' ? `xxhash64(${rendered})` : `md5(${rendered})`;
  }
  override jsonObject(fields: readonly JsonField[]): string {
    return `named_struct(${fields.map(([name, expr]) => `${this.stringLiteral(name)}, ${expr}`).join(', ')})`;
  }
  override stringArray(values: readonly string[]): string {
    if (values.length === 0) return 'CAST(array() AS ARRAY<STRING>)';
    return `array(${values.map((v) => this.stringLiteral(v)).join(', ')})`;
  }
  isNumericType(expr: string): string {
    // typeof() names the static type; decimal(p,s) carries its precision.
    return `(typeof(${expr}) IN ('tinyint', 'smallint', 'int', 'bigint', 'float', 'double') OR typeof(${expr}) LIKE 'decimal(%')`;
  }
  override rowAsJson(wholeRow: string): string {
    // JSON text (ordered as text, as the docs say a sample is chosen); sampleValue makes it an object again.
    return `to_json(${wholeRow}, ${KEEP_NULLS})`;
  }
  /**
   * Raw SQL may return two columns of one name, whose JSON holds a key twice: parse_json refuses that (and would
   * fail the whole payload), so such a row is shown as its JSON text under `row_json`.
   */
  sampleValue(rowJson: string): string {
    return `COALESCE(try_parse_json(${rowJson}), parse_json(to_json(named_struct('row_json', ${rowJson}))))`;
  }
  override toJsonText(value: string): string {
    return `to_json(${value}, ${KEEP_NULLS})`;
  }
  override storePayload(jsonText: string): string {
    return `parse_json(${jsonText})`;
  }
  override collectSorted(expr: string, orderKeys?: readonly string[]): string {
    if (!orderKeys || orderKeys.length === 0) return `array_sort(collect_list(${expr}))`;
    // array_sort orders a struct with a NULL field first: sort by (key IS NULL, key) pairs, which put NULL keys
    // last, then keep the values.
    const order = `named_struct(${orderKeys.map((k, i) => `'n${i}', ${k} IS NULL, 'k${i}', ${k}`).join(', ')})`;
    return `transform(array_sort(collect_list(named_struct('o', ${order}, 'v', ${expr}))), dp_e -> dp_e.v)`;
  }
  override emptyArray(): string {
    return 'array()';
  }
  override raiseError(messageExpr: string): string {
    return `raise_error(${messageExpr})`;
  }
  override concat(parts: readonly string[]): string {
    return `concat(${parts.join(', ')})`;
  }
  override currentTimestamp(): string {
    return 'current_timestamp()';
  }
  override timestampFromEpochMillis(millis: string): string {
    return `timestamp_millis(${millis})`;
  }
  override jsonArray(values: readonly string[]): string {
    return `array(${values.join(', ')})`;
  }
  /**
   * Spark spellings. A Databricks TIMESTAMP is an instant; TIMESTAMP_NTZ a wall clock, read as UTC by measuring
   * it from the NTZ epoch. Spark's decimal arithmetic would round a `x - trunc(x)` of DECIMAL(38, s) to fewer
   * digits (its result precision would pass 38), while `x % 1` keeps the scale: so the fraction is a remainder.
   */
  override readonly values: ValueFunctions = {
    ...baseValueFunctions(this),
    plainTimestamp: 'instant',
    byteLength: (text) => `octet_length(${text})`,
    // A wall clock of another zone is first moved to UTC's wall clock (convert_timezone keeps TIMESTAMP_NTZ).
    epochMicros: (expr, zone, timeZone) =>
      zone === 'instant'
        ? `unix_micros(${expr})`
        : `timestampdiff(MICROSECOND, TIMESTAMP_NTZ'1970-01-01 00:00:00', ${timeZone ? `convert_timezone(${this.stringLiteral(timeZone)}, 'UTC', ${expr})` : expr})`,
    // convert_timezone(target, ts): ts (an instant, read in the session's zone) as target's wall clock (TIMESTAMP_NTZ).
    utcWallClock: (expr) => `convert_timezone('UTC', ${expr})`,
    transform: (list, param, body) => `transform(${list}, ${param} -> ${body})`,
    joinText: (list) => `array_join(${list}, '')`,
    sortList: (list) => `array_sort(${list})`,
    integerPart: (expr) => `CAST(CASE WHEN ${expr} >= 0 THEN floor(${expr}) ELSE ceil(${expr}) END AS DECIMAL(38, 0))`,
    fractionPart: (expr, _precision, scale) => `CAST(${expr} % 1 AS DECIMAL(${Math.min(38, scale + 1)}, ${scale}))`,
    isIntegral: (expr) => `(${expr} % 1 = 0)`,
    textHash: (text) => `xxhash64(${text})`,
    // The high part by dropping the last 20 digits of the value's text: exact wherever the value is a whole number
    // (a decimal division would be exact on Spark too, but is the one operation the emulator computes in DOUBLE).
    highPart: (expr, digits = 20) => {
      const text = `CAST(${expr} AS STRING)`;
      return `CAST(CASE WHEN abs(${expr}) < 1${'0'.repeat(digits)} THEN '0' ELSE substring(${text}, 1, length(${text}) - ${digits}) END AS DECIMAL(38, 0))`;
    },
    lowPart: (expr) => `CAST(${expr} % ${TEN_TO_20} AS DECIMAL(38, 0))`,
    // SUM(BIGINT) is a BIGINT on Spark (it overflows): sum as DECIMAL(38, 0).
    integerSum: (expr) => `SUM(CAST(${expr} AS DECIMAL(38, 0)))`,
  };
}
