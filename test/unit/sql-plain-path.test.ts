/**
 * The SQL syntax check's fast path (core/src/sql-syntax/plain-sql.ts) never guesses: everything it accepts for a
 * dialect, that dialect's grammar accepts (SQL generated from its subset and random token soup, parsed here by
 * dt-sql-parser's PostgreSQL and Spark SQL grammars as the check gives it to them), its keyword list is the lexers',
 * the examples' SQL takes it, and broken SQL still gets the grammar's located message.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { getDialect } from '../../core/src/dialects/registry';
import type { EngineType } from '../../core/src/model/pact';
import { checkSqlSyntax, grammarInput } from '../../core/src/sql-syntax/check-sql-syntax';
import { PostgreSQL, SparkSQL } from '../../core/src/sql-syntax/grammars';
import { isPlainSql } from '../../core/src/sql-syntax/plain-sql';
import { KEYWORDS_GRAMMAR_VERSION, SQL_KEYWORDS, SQL_NAME_KEYWORDS } from '../../core/src/sql-syntax/sql-keywords.generated';
import { keywordsModule, lexerKeywords, nameKeywords } from './sql-keywords-support';

const ROOT = resolve(__dirname, '..', '..');
const KEYWORDS_FILE = join(ROOT, 'core', 'src', 'sql-syntax', 'sql-keywords.generated.ts');
const grammars = { PostgreSQL: new PostgreSQL(), SparkSQL: new SparkSQL() };
const DIALECTS: EngineType[] = ['databricks', 'duckdb'];
type Kind = 'filter' | 'query';

/** The errors the dialect's grammar finds in `sql`, given to it as the check gives it (a filter inside a query). */
function dialectErrors(sql: string, kind: Kind, dialect: EngineType): string[] {
  const grammar = getDialect(dialect).syntaxCheck.grammar;
  return grammars[grammar].validate(grammarInput(sql, kind, dialect).input).map((e) => `${grammar}: ${e.message}`);
}
/** Whether the fast path accepts `sql` for the dialect. */
function plain(sql: string, kind: Kind, dialect: EngineType): boolean {
  return isPlainSql(sql, kind, getDialect(dialect).syntaxCheck.nameQuote);
}
/** The errors both grammars find in `sql`. */
function grammarErrors(sql: string, kind: Kind): string[] {
  return DIALECTS.flatMap((dialect) => dialectErrors(sql, kind, dialect));
}
/** For each dialect whose fast path accepts `sql`: the errors its grammar finds (none, if the fast path is right). */
function errorsWhereAccepted(sql: string, kind: Kind): { accepted: number; errors: string[] } {
  const accepting = DIALECTS.filter((dialect) => plain(sql, kind, dialect));
  return { accepted: accepting.length, errors: accepting.flatMap((dialect) => dialectErrors(sql, kind, dialect)) };
}

/** Whether every dialect's grammar accepts `sql`. */
const everyGrammarAccepts = (sql: string, kind: Kind) => DIALECTS.every((dialect) => dialectErrors(sql, kind, dialect).length === 0);

test("the keyword lists are the lexers' and the grammars' (UPDATE_GOLDEN=1 rewrites them, in minutes)", () => {
  const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'dt-sql-parser', 'package.json'), 'utf8')) as { version: string }).version;
  if (process.env.UPDATE_GOLDEN) {
    const words = lexerKeywords();
    writeFileSync(KEYWORDS_FILE, keywordsModule(words, nameKeywords(words, everyGrammarAccepts), installed));
    return;
  }
  assert.equal(KEYWORDS_GRAMMAR_VERSION, installed, 'sql-keywords.generated.ts is stale: run this test with UPDATE_GOLDEN=1');
  assert.deepEqual([...SQL_KEYWORDS], lexerKeywords(), 'sql-keywords.generated.ts is stale: run this test with UPDATE_GOLDEN=1');
  // Probing every keyword takes minutes: here a sample of those read as names and of the others.
  const names = [...SQL_NAME_KEYWORDS];
  const sample = names.filter((_, i) => i % 60 === 0);
  assert.deepEqual(nameKeywords(sample, everyGrammarAccepts), sample);
  const others = [...SQL_KEYWORDS].filter((k) => !SQL_NAME_KEYWORDS.has(k));
  assert.deepEqual(nameKeywords(others.filter((_, i) => i % 12 === 0), everyGrammarAccepts), []);
});

test("the examples' filters and queries take the fast path, and both grammars accept them", () => {
  const filters = ["order_date >= DATE '2024-01-01'", "fiscal_year = 2025 AND status <> 'DRAFT'", "order_ts >= '2025-01-01'"];
  const queries = [
    'SELECT status, COUNT(*) AS n FROM t__________ GROUP BY status',
    'SELECT category, COUNT(*) AS products FROM t__________ GROUP BY category',
    "SELECT region, SUM(amount) AS revenue\nFROM t__________\nWHERE order_date >= DATE '2024-01-01'\nGROUP BY region\n",
    "SELECT account_id, period, SUM(debit) - SUM(credit) AS balance\nFROM t__________\nWHERE fiscal_year = 2025 AND status <> 'DRAFT' -- same slice\nGROUP BY account_id, period",
    'SELECT DISTINCT currency FROM t__________',
  ];
  for (const [kind, list] of [['filter', filters], ['query', queries]] as const) {
    for (const sql of list) {
      for (const dialect of DIALECTS) assert.ok(plain(sql, kind, dialect), `${dialect}: ${sql}`);
      assert.deepEqual(grammarErrors(sql, kind), [], sql);
    }
  }
});

