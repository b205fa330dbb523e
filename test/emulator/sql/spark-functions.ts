/**
 * The Spark functions DuckDB lacks, installed into the emulator's DuckDB: JS scalar functions (registered once per
 * instance, visible to every connection) and SQL macros (TEMP, created per connection so they resolve whatever
 * catalog the session uses).
 */
import { type DuckDBConnection, DuckDBScalarFunction, VARCHAR } from '@duckdb/node-api';
import { compareSpark, duplicateKey, JsonTextError, parseJsonText, writeJsonText } from './json-text';
import { sparkTypeEnum, sparkTypeName } from './spark-types';

type TextFn = (args: Array<string | null>) => string | null;

function textFunction(name: string, arity: number, fn: TextFn): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    returnType: VARCHAR,
    parameterTypes: Array.from({ length: arity }, () => VARCHAR),
    specialHandling: true,
    mainFunction: (info, input, output) => {
      const vectors = Array.from({ length: arity }, (_, k) => input.getColumnVector(k));
      for (let row = 0; row < input.rowCount; row++) {
        try {
          output.setItem(row, fn(vectors.map((v) => v.getItem(row) as string | null)));
        } catch (e) {
          info.setError(e instanceof Error ? e.message : String(e));
          return;
        }
      }
      output.flush();
    },
  });
}

/** How Spark's xxhash64 reads a value of this DuckDB type: the tag decides which values hash alike. */
function hashPart(type: string, text: string): string {
  const t = type.toUpperCase();
  if (t === 'BOOLEAN') return `int:${text === 'true' ? 1 : 0}`;
  if (t === 'INTEGER' || t === 'SMALLINT' || t === 'TINYINT') return `int:${text}`;
  if (t === 'BIGINT' || t === 'HUGEINT') return `long:${text}`;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) {
    const unscaled = BigInt(text.replace('.', '')).toString();
    // precision ≤ 18 is hashed as the unscaled long; above, as the unscaled value's bytes
    return Number(decimal[1]) <= 18 ? `long:${unscaled}` : `bytes:${unscaled}`;
  }
  if (t === 'VARCHAR' || t === 'JSON') return `utf8:${text}`;
  return `${sparkTypeName(type)}:${text}`;
}

const jsFunctions = (): DuckDBScalarFunction[] => [
  textFunction('dp_spark_type', 1, ([t]) => (t === null ? null : sparkTypeName(t))),
  textFunction('dp_spark_type_enum', 1, ([t]) => (t === null ? null : sparkTypeEnum(t))),
  textFunction('dp_hash_part', 2, ([t, v]) => (v === null || t === null ? null : hashPart(t, v))),
  textFunction('dp_check_json', 1, ([text]) => {
    if (text === null) return null;
    let node;
    try {
      node = parseJsonText(text);
    } catch (e) {
      if (e instanceof JsonTextError) throw new Error(`[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: ${e.message}. SQLSTATE: 22023`);
      throw e;
    }
    const dup = duplicateKey(node);
    if (dup !== undefined) throw new Error(`[VARIANT_DUPLICATE_KEY] Failed to build variant because of a duplicate object key \`${dup}\`. SQLSTATE: 22023`);
    return text;
  }),
  textFunction('dp_json_drop_nulls', 1, ([text]) => (text === null ? null : writeJsonText(parseJsonText(text), true))),
  textFunction('dp_json_spark_keys', 1, ([text]) => (text === null || !text.includes('#dp_dup') ? text : writeJsonText(parseJsonText(text), false))),
  textFunction('dp_sort_permutation', 1, ([text]) => {
    if (text === null) return null;
    const node = parseJsonText(text);
    if (node.kind !== 'array') return null;
    const isNull = (n: (typeof node.items)[number]) => n.kind === 'literal' && n.raw === 'null';
    const order = node.items.map((_, k) => k);
    // array_sort: ascending, NULL elements last; inside elements NULL sorts first (compareSpark)
    order.sort((a, b) => {
      const x = node.items[a]!;
      const y = node.items[b]!;
      if (isNull(x) || isNull(y)) return isNull(x) === isNull(y) ? a - b : isNull(x) ? 1 : -1;
      return compareSpark(x, y) || a - b;
    });
    return order.map((k) => k + 1).join(',');
  }),
];

