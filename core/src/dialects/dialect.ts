/**
 * A SQL dialect as a small plug-in (after kysely's dialect adapters): the generator in core/src/sql is written
 * once and asks the dialect only for the pieces that differ between engines. Every hook returns SQL text.
 *
 * Adding a dialect = one new file that extends {@link BaseDialect} and overrides the hooks that differ, then
 * `registerDialect(new MyDialect())` (see docs/checks.md, "Add a dialect").
 */
import type { HashAlgorithm } from '../model/pact';

/** Column types the generator needs, spelled per dialect. */
export interface DialectTypes {
  readonly string: string;
  readonly bigint: string;
  readonly double: string;
  readonly timestamp: string;
  /** Type of run_history.run_id / job_id. */
  readonly runId: string;
  /** Type of run_history.result_payload. */
  readonly payload: string;
  readonly stringArray: string;
}

/** A (field name, SQL expression) pair of a JSON object under construction. */
export type JsonField = readonly [name: string, expr: string];

/**
 * List functions over the result of a bounded "smallest values" aggregate. With them the row hash keeps its
 * samples and counts the distinct unpaired keys in the one aggregate over its join (no second pass over it).
 */
export interface ListFunctions {
  /**
   * Aggregate: up to `limit` smallest values of `value` among rows where `condition` holds, ascending, duplicates
   * kept; NULL values are skipped (so pass a record, never NULL, when NULL parts must count). NULL when no row.
   */
  smallest(value: string, condition: string, limit: number): string;
  /** Number of elements (NULL for a NULL list). */
  length(list: string): string;
  /** Number of distinct elements (records with NULL fields are values). */
  distinctCount(list: string): string;
  /** The first `n` elements. */
  head(list: string, n: number): string;
  /** Each element `param` of `list` mapped through `body`. */
  map(list: string, param: string, body: string): string;
  /** Field `name` of a record made by {@link Dialect.keyRecord}. */
  field(record: string, name: string): string;
}

/**
 * The primitives of the canonical value comparison (core/src/sql/canonical-value.ts) and of exact sums
 * (core/src/sql/checks/exact-sum.ts). The comparison is defined once over these; a dialect only spells them.
 */
export interface ValueFunctions {
  /** What a bare `TIMESTAMP` column holds: a wall clock (DuckDB) or an instant (Databricks). */
  readonly plainTimestamp: 'naive' | 'instant';
  /** Length of a text in UTF-8 bytes. */
  byteLength(text: string): string;
  /** md5 of a text as 32 lower-case hex digits (the same function on every engine). */
  md5(text: string): string;
  /** A decimal's text without trailing fractional zeros (`5.2500` → `5.25`, `5.00` → `5`). */
  trimFractionZeros(text: string): string;
  /**
   * Microseconds since 1970-01-01 00:00 UTC; a `naive` timestamp is read as the wall clock of `timeZone` (an IANA
   * name the pact's rules checked), UTC when absent.
   */
  epochMicros(expr: string, zone: 'naive' | 'instant', timeZone?: string): string;
  /**
   * The wall clock of an instant in UTC, as a timestamp without time zone: its text is the same on every engine and
   * in every session zone (DuckDB writes an instant with the session's offset, Spark in the session's zone).
   */
  utcWallClock(expr: string): string;
  /** Upper-case hex of a binary value. */
  hex(expr: string): string;
  /** Each element `param` of a list mapped through `body`. */
  transform(list: string, param: string, body: string): string;
  /** The texts of a list joined with no separator ('' for an empty list). */
  joinText(list: string): string;
  /** A list of texts sorted by their bytes. */
  sortList(list: string): string;
  /** A map's entries as a list of records with fields `key` and `value`. */
  mapEntries(map: string): string;
  /** Field `name` of a record expression. */
  field(record: string, name: string): string;
  /** A decimal truncated toward zero, exactly, as DECIMAL(38, 0). */
  integerPart(expr: string): string;
  /** A decimal of scale `scale` minus its integer part, exactly (|result| < 1), as DECIMAL(scale + 1, scale). */
  fractionPart(expr: string, precision: number, scale: number): string;
  /**
   * A whole number (an integer of any width, DECIMAL(p, 0)) divided by 10^digits (20 by default), truncated toward
   * zero, exactly, as DECIMAL(38, 0): the high part of a value too wide to be summed in one column (HUGEINT,
   * DECIMAL(38, 0)), or a carry between the limbs of a long product.
   */
  highPart(expr: string, digits?: number): string;
  /** A whole number minus its {@link highPart} · 10^20 (|result| < 10^20, the sign of the value), as DECIMAL(38, 0). */
  lowPart(expr: string): string;
  /** `text` padded on the left with `fill` to `width` characters. */
  padLeft(text: string, width: number, fill: string): string;
  /** SUM of an integer column in a type that cannot overflow (DuckDB: HUGEINT; Spark: DECIMAL(38, 0)). */
  integerSum(expr: string): string;
  /** TRUE when an exact decimal has no fractional part. */
  isIntegral(expr: string): string;
  /** The engine's fast 64-bit hash of a text (`hash_algorithm: native` over the canonical text). */
  textHash(text: string): string;
  /**
   * Optional: a record of named fields (a struct) and the engine's hash of it. When present, `native` hashes the
   * canonical values as a typed record instead of their text (much cheaper where text building is slow: DuckDB).
   */
  record?(fields: readonly JsonField[]): string;
  recordHash?(record: string): string;
}