/** Runs `work` counting the calls of either grammar's `validate` (the grammar is consulted only through it). */
function grammarCalls(work: () => void): number {
  let calls = 0;
  const all = Object.values(grammars);
  const saved = all.map((g) => Object.getPrototypeOf(g).validate as (sql: string) => unknown);
  all.forEach((g, i) => {
    Object.getPrototypeOf(g).validate = function (this: unknown, sql: string) {
      calls++;
      return saved[i].call(this, sql);
    };
  });
  try {
    work();
  } finally {
    all.forEach((g, i) => (Object.getPrototypeOf(g).validate = saved[i]));
  }
  return calls;
}

test('common filters and queries (CASE, CAST, coalesce, NOT IN, ||, HAVING, ORDER BY, LIMIT …) take the fast path: no grammar is consulted', () => {
  const filters = [
    "CASE WHEN status = 'void' THEN 0 ELSE amount END > 0",
    "CASE region WHEN 'EU' THEN vat_rate WHEN 'UK' THEN 0.2 END >= 0",
    "CAST(order_ts AS DATE) >= DATE '2024-01-01'",
    'CAST(amount AS DECIMAL(18, 2)) BETWEEN 0 AND 1000000',
    "CAST(customer_id AS STRING) <> '' AND CAST(qty AS INT) > 0 AND CAST(flag AS BOOLEAN) = TRUE",
    'CAST(a AS BIGINT) + CAST(b AS SMALLINT) + CAST(c AS INTEGER) > CAST(d AS DOUBLE) * CAST(e AS FLOAT)',
    "CAST(code AS VARCHAR(10)) = 'x' OR CAST(code AS VARCHAR) = 'y' OR CAST(price AS NUMERIC(10, 2)) > 0",
    "CAST(ts AS TIMESTAMP) >= TIMESTAMP '2024-01-01 00:00:00'",
    "coalesce(status, '') <> 'void'",
    "nullif(trim(customer_id), '') IS NOT NULL",
    'greatest(updated_at, created_at) >= least(shipped_at, delivered_at)',
    "status NOT IN ('void', 'draft') AND amount NOT BETWEEN -10 AND 0",
    "email NOT LIKE '%@test.%'",
    "first_name || ' ' || last_name <> ' '",
    '-amount < 0 OR (refund IS NOT NULL AND refund > 0)',
    "country IS DISTINCT FROM 'US' AND region IS NOT DISTINCT FROM NULL",
    'EXTRACT(YEAR FROM order_date) = 2025 AND EXTRACT(month FROM order_date) <= 6',
    'order_id % 10 = 0',
    'order_date >= CURRENT_DATE - 30 AND loaded_at <= CURRENT_TIMESTAMP',
    "left(sku, 3) = 'ABC' AND substring(sku, 4, 2) <> '00' AND replace(sku, '-', '') <> ''",
    'year(order_date) = 2025 AND month(order_date) = 1 AND date(order_ts) = order_date',
    "if(amount > 0, 'credit', 'debit') = kind",
    'now() > order_ts',
  ];
  const queries = [
    'SELECT status, COUNT(*) AS n FROM t__________ GROUP BY status HAVING COUNT(*) > 1',
    "SELECT customer_id, SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END) AS paid FROM t__________ GROUP BY customer_id ORDER BY paid DESC LIMIT 10",
    'SELECT CAST(order_ts AS DATE) AS order_day, COUNT(*) AS n FROM t__________ GROUP BY CAST(order_ts AS DATE) ORDER BY 1',
    'SELECT COUNT(*) AS n FROM t__________ WHERE coalesce(amount, 0) < 0',
    'SELECT region, AVG(CAST(amount AS DOUBLE)) AS mean FROM t__________ GROUP BY region ORDER BY region ASC NULLS LAST, mean DESC NULLS FIRST',
    'SELECT * FROM t__________ ORDER BY order_ts DESC LIMIT 100',
    "SELECT COUNT(*) AS n FROM t__________ WHERE status NOT IN ('void') HAVING COUNT(*) > 0",
  ];
  const cases = [...filters.map((sql) => ['filter', sql] as const), ...queries.map((sql) => ['query', sql] as const)];
  assertFastAndValid(cases);
  // The spy sees the grammar when it is consulted (else the zeros above prove nothing).
  assert.equal(grammarCalls(() => checkSqlSyntax('a IN (SELECT b FROM c) AND ROW(a) IS NULL', 'filter', 'duckdb')), 1);
});

/** Each case takes the fast path in both dialects (no grammar consulted, no finding), and both grammars accept it. */
function assertFastAndValid(cases: ReadonlyArray<readonly [Kind, string]>): void {
  for (const [kind, sql] of cases) {
    for (const dialect of DIALECTS) {
      assert.ok(plain(sql, kind, dialect), `${dialect}: ${kind} outside the fast path: ${sql}`);
      const calls = grammarCalls(() => assert.deepEqual(checkSqlSyntax(sql, kind, dialect), [], sql));
      assert.equal(calls, 0, `${dialect}: the grammar was consulted for ${sql}`);
    }
    assert.deepEqual(grammarErrors(sql, kind), [], sql);
  }
}