const INTEGRAL = "('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER')";
const DECIMAL_LIMIT = (t: string) =>
  `power(10, least(38, CAST(regexp_extract(${t}, 'DECIMAL\\((\\d+)', 1) AS INTEGER) + 10) - CAST(regexp_extract(${t}, ',(\\d+)\\)', 1) AS INTEGER))`;
/** Spark under ANSI mode (the SQL warehouse default): an integral SUM overflows BIGINT, a DECIMAL sum its precision + 10. */
const OVERFLOWS = (sum: string, t: string) =>
  `(${t} IN ${INTEGRAL} AND (${sum} > 9223372036854775807 OR ${sum} < -9223372036854775808)) OR (${t} LIKE 'DECIMAL(%' AND abs(CAST(${sum} AS DOUBLE)) >= ${DECIMAL_LIMIT(t)})`;
const OVERFLOW_ERROR = (t: string) =>
  `error(CASE WHEN ${t} LIKE 'DECIMAL(%' THEN '[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] The sum cannot be represented as Decimal; it exceeds its precision. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead. SQLSTATE: 22003' ELSE '[ARITHMETIC_OVERFLOW] long overflow. Use ''try_sum'' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22003' END)`;

const MACROS = [
  `CREATE OR REPLACE TEMP MACRO dp_ansi_sum(s, t) AS CASE WHEN ${OVERFLOWS('s', 't')} THEN ${OVERFLOW_ERROR('t')} ELSE s END`,
  `CREATE OR REPLACE TEMP MACRO dp_ansi_avg(a, s, t) AS CASE WHEN t LIKE 'DECIMAL(%' AND (${OVERFLOWS('s', 't')}) THEN ${OVERFLOW_ERROR('t')} ELSE a END`,
  `CREATE OR REPLACE TEMP MACRO dp_try_sum(s, t) AS CASE WHEN ${OVERFLOWS('s', 't')} THEN NULL ELSE s END`,
  `CREATE OR REPLACE TEMP MACRO dp_hash64(seed, parts) AS CAST(CAST(hash(seed, list_filter(parts, lambda p: p IS NOT NULL)) AS HUGEINT) - 9223372036854775808 AS BIGINT)`,
  // from_json(j, 'MAP<STRING, STRING>'): a string value is its text, any other value its JSON text (compact, as
  // Spark writes it), JSON null is NULL; text that is not a JSON object is NULL (Spark's PERMISSIVE mode).
  `CREATE OR REPLACE TEMP MACRO dp_json_string_map(j) AS map_from_entries(list_transform(map_entries(TRY(CAST(json(j) AS MAP(VARCHAR, JSON)))),
     lambda e: {'key': e.key, 'value': CASE WHEN e.value IS NULL OR json_type(e.value) = 'NULL' THEN NULL WHEN json_type(e.value) = 'VARCHAR' THEN json_extract_string(e.value, '$') ELSE CAST(e.value AS VARCHAR) END}))`,
  // CAST(instant AS STRING): Spark writes the session zone's wall clock without an offset; DuckDB appends +00.
  `CREATE OR REPLACE TEMP MACRO dp_cast_string(x) AS CASE WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE' THEN regexp_replace(CAST(x AS VARCHAR), '[+]00$', '') ELSE CAST(x AS VARCHAR) END`,
  `CREATE OR REPLACE TEMP MACRO dp_try_cast_string(x) AS CASE WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE' THEN regexp_replace(CAST(x AS VARCHAR), '[+]00$', '') ELSE TRY_CAST(x AS VARCHAR) END`,
  `CREATE OR REPLACE TEMP MACRO dp_array_sort(x) AS CASE WHEN x IS NULL THEN NULL WHEN len(x) = 0 THEN x ELSE list_transform(string_split(dp_sort_permutation(to_json(x)), ','), lambda k: x[CAST(k AS INTEGER)]) END`,
];

/** Registers the JS functions on an instance (through one of its connections; they are instance-wide). */
export function registerSparkFunctions(connection: DuckDBConnection): void {
  for (const fn of jsFunctions()) connection.registerScalarFunction(fn);
}

/** Creates the per-connection macros. */
export async function installSparkMacros(connection: DuckDBConnection): Promise<void> {
  for (const macro of MACROS) await connection.run(macro);
}