/**
 * How a dialect's SQL text quotes strings and names: what a scan for the `;` between statements must skip
 * (core/src/pact/sql-text.ts). Doubling the quote character inside quotes escapes it in every dialect.
 */
export interface SqlLexicon {
  /** Characters that open a string literal or quoted identifier, closed by the same character. */
  readonly quotes: string;
  /** A backslash escapes the next character inside '…' and "…" (Spark). */
  readonly backslashEscapes: boolean;
  /** `$$…$$` and `$tag$…$tag$` hold text verbatim (DuckDB, PostgreSQL). */
  readonly dollarQuotes: boolean;
  /** `E'…'` strings take backslash escapes (DuckDB, PostgreSQL). */
  readonly escapeStrings: boolean;
  /** `r'…'` / `r"…"` raw strings, in which a backslash is literal (Spark). */
  readonly rawStrings: boolean;
}

/**
 * How the SQL a pact embeds (a filter, a custom query) is checked for syntax in this dialect (core/src/sql-syntax):
 * with which of dt-sql-parser's grammars, and how far its word is trusted.
 */
export interface SyntaxCheck {
  /** The grammar that reads this dialect, or the closest one there is. */
  readonly grammar: 'SparkSQL' | 'PostgreSQL';
  /** How findings name the grammar (`Spark SQL`). */
  readonly grammarLabel: string;
  /** 'error' when the grammar is the dialect's own; 'warning' when it is only the closest. */
  readonly severity: 'error' | 'warning';
  /** The character that quotes a name (a name in the other quotes is no name here). */
  readonly nameQuote: '`' | '"';
  /**
   * The text the grammar reads for a custom query (`query`) or a filter: the dialect's documented syntax that the
   * grammar predates, rewritten to a form it reads, of the same length so that positions stay the user's. Absent:
   * the text as written.
   */
  forGrammar?(sql: string, kind: 'filter' | 'query'): string;
}

export interface Dialect {
  /** The name used in settings and in golden file names. */
  readonly name: string;
  /** Lexical rules of quoting, for telling one statement from several. */
  readonly lexicon: SqlLexicon;
  /** How embedded SQL is checked for syntax. */
  readonly syntaxCheck: SyntaxCheck;
  readonly types: DialectTypes;
  /** Suffix of CREATE TABLE statements (e.g. ` USING DELTA`). */
  readonly tableOptions: string;