test('subqueries, joins, windows, WITH, UNION, INTERVAL, `::`, comments and escaped strings take the fast path too', () => {
  const filters = [
    'customer_id IN (SELECT customer_id FROM main.customers WHERE active)',
    "customer_id NOT IN (SELECT c.id FROM main.customers AS c WHERE c.region = 'EU')",
    'EXISTS (SELECT 1 FROM main.refunds AS r WHERE r.order_id = order_id)',
    'NOT EXISTS (SELECT 1 FROM main.refunds r WHERE r.order_id = order_id) AND amount > 0',
    'amount > (SELECT AVG(amount) FROM main.orders)',
    "order_date >= CURRENT_DATE - INTERVAL '30' DAY",
    "loaded_at > CURRENT_TIMESTAMP - INTERVAL '6 hours'",
    "amount::DECIMAL(18, 2) > 0 AND code::STRING <> ''",
    "status = 'won''t ship' -- a note on the quote\n  AND region <> 'EU'",
    "/* orders of 2025 */ fiscal_year = 2025 AND note <> 'a\\b'",
  ];
  const queries = [
    'SELECT o.region, COUNT(*) AS n FROM t__________ AS o JOIN main.customers AS c ON o.customer_id = c.id GROUP BY o.region',
    'SELECT o.id FROM t__________ o LEFT OUTER JOIN main.customers c ON o.customer_id = c.id WHERE c.id IS NULL',
    'SELECT o.id FROM t__________ o LEFT JOIN main.a a USING (id) RIGHT JOIN main.b b ON a.id = b.id FULL OUTER JOIN main.c c ON b.id = c.id INNER JOIN main.d d ON c.id = d.id CROSS JOIN main.e',
    'SELECT a.id FROM t__________ a, main.b b WHERE a.id = b.id',
    'SELECT customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_ts DESC) AS rn FROM t__________',
    'SELECT id, SUM(amount) OVER (PARTITION BY region ORDER BY order_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM t__________',
    'SELECT id, lag(amount, 1) OVER (ORDER BY order_ts) AS previous, COUNT(*) OVER () AS total FROM t__________',
    'SELECT id, AVG(amount) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) AS moving FROM t__________',
    "SELECT COUNT(*) FILTER (WHERE status = 'paid') AS paid FROM t__________",
    'WITH latest AS (SELECT id, MAX(updated_at) AS updated_at FROM t__________ GROUP BY id) SELECT COUNT(*) AS n FROM latest',
    'WITH a AS (SELECT id FROM t__________), b AS (SELECT id FROM a WHERE id > 0) SELECT * FROM b ORDER BY id LIMIT 10',
    'SELECT id FROM t__________ UNION ALL SELECT id FROM main.archive EXCEPT SELECT id FROM main.deleted ORDER BY id',
    'SELECT id FROM t__________ INTERSECT SELECT id FROM main.other UNION SELECT id FROM main.third',
    'SELECT s.region, s.n FROM (SELECT region, COUNT(*) AS n FROM t__________ GROUP BY region) AS s WHERE s.n > 1',
    'SELECT o.* FROM t__________ o WHERE o.amount > 0',
    'SELECT region r, COUNT(*) n FROM t__________ GROUP BY region',
    "SELECT region, SUM(amount) AS revenue -- per region\nFROM t__________ /* all of it */ GROUP BY region",
  ];
  assertFastAndValid([...filters.map((sql) => ['filter', sql] as const), ...queries.map((sql) => ['query', sql] as const)]);
});

test("each dialect's quoted names take the fast path there, and the other dialect's quotes go to its grammar", () => {
  const byDialect = {
    databricks: ['`order date` >= DATE \'2024-01-01\'', 'SELECT `first name`, COUNT(*) AS n FROM `cat`.`sch`.`tbl` GROUP BY `first name`'],
    duckdb: ['"order date" >= DATE \'2024-01-01\'', 'SELECT "first name", COUNT(*) AS n FROM "cat"."sch"."tbl" GROUP BY "first name"'],
  } as const;
  for (const [dialect, [filter, query]] of Object.entries(byDialect) as Array<[EngineType, readonly [string, string]]>) {
    const other = DIALECTS.find((d) => d !== dialect)!;
    for (const [kind, sql] of [['filter', filter], ['query', query]] as const) {
      assert.ok(plain(sql, kind, dialect), `${dialect}: ${sql}`);
      assert.deepEqual(dialectErrors(sql, kind, dialect), [], `${dialect}: ${sql}`);
      assert.equal(plain(sql, kind, other), false, `${other} must ask its grammar: ${sql}`);
    }
  }
});

test("DuckDB's default schema `main` and `= ANY (…)` are no warning, also in SQL only the grammar reads (it refuses them)", () => {
  // ILIKE is outside the fast path: the PostgreSQL grammar is asked, with `main` rewritten for it.
  const sql = "SELECT a FROM main.orders AS o WHERE o.note ILIKE '%main%' -- main";
  assert.equal(plain(sql, 'query', 'duckdb'), false);
  const calls = grammarCalls(() => assert.deepEqual(checkSqlSyntax(sql, 'query', 'duckdb'), []));
  assert.equal(calls, 1);
  assert.notDeepEqual(grammars.PostgreSQL.validate(sql), [], 'the grammar itself refuses `main` (else the rewrite is not needed)');
  // Inside strings and comments it is left alone.
  assert.equal(grammarInput(sql, 'query', 'duckdb').input, "SELECT a FROM m___.orders AS o WHERE o.note ILIKE '%main%' -- main");
  // So are a comparison's quantifiers, which the grammar refuses too.
  for (const filter of ['id = ANY (SELECT id FROM main.b)', 'id > ALL (SELECT id FROM b) AND id <> some (SELECT 1 FROM c)']) {
    assert.deepEqual(checkSqlSyntax(filter, 'filter', 'duckdb'), [], filter);
  }
  assert.notDeepEqual(grammars.PostgreSQL.validate('SELECT * FROM t WHERE id = ANY (SELECT id FROM b)'), [], 'the grammar itself refuses ANY');
  assert.equal(checkSqlSyntax('id = ANY (SELECT id FROM b', 'filter', 'duckdb').length, 1, 'an error beside one is still found');
});

