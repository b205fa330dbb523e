/**
 * Spark SQL types ↔ DuckDB types: the translator turns a Spark type written in SQL into DuckDB's spelling, and the
 * result writer and `typeof` turn DuckDB's type back into the names Databricks reports.
 */
import { SqlError } from './sql-error';

/** The pieces of a type as the lexer gives them: words, quoted names, numbers and the punctuation < > ( ) , : */
export interface TypeCursor {
  peek(offset?: number): { kind: string; value: string } | undefined;
  next(): { kind: string; value: string };
}

const SIMPLE: Record<string, string> = {
  STRING: 'VARCHAR',
  VARCHAR: 'VARCHAR',
  CHAR: 'VARCHAR',
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  LONG: 'BIGINT',
  SMALLINT: 'SMALLINT',
  SHORT: 'SMALLINT',
  TINYINT: 'TINYINT',
  BYTE: 'TINYINT',
  FLOAT: 'FLOAT',
  REAL: 'FLOAT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  // Databricks' TIMESTAMP is an instant (read in the session's zone, UTC here), TIMESTAMP_NTZ a wall clock.
  TIMESTAMP: 'TIMESTAMPTZ',
  TIMESTAMP_LTZ: 'TIMESTAMPTZ',
  TIMESTAMP_NTZ: 'TIMESTAMP',
  BINARY: 'BLOB',
  VARIANT: 'JSON',
  VOID: 'INTEGER',
};

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function expect(c: TypeCursor, text: string): void {
  const t = c.next();
  if (t.value !== text) throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${t.value}' in a type (expected '${text}').`, '42601');
}

/** Reads one Spark type at the cursor and returns DuckDB's spelling. */
export function readSparkType(c: TypeCursor): string {
  const word = c.next();
  const name = word.value.toUpperCase();
  if (name === 'ARRAY') {
    expect(c, '<');
    const inner = readSparkType(c);
    expect(c, '>');
    return `${inner}[]`;
  }
  if (name === 'MAP') {
    expect(c, '<');
    const key = readSparkType(c);
    expect(c, ',');
    const value = readSparkType(c);
    expect(c, '>');
    return `MAP(${key}, ${value})`;
  }
  if (name === 'STRUCT') {
    expect(c, '<');
    const fields: string[] = [];
    while (c.peek()?.value !== '>') {
      const field = c.next().value;
      if (c.peek()?.value === ':') c.next();
      const type = readSparkType(c);
      if (c.peek()?.value.toUpperCase() === 'NOT') {
        c.next();
        c.next();
      }
      if (c.peek()?.value.toUpperCase() === 'COMMENT') {
        c.next();
        c.next();
      }
      fields.push(`${quoteName(field)} ${type}`);
      if (c.peek()?.value === ',') c.next();
    }
    expect(c, '>');
    return `STRUCT(${fields.join(', ')})`;
  }
  if (name === 'DECIMAL' || name === 'DEC' || name === 'NUMERIC') {
    if (c.peek()?.value === '(') {
      c.next();
      const p = c.next().value;
      let s = '0';
      if (c.peek()?.value === ',') {
        c.next();
        s = c.next().value;
      }
      expect(c, ')');
      if (Number(p) > 38) throw new SqlError('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', `Decimal precision ${p} exceeds max precision 38.`, '22003');
      return `DECIMAL(${p}, ${s})`;
    }
    return 'DECIMAL(10, 0)';
  }
  if (name === 'INTERVAL') {
    // INTERVAL DAY TO SECOND, INTERVAL YEAR … : DuckDB has one interval type
    while (/^(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND|TO)$/i.test(c.peek()?.value ?? '')) c.next();
    return 'INTERVAL';
  }
  const mapped = SIMPLE[name];
  if (!mapped) throw new SqlError('UNSUPPORTED_DATATYPE', `Unsupported data type "${word.value}".`, '0A000');
  if ((name === 'VARCHAR' || name === 'CHAR') && c.peek()?.value === '(') {
    c.next();
    c.next();
    expect(c, ')');
  }
  return mapped;
}

/** Splits "a, b(1, 2), c" at top-level commas. */
function splitTop(text: string, sep = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let begin = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === sep) {
      parts.push(text.slice(begin, i).trim());
      begin = i + 1;
    }
  }
  parts.push(text.slice(begin).trim());
  return parts;
}

/** DuckDB's type text (as typeof or a column type prints it) → Spark's lower-case type name (typeof, type_text). */
export function sparkTypeName(duck: string): string {
  const t = duck.trim();
  if (t.endsWith('[]')) return `array<${sparkTypeName(t.slice(0, -2))}>`;
  const upper = t.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  if (upper.startsWith('STRUCT(')) {
    const fields = splitTop(t.slice(7, -1)).map((f) => {
      const m = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/.exec(f)!;
      const name = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!;
      return `${name}:${sparkTypeName(m[2]!)}`;
    });
    return `struct<${fields.join(',')}>`;
  }
  if (upper.startsWith('MAP(')) {
    const [k, v] = splitTop(t.slice(4, -1));
    return `map<${sparkTypeName(k!)},${sparkTypeName(v!)}>`;
  }
  const names: Record<string, string> = {
    INTEGER: 'int',
    BIGINT: 'bigint',
    // DuckDB sums integers into HUGEINT where Spark keeps BIGINT (overflow is checked where it is summed)
    HUGEINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    UBIGINT: 'decimal(20,0)',
    UINTEGER: 'bigint',
    USMALLINT: 'int',
    UTINYINT: 'smallint',
    FLOAT: 'float',
    DOUBLE: 'double',
    VARCHAR: 'string',
    BOOLEAN: 'boolean',
    DATE: 'date',
    // DuckDB's TIMESTAMP (of any unit) is a wall clock: Databricks' TIMESTAMP_NTZ; TIMESTAMPTZ an instant: TIMESTAMP.
    TIMESTAMP: 'timestamp_ntz',
    'TIMESTAMP WITH TIME ZONE': 'timestamp',
    TIMESTAMPTZ: 'timestamp',
    TIMESTAMP_NS: 'timestamp_ntz',
    TIMESTAMP_MS: 'timestamp_ntz',
    TIMESTAMP_S: 'timestamp_ntz',
    BLOB: 'binary',
    JSON: 'variant',
    INTERVAL: 'interval day to second',
    '"NULL"': 'void',
    NULL: 'void',
    UUID: 'string',
  };
  return names[upper] ?? t.toLowerCase();
}

/** Spark's type_name enum (Statement Execution manifest) for a Spark type name. */
export function sparkTypeEnum(spark: string): string {
  if (spark.startsWith('array<')) return 'ARRAY';
  if (spark.startsWith('struct<')) return 'STRUCT';
  if (spark.startsWith('map<')) return 'MAP';
  if (spark.startsWith('decimal(')) return 'DECIMAL';
  if (spark.startsWith('interval')) return 'INTERVAL';
  const names: Record<string, string> = {
    int: 'INT',
    bigint: 'LONG',
    smallint: 'SHORT',
    tinyint: 'BYTE',
    float: 'FLOAT',
    double: 'DOUBLE',
    string: 'STRING',
    boolean: 'BOOLEAN',
    date: 'DATE',
    timestamp: 'TIMESTAMP',
    timestamp_ntz: 'TIMESTAMP_NTZ',
    binary: 'BINARY',
    variant: 'VARIANT',
    void: 'NULL',
  };
  return names[spark] ?? 'USER_DEFINED_TYPE';
}