  /** A quoted, escaped identifier (one name part). */
  quoteIdentifier(name: string): string;
  /** A quoted, escaped string literal. */
  stringLiteral(value: string): string;
  /** A DOUBLE literal of a finite number (NULL for anything else). */
  doubleLiteral(value: number): string;
  /** A named parameter marker (`:run_id`, `$run_id`). */
  parameter(name: string): string;
  castDouble(expr: string): string;
  castString(expr: string): string;
  /** NULL when the text is not a number. */
  tryCastDouble(expr: string): string;
  /**
   * TRUE when `expr`'s SQL type is numeric (integers, decimals, floating point), from the type, not the value:
   * MIN/MAX of a VARCHAR of digits ('01234') is text and must be equal, not numerically close. Optional: without
   * it, MIN/MAX values that read as numbers are compared as numbers.
   */
  isNumericType?(expr: string): string;
  /** Null-safe equality (NULL equals NULL). */
  nullSafeEquals(left: string, right: string): string;
  /** A non-NULL tuple of values usable in COUNT(DISTINCT …), where NULL parts are values. */
  tuple(exprs: readonly string[]): string;
  /**
   * Every column of the row aliased `rowAlias` as one value (a struct), spelled so that no column can stand in for
   * it: a table may have a column named like the alias, which engines such as DuckDB bind before the alias.
   * Only {@link rowValue} (row-value.ts) calls it, and checks the spelling never names the bare alias.
   */
  wholeRow(rowAlias: string): string;
  /**
   * One hash per row, never NULL, that tells NULL from any value (e.g. from ''), over `columns` (already quoted
   * and qualified) or, when `columns` is null, over `wholeRow` (the row as one value, built by the base).
   */
  rowHash(columns: readonly string[] | null, wholeRow: string, algorithm: HashAlgorithm): string;
  /** A JSON-able object value (nestable; turned into text only by {@link toJsonText}). */
  jsonObject(fields: readonly JsonField[]): string;
  /** A JSON-able array of string literals. */
  stringArray(values: readonly string[]): string;
  /** A typed NULL of the given dialect type. */
  typedNull(type: string): string;
  /** A row (`wholeRow`, built by the base) as a JSON-able object value, or as its JSON text when `sampleValue` is defined. */
  rowAsJson(wholeRow: string): string;
  /**
   * A `rowAsJson` value as a payload holds it, when that value is JSON text (Databricks: parsed to a VARIANT so the
   * payload shows an object); absent: the value is used as it is.
   */
  sampleValue?(rowJson: string): string;
  /** JSON text of a JSON-able value. */
  toJsonText(value: string): string;
  /** The expression stored in run_history.result_payload for a JSON text expression. */
  storePayload(jsonText: string): string;
  /**
   * An aggregate returning at most `limit` values of `value` (ordered by `order`) among rows where `condition`
   * holds, at bounded memory, or undefined when the dialect has none (then a LIMIT'd subquery is used).
   */
  boundedSampleAggregate(value: string, order: string, condition: string, limit: number): string | undefined;
  /**
   * A JSON-able object value that is cheap to build for every row (a struct where the engine has one), used for
   * sample keys inside aggregates. Optional: defaults to {@link jsonObject}.
   */
  keyRecord?(fields: readonly JsonField[]): string;
  /**
   * The hint written between `name AS` and `(` of a CTE that is read more than once and must be computed once
   * (DuckDB `MATERIALIZED `). Optional: defaults to '' (the engine decides).
   */
  materializeHint?(): string;
  /**
   * Optional list functions; when present (with a struct {@link keyRecord}), the row hash takes samples and
   * unpaired key counts from one aggregate over its join.
   */
  readonly lists?: ListFunctions;
  /**
   * Aggregate: every value of `expr` in a sorted array — by `expr` itself, or, when `orderKeys` are given, by those
   * keys ascending with NULLs last (a sample's keys: as docs/checks.md promises and DuckDB lists them).
   */
  collectSorted(expr: string, orderKeys?: readonly string[]): string;
  /** An empty array of JSON-able values, used when a sample has no rows. */
  emptyArray(): string;
  /** An expression that fails the statement with the message `messageExpr` (a string expression). */
  raiseError(messageExpr: string): string;
  /** String concatenation. */
  concat(parts: readonly string[]): string;
  currentTimestamp(): string;
  /**
   * The TIMESTAMP (UTC) of `millis`, a BIGINT of milliseconds since the epoch. A run's start is passed this way:
   * a timestamp text would be read in the session's time zone.
   */
  timestampFromEpochMillis(millis: string): string;
  /** Multiset difference of two queries (`EXCEPT ALL`). */
  exceptAll(left: string, right: string): string;
  /** Primitives of the canonical value comparison and exact sums. */
  readonly values: ValueFunctions;
  /** A JSON-able array of JSON-able values (objects made by {@link jsonObject}). */
  jsonArray(values: readonly string[]): string;
}