test('QUALIFY (Databricks, DuckDB) is no finding in a query, with or without HAVING, and stays one in a filter', () => {
  const queries = [
    'SELECT id, row_number() OVER (PARTITION BY id ORDER BY ts DESC) AS rn FROM t QUALIFY rn > 1',
    'SELECT id, COUNT(*) AS n FROM t GROUP BY id HAVING COUNT(*) > 0 QUALIFY rank() OVER (ORDER BY n) = 1',
    'SELECT a FROM (SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1) s WHERE a IN (SELECT b FROM u HAVING 1 = 1)',
  ];
  for (const sql of queries) {
    for (const dialect of DIALECTS) {
      assert.equal(plain(sql, 'query', dialect), false, 'QUALIFY is no name: the grammar is asked');
      const calls = grammarCalls(() => assert.deepEqual(checkSqlSyntax(sql, 'query', dialect), [], `${dialect}: ${sql}`));
      assert.equal(calls, 1);
    }
    assert.notDeepEqual(grammars.SparkSQL.validate(sql), [], 'the grammar itself refuses QUALIFY (else the rewrite is not needed)');
  }
  // An error after QUALIFY is placed where it is, as after HAVING.
  const broken = 'SELECT a FROM t QUALIFY a > ';
  for (const dialect of DIALECTS) {
    const [qualified] = checkSqlSyntax(broken, 'query', dialect);
    const [having] = checkSqlSyntax(broken.replace('QUALIFY', 'HAVING '), 'query', dialect);
    assert.ok(qualified && having, dialect);
    assert.deepEqual([qualified.start, qualified.end], [having.start, having.end], dialect);
  }
  // A filter is no query: QUALIFY there is an error.
  assert.equal(checkSqlSyntax('a > 1 QUALIFY b = 1', 'filter', 'databricks').length, 1);
});

test("Databricks' `::` and `?::` casts and JSON paths are no error, and an error after one is placed where it is", () => {
  // dt-sql-parser's Spark grammar predates the operator Databricks documents (`expr :: type`).
  for (const sql of ['a::INT > 1', "x::ARRAY<STRUCT<a: INT>> IS NULL AND y::MAP<STRING, INT> IS NOT NULL", 'a?::INT > 1', 'CAST(a AS INT)::STRING = b']) {
    assert.deepEqual(checkSqlSyntax(sql, 'filter', 'databricks'), [], sql);
  }
  // JSON paths into a string or VARIANT column, alone and with casts; STRUCT<…> fields keep their colons.
  for (const sql of ["payload:status = 'ok'", "raw:customer.id::STRING = 'x' AND raw:items[0].sku IS NOT NULL", "raw:`a b` = 1 OR raw:['a b'] = 2", 'CAST(x AS STRUCT<a:INT>) IS NULL']) {
    assert.deepEqual(checkSqlSyntax(sql, 'filter', 'databricks'), [], sql);
  }
  assert.deepEqual(checkSqlSyntax("SELECT raw:customer.id AS id, COUNT(*) AS n FROM t GROUP BY raw:customer.id", 'query', 'databricks'), []);
  assert.equal(grammarInput('raw:a = :p', 'filter', 'databricks').input.endsWith('raw.a = :p'), true, 'a parameter marker is no path');
  assert.notDeepEqual(grammars.SparkSQL.validate("SELECT * FROM t WHERE payload:status = 'ok'"), [], 'the grammar itself refuses a path');
  const sql = 'a::DECIMAL(10, 2) > 1 AND';
  const [error] = checkSqlSyntax(sql, 'filter', 'databricks');
  assert.ok(error, 'a finding');
  // Where Spark's grammar places `a > 1 AND`'s error: on the AND (the rewrite moved nothing).
  assert.deepEqual([error.start, error.end], [sql.lastIndexOf('AND'), sql.length]);
  // A `::` with no type after it is an error, placed on it.
  const [bare] = checkSqlSyntax('a:: = 1', 'filter', 'databricks');
  assert.ok(bare && bare.start >= 1 && bare.start <= 3, JSON.stringify(bare));
});

/** Mostly one of `inside` (forms the fast path reads), now and then one of `outside` (forms it must refuse). */
const mostly = (inside: string[], outside: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...inside), weight: 6 }, { arbitrary: fc.constantFrom(...outside), weight: 1 });
// Names, and keywords of a grammar it must refuse as names.
const name = fc.oneof(
  { arbitrary: fc.constantFrom('amount', 'status', 'order_date', 'a', 't_1', 'src.amount', 'cat.sch.tbl_col', 'Region', 'customer'), weight: 8 },
  // Keywords both grammars read as names (SQL_NAME_KEYWORDS), and quoted names of either dialect.
  { arbitrary: fc.constantFrom('name', 'type', 'main.orders', 'value', 'year', 'key', 'o.comment', '`first name`', '"first name"', '`a`.`b`'), weight: 2 },
  { arbitrary: fc.constantFrom('date', 'count', 'select', 'user', 'period', 'order', 'over', 'left'), weight: 1 },
);
const literal = fc.oneof(
  fc.nat({ max: 1e6 }).map(String),
  fc.constantFrom('0.5', '12.25', "'x'", "''", "'it is'", "'2024-01-01'", "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 10:00:00'", "'a\\b'", "'a''b'"),
  mostly(["INTERVAL '7' DAY", "INTERVAL '6 hours'", "interval '1' year", "INTERVAL '30' MINUTE"], ['INTERVAL 7 DAY', "INTERVAL '7' DAYS", "INTERVAL '1' DAY TO HOUR", "DATE 'a''b'", "INTERVAL 'a''b'"]),
);
// CAST's type names: those it accepts, and forms one grammar or both refuse (`INT(5)`: PostgreSQL; `DECIMAL(10.5)`: Spark).
const castType = mostly(
  ['INT', 'integer', 'BIGINT', 'SMALLINT', 'DOUBLE', 'FLOAT', 'DECIMAL', 'DECIMAL(10)', 'decimal(18, 2)', 'NUMERIC(10,2)', 'numeric', 'NUMERIC(5)', 'STRING', 'VARCHAR', 'VARCHAR(20)', 'CHAR(3)', 'char', 'DATE', 'TIMESTAMP', 'BOOLEAN'],
  ['DOUBLE PRECISION', 'DECIMAL(10.5)', 'INT(5)', 'VARCHAR(10,2)', 'DECIMAL(1, 2, 3)', 'DATE(3)', 'TEXT', 'TINYINT', 'INTERVAL', 'ARRAY<INT>', 'a', ''],
);
/** An ORDER BY item of `value`s, with a direction and NULLS now and then (and forms both refuse). */
function orderItemOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .tuple(value, mostly(['', ' ASC', ' DESC', ' desc'], [' USING <', ' DESC ASC']), mostly(['', '', ' NULLS FIRST', ' NULLS LAST', ' nulls last'], [' NULLS', ' NULLS NULL']))
    .map(([x, direction, nulls]) => `${String(x)}${direction}${nulls}`);
}
/** Tables with joins (aliases with and without AS), and forms both grammars refuse. */
const joined = fc
  .tuple(
    mostly(['t', 'main.orders AS o', 'cat.sch.tbl x', '`my table`', '"my table"'], ['t AS', 'AS o']),
    fc.array(
      fc.tuple(
        mostly(['JOIN', 'INNER JOIN', 'LEFT JOIN', 'left outer join', 'RIGHT JOIN', 'FULL OUTER JOIN', 'FULL JOIN'], ['OUTER JOIN', 'LEFT INNER JOIN', 'JOIN JOIN', 'NATURAL JOIN']),
        mostly(['u', 'main.customers c', 's.u AS u2', 'name'], ['order', 'select']),
        mostly(['ON a = b', 'ON o.id = c.id AND c.active', 'USING (id)', 'USING (a, b)', 'on x.k IS NOT DISTINCT FROM y.k'], ['', 'ON', 'USING id', 'USING ()']),
      ).map(([join, table, on]) => ` ${join} ${table} ${on}`),
      { maxLength: 2 },
    ),
    mostly(['', ' CROSS JOIN v', ', w', ', main.x AS y'], [' CROSS JOIN', ' CROSS JOIN v ON a = b']),
  )
  .map(([first, joins, tail]) => `${first}${joins.join('')}${tail}`);
const { expression, subquery } = fc.letrec((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small', maxDepth: 4, depthIdentifier: 'sql', withCrossShrink: true },
    name,
    literal,
    fc.constantFrom('NULL', 'TRUE', 'FALSE', 'COUNT(*)'),
    fc.tuple(fc.constantFrom('SUM', 'avg', 'MIN', 'MAX', 'COUNT', 'lower', 'coalesce'), fc.boolean(), tie('operand')).map(([f, d, x]) => `${f}(${d ? 'DISTINCT ' : ''}${x})`),
    // Calls of other functions with one to three arguments: names that are no keyword, and keywords it must refuse.
    fc
      .tuple(
        fc.constantFrom('lower', 'UPPER', 'length', 'abs', 'round', 'concat', 'date_trunc', 'my_udf', 'ifnull', 'nvl', 'substr', 'substring', 'trim', 'extract', 'position', 'first', 'any', 'struct', 'array', 'cast', 'left', 'replace', 'date', 'year', 'coalesce', 'nullif', 'greatest'),
        fc.array(tie('expression'), { minLength: 1, maxLength: 3 }),
      )
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    // Functions that are keywords of a grammar: with no, one or more arguments (NULLIF takes exactly two in PostgreSQL).
    fc
      .tuple(
        mostly(['coalesce', 'NULLIF', 'greatest', 'LEAST', 'trim', 'if', 'left', 'right', 'replace', 'substring', 'SUBSTR', 'year', 'month', 'day', 'hour', 'MINUTE', 'second', 'date', 'date_add', 'DATEDIFF'], ['position', 'try_cast', 'any', 'current_date', 'filter']),
        fc.array(tie('expression'), { minLength: 0, maxLength: 3 }),
      )
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    mostly(['CURRENT_DATE', 'current_timestamp', 'now()'], ['CURRENT_DATE()', 'CURRENT_USER']),
    fc
      .tuple(mostly(['YEAR', 'month', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'QUARTER', 'WEEK'], ['a', 'DATE', "'year'", '']), tie('operand'), mostly([' FROM'], [',', '']))
      .map(([f, x, from]) => `EXTRACT(${f}${from} ${x})`),
    fc.tuple(tie('expression'), castType, mostly(['CAST', 'cast'], ['TRY_CAST'])).map(([x, type, cast]) => `${cast}(${x} AS ${type})`),
    // CASE, searched or simple, with and without ELSE; now and then without its END or its WHEN.
    mostly(['CASE WHEN a THEN 1 END'], ['CASE END', 'CASE ELSE 1 END', 'CASE a ELSE 1 END', 'CASE WHEN a END', 'CASE WHEN a THEN END']),
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.option(fc.oneof(tie('operand'), tie('expression'))),
          fc.array(fc.tuple(tie('expression'), fc.oneof(tie('operand'), tie('expression'))), { minLength: 1, maxLength: 2 }),
          fc.option(fc.oneof(tie('operand'), tie('expression'))),
          mostly(['END', 'end'], ['']),
        )
        .map(([on, whens, otherwise, end]) => `CASE ${on ? `${on} ` : ''}${whens.map(([w, t]) => `WHEN ${w} THEN ${t} `).join('')}${otherwise ? `ELSE ${otherwise} ` : ''}${end}`),
    },
    { weight: 3, arbitrary: fc.tuple(tie('operand'), mostly(['+', '-', '*', '/', '||', '%'], ['|', '&', '^']), tie('operand')).map(([a, op, b]) => `${a} ${op} ${b}`) },
    tie('operand').map((x) => `-${x}`),
    tie('operand').map((x) => `- ${x}`),
    tie('expression').map((x) => `(${x})`),
    // `::` casts (Databricks documents them; Spark's grammar reads them rewritten) and scalar subqueries.
    fc.tuple(tie('operand'), mostly([' ', ''], [' ']), castType).map(([x, space, type]) => `${x}${space}::${type}`),
    tie('subquery').map((q) => `(${q})`),
    // Window functions, and aggregates with FILTER.
    fc
      .tuple(
        mostly(['row_number()', 'rank()', 'SUM(amount)', 'COUNT(*)', 'lag(a, 1)', 'MAX(DISTINCT a)'], ['coalesce(a)', 'CAST(a AS INT)', 'a', 'CURRENT_DATE']),
        fc.option(fc.array(fc.oneof(name, tie('operand')), { minLength: 1, maxLength: 2 })),
        fc.option(fc.array(orderItemOf(fc.oneof(name, tie('operand'))), { minLength: 1, maxLength: 2 })),
        fc.option(mostly(['ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW', 'RANGE BETWEEN 3 PRECEDING AND 1 FOLLOWING', 'ROWS UNBOUNDED PRECEDING', 'rows between current row and unbounded following'], ['ROWS BETWEEN', 'RANGE 1', 'ROWS CURRENT', 'GROUPS 1 PRECEDING'])),
      )
      .map(([call, partition, order, frame]) => `${call} OVER (${[partition ? `PARTITION BY ${partition.join(', ')}` : '', order ? `ORDER BY ${order.join(', ')}` : '', frame ?? ''].filter(Boolean).join(' ')})`),
    fc.tuple(mostly(['COUNT(*)', 'SUM(a)', 'avg(b)'], ['lower(a)', 'coalesce(a, 1)']), tie('expression')).map(([call, x]) => `${call} FILTER (WHERE ${x})`),
  ),
  // A query inside an expression or a FROM: one table or a join, a filter now and then.
  subquery: fc
    .tuple(fc.oneof(name, tie('operand'), fc.constant('*')), fc.oneof(name, joined), fc.option(tie('expression')))
    .map(([x, from, where]) => `SELECT ${x} FROM ${from}${where ? ` WHERE ${where}` : ''}`),
  predicate: fc.oneof(
    fc.tuple(tie('operand'), fc.constantFrom('=', '<>', '!=', '<', '<=', '>', '>=', '=='), tie('operand')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('operand'), mostly(['IS NULL', 'IS NOT NULL'], ['IS TRUE', 'IS NOT FALSE'])).map(([a, rest]) => `${a} ${rest}`),
    fc.tuple(tie('operand'), mostly(['IS DISTINCT FROM', 'IS NOT DISTINCT FROM', 'is not distinct from'], ['IS DISTINCT', 'DISTINCT FROM']), tie('operand')).map(([a, is, b]) => `${a} ${is} ${b}`),
    fc.tuple(tie('operand'), fc.boolean(), fc.array(literal, { minLength: 1, maxLength: 3 })).map(([a, not, xs]) => `${a}${not ? ' NOT' : ''} IN (${xs.join(', ')})`),
    fc.tuple(tie('operand'), fc.boolean(), tie('subquery')).map(([a, not, q]) => `${a}${not ? ' NOT' : ''} IN (${q})`),
    fc.tuple(mostly(['EXISTS', 'NOT EXISTS', 'exists'], ['EXISTS NOT', 'IN']), tie('subquery')).map(([exists, q]) => `${exists} (${q})`),
    fc.tuple(tie('operand'), fc.boolean(), tie('operand'), tie('operand')).map(([a, not, lo, hi]) => `${a}${not ? ' NOT' : ''} BETWEEN ${lo} AND ${hi}`),
    fc.tuple(tie('operand'), fc.boolean(), fc.oneof({ arbitrary: fc.constantFrom("'x%'", "'%a_b%'", "''"), weight: 3 }, { arbitrary: literal, weight: 1 })).map(([a, not, s]) => `${a}${not ? ' NOT' : ''} LIKE ${s}`),
  ),
  expression: fc.oneof(
    { depthSize: 'small', maxDepth: 4, depthIdentifier: 'sql', withCrossShrink: true },
    tie('predicate'),
    fc.tuple(tie('expression'), fc.constantFrom('AND', 'OR', 'and', 'Or'), tie('expression')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expression').map((x) => `NOT ${x}`),
  ),
}));
const orderItem = orderItemOf(fc.oneof(name, name, expression.map(String), fc.constantFrom('1', '2')));
const clause = {
  where: fc.oneof({ arbitrary: fc.constant('a > 1'), weight: 2 }, expression.map(String)).map((x) => ` WHERE ${x}`),
  groupBy: fc.array(fc.oneof(name, expression.map(String)), { minLength: 1, maxLength: 2 }).map((xs) => ` GROUP BY ${xs.join(', ')}`),
  having: fc.oneof({ arbitrary: fc.constant('COUNT(*) > 1'), weight: 2 }, expression.map(String)).map((x) => ` HAVING ${x}`),
  orderBy: fc.array(orderItem, { minLength: 1, maxLength: 2 }).map((xs) => ` ORDER BY ${xs.join(', ')}`),
  limit: mostly(['10', '0', '1000000'], ['10.5', '-1', 'ALL', 'a', '1 + 1', "'5'", '']).map((n) => ` LIMIT ${n}`),
};
const query = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        fc.constant('*'),
        { arbitrary: name, weight: 3 },
        expression.map(String),
        fc.tuple(fc.oneof(name, expression.map(String)), name).map(([e, n]) => `${e} AS ${n}`),
        fc.tuple(fc.oneof(name, expression.map(String)), name).map(([e, n]) => `${e} ${n}`),
        { arbitrary: mostly(['o.*', 's.t.*', '`o`.*'], ['*.a', 'o.*.a', 'COUNT(o.*)']), weight: 2 },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.oneof(name, joined, subquery.map((q) => `(${q}) AS s`), subquery.map((q) => `(${q}) s`), fc.constantFrom('(SELECT a FROM t) AS s', '(SELECT * FROM t WHERE b > 1) s')),
    fc.tuple(fc.option(clause.where), fc.option(clause.groupBy), fc.option(clause.having), fc.option(clause.orderBy), fc.option(clause.limit)),
    mostly(['in order'], ['reversed']),
  )
  .map(([distinct, items, from, clauses, order]) => {
    // Now and then the clauses out of their order (`LIMIT 5 ORDER BY a`: both grammars refuse it).
    const present = clauses.filter((c): c is string => c !== null);
    if (order === 'reversed') present.reverse();
    return `SELECT ${distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${from}${present.join('')}`;
  });
/** Queries with WITH, set operations and comments around the generated ones. */
const statement = fc
  .tuple(
    fc.option(fc.array(fc.tuple(fc.constantFrom('latest', 'x', 'name', 'order'), subquery), { minLength: 1, maxLength: 2 })),
    fc.oneof(query, subquery, fc.constantFrom('SELECT a FROM t', 'SELECT COUNT(*) AS n FROM latest GROUP BY a', 'SELECT o.* FROM t o', 'SELECT s.t.*, a FROM s.t')),
    fc.option(fc.tuple(mostly(['UNION', 'UNION ALL', 'EXCEPT', 'INTERSECT', 'union distinct', 'EXCEPT ALL'], ['UNION UNION', 'MINUS ALL', 'ALL']), subquery)),
    mostly(['', ' -- a note', ' /* a note */', '\n-- a note\n'], [' -- a note \\', ' /*+ hint */']),
  )
  .map(([ctes, q, set, comment]) => {
    const withs = ctes ? `WITH ${ctes.map(([n, c]) => `${n} AS (${c})`).join(', ')} ` : '';
    return `${withs}${q}${set ? ` ${set[0]} ${set[1]}` : ''}${comment}`;
  });

test('whatever the fast path accepts, both grammars accept (SQL built from its subset, with words and forms outside it)', () => {
  let accepted = 0;
  // Each construct must be among what the fast path accepted (and the grammars were asked about), or the property
  // says nothing of it.
  const constructs: Record<string, RegExp> = {
    CASE: /\bCASE\b/i, 'simple CASE': /\bCASE (?!WHEN)/i, ELSE: /\bELSE\b/i, CAST: /\bCAST\(/i, 'type(p[, s])': /\b(DECIMAL|NUMERIC|VARCHAR|CHAR)\(\d/i,
    'keyword function': /\b(coalesce|nullif|greatest|least|trim|if|left|right|replace|substring|substr|year|month|day|hour|minute|second|date|date_add|datediff)\(/i, EXTRACT: /\bEXTRACT\(/i,
    CURRENT_DATE: /\bCURRENT_(DATE|TIMESTAMP)\b/i, 'IS DISTINCT FROM': /\bDISTINCT FROM\b/i, '||': /\|\|/, '%': /%/, 'unary minus': /(^|[^\w)'] *)-[ (\w]/,
    'NOT IN': /NOT IN/, 'NOT BETWEEN': /NOT BETWEEN/, 'NOT LIKE': /NOT LIKE/, HAVING: /\bHAVING\b/, 'ORDER BY': /\bORDER BY\b/, NULLS: /\bNULLS (FIRST|LAST)\b/i, LIMIT: /\bLIMIT\b/,
    '::': /::/, INTERVAL: /\bINTERVAL '/i, 'IN (query)': /\bIN \(SELECT/, EXISTS: /\bEXISTS \(/i, 'scalar subquery': /[^N] \(SELECT/, OVER: /\bOVER \(/, frame: /\b(ROWS|RANGE) /i,
    FILTER: /\bFILTER \(WHERE/, JOIN: /\bJOIN\b/i, USING: /\bUSING \(/, 'CROSS JOIN': /\bCROSS JOIN\b/, WITH: /^WITH /, 'set operation': /\b(UNION|EXCEPT|INTERSECT)\b/i,
    'FROM (query)': /FROM \(SELECT/, 'o.*': /\w\.\*/, comment: /--|\/\*/, 'quoted name': /[`"]/, 'keyword name': /\b(name|type|main|value|year|key|comment)\b(?!\()/, "''": /''/,
  };
  const seen = new Map(Object.keys(constructs).map((k) => [k, 0]));
  fc.assert(
    fc.property(fc.oneof(expression.map((sql) => ['filter', String(sql)] as const), fc.oneof(query, { arbitrary: statement, weight: 2 }).map((sql) => ['query', sql] as const)), ([kind, sql]) => {
      const found = errorsWhereAccepted(sql, kind);
      if (found.accepted === 0) return;
      accepted++;
      for (const [construct, pattern] of Object.entries(constructs)) if (pattern.test(sql)) seen.set(construct, (seen.get(construct) ?? 0) + 1);
      assert.deepEqual(found.errors, [], `${kind}: ${sql}`);
    }),
    { numRuns: 1500, seed: Number(process.env.SEED ?? 12) },
  );
  // Most generated SQL steps outside the subset somewhere (on purpose: words and forms it must refuse).
  assert.ok(accepted >= 250, `only ${accepted} of 1500 were inside the subset: the property proves little`);
  const rare = [...seen].filter(([, n]) => n < 3);
  assert.deepEqual(rare, [], 'constructs the fast path accepted fewer than 3 times in the generated SQL');
});

test('whatever the fast path accepts of every short form `x op y tail`, both grammars accept (all combinations)', () => {
  // Random SQL rarely builds these exact neighbours; Spark's grammar refuses `a - lower(b)` and `a - COUNT(*) IS NULL`
  // but not `a - lower(b) = 1` nor `a + lower(b)`, so every pair is asked.
  const terms = ['a', 'a.b', '1', 'NULL', 'lower(b)', 'COUNT(*)', 'CAST(b AS INT)', 'CASE WHEN b THEN 1 END', "DATE '2024-01-01'", 'current_date', '-a'];
  let accepted = 0;
  for (const x of terms)
    for (const op of ['-', '+', '||'])
      for (const y of terms)
        for (const tail of ['', ' IS NULL', ' = 1', ' OR c']) {
          const sql = `${x} ${op} ${y}${tail}`;
          const found = errorsWhereAccepted(sql, 'filter');
          if (found.accepted === 0) continue;
          accepted++;
          assert.deepEqual(found.errors, [], sql);
        }
  assert.ok(accepted >= 1000, `only ${accepted} accepted`);
});

test('whatever the fast path accepts in random token soup, both grammars accept', () => {
  const token = fc.constantFrom(
    'a', 'b.c', 'status', 'date', 'name', 'order', 'select', '1', '2.5', "'x'", "'y''z'", 'DATE', "DATE '2024-01-01'", 'NULL', 'TRUE',
    'AND', 'OR', 'NOT', 'IS', 'IN', 'BETWEEN', 'LIKE', '=', '<>', '<', '>=', '+', '-', '*', '/', '(', ')', ',', '.', 'COUNT', 'SUM', 'AS',
    'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'DISTINCT', '--c\n', ';', '"q"', '`b`', 'lower', 'round', 'trim',
    'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'INT', 'DECIMAL', 'VARCHAR', 'coalesce', 'nullif', 'greatest', 'EXTRACT', 'YEAR', 'CURRENT_DATE',
    '||', '%', 'HAVING', 'ORDER', 'LIMIT', 'DESC', 'NULLS', 'LAST', '10',
    '::', 'INT', 'INTERVAL', "'7'", 'DAY', 'OVER', 'PARTITION', 'ROWS', 'JOIN', 'LEFT', 'ON', 'USING', 'WITH', 'UNION', 'ALL', 'EXISTS',
    '`q`', 'main', 'type', '/* c */', "'a\\b'", 'FILTER', 'CROSS',
  );
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), fc.constantFrom('filter' as const, 'query' as const), (tokens, kind) => {
      const sql = (kind === 'query' ? ['SELECT', ...tokens] : tokens).join(' ');
      const found = errorsWhereAccepted(sql, kind);
      if (found.accepted === 0) return;
      accepted++;
      assert.deepEqual(found.errors, [], `${kind}: ${sql}`);
    }),
    { numRuns: 5000, seed: Number(process.env.SEED ?? 13) },
  );
  assert.ok(accepted >= 30, `only ${accepted} accepted`);
});

test('broken SQL still reaches the grammar, which places the error', () => {
  // `DATE` without its string is no literal, and the name after it no column (found by the token soup above).
  const isPlainSql = (sql: string, kind: Kind) => DIALECTS.some((dialect) => plain(sql, kind, dialect));
  assert.equal(isPlainSql('date a', 'filter'), false);
  assert.equal(isPlainSql("lower(status) <> 'void'", 'filter'), true);
  assert.equal(isPlainSql("order_dat >= DATE '2024-01-01' AND", 'filter'), false);
  const [error] = checkSqlSyntax("order_dat >= DATE '2024-01-01' AND", 'filter', 'databricks');
  assert.ok(error, 'a finding');
  assert.equal(isPlainSql('status = = 1', 'filter'), false);
  assert.equal(checkSqlSyntax('status = = 1', 'filter', 'duckdb').length, 1);
  assert.equal(isPlainSql('SELECT status FROM', 'query'), false);
  assert.equal(checkSqlSyntax('SELECT status FROM', 'query', 'databricks').length, 1);
  // Broken or one-grammar forms of the wider subset: each is refused, and at least one grammar finds an error.
  const refused = [
    ['filter', 'CASE WHEN a THEN b'],
    ['filter', 'CASE WHEN a > 1 THEN b ELSE c'],
    ['filter', 'CASE END = 1'],
    ['filter', 'CASE a END = 1'],
    ['filter', 'CAST(a AS) > 1'],
    ['filter', 'CAST(a) > 1'],
    ['filter', 'CAST(a AS DOUBLE PRECISION) > 1'],
    ['filter', 'CAST(a AS DECIMAL(10.5)) > 1'],
    ['filter', 'CAST(a AS INT(5)) > 1'],
    ['filter', 'CAST(a AS VARCHAR(10, 2)) > 1'],
    ['filter', 'nullif(a) = 1'],
    ['filter', 'nullif(a, b, c) = 1'],
    ['filter', 'coalesce() = 1'],
    ['filter', "position(a, 'x') > 0"],
    ['filter', 'CURRENT_DATE() > a'],
    ['filter', "a || 'x' ||"],
    ['filter', 'a % = 1'],
    ['filter', 'a IS DISTINCT b'],
    ['filter', 'a IS TRUE'],
    ['filter', 'EXTRACT(YEAR d) = 1'],
    // Spark's grammar only (see startsCallLike in plain-sql.ts).
    ['filter', 'a - lower(b)'],
    ['filter', 'a - COUNT(*) IS NULL'],
    ['filter', 'a.b - CASE WHEN b THEN 1 END = 1'],
    ['filter', "amount - DATE '2024-01-01'"],
    ['filter', 'a - b - coalesce(c, 0) OR d'],
    ['query', 'SELECT c FROM t GROUP BY a - lower(b)'],
    ['query', 'SELECT a FROM t LIMIT 5 ORDER BY a'],
    ['query', 'SELECT a FROM t HAVING a > 1 GROUP BY a'],
    ['query', 'SELECT a FROM t LIMIT'],
    ['query', 'SELECT a FROM t ORDER BY'],
  ] as const;
  for (const [kind, sql] of refused) {
    assert.equal(isPlainSql(sql, kind), false, sql);
    assert.notDeepEqual(grammarErrors(sql, kind), [], sql);
  }
  for (const [sql, dialect] of [['CASE WHEN a THEN b', 'databricks'], ['CAST(a AS) > 1', 'duckdb'], ['nullif(a) = 1', 'duckdb']] as const) {
    const [found] = checkSqlSyntax(sql, 'filter', dialect);
    assert.ok(found && found.end <= sql.length, `${dialect}: a located finding for ${sql}`);
  }
});
