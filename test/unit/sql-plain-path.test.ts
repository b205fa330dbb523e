/**
 * The SQL syntax check's fast path (core/src/sql-syntax/plain-sql.ts) never guesses: everything it accepts, both
 * grammars accept (SQL generated from its subset and random token soup, parsed by dt-sql-parser's PostgreSQL and
 * Spark SQL grammars here), its keyword list is the lexers', the examples' SQL takes it, and broken SQL still gets
 * the grammar's located message.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkSqlSyntax } from '../../core/src/sql-syntax/check-sql-syntax';
import { PostgreSQL, SparkSQL } from '../../core/src/sql-syntax/grammars';
import { isPlainSql } from '../../core/src/sql-syntax/plain-sql';
import { keywordsModule, lexerKeywords } from './sql-keywords-support';

const KEYWORDS_FILE = join(resolve(__dirname, '..', '..'), 'core', 'src', 'sql-syntax', 'sql-keywords.generated.ts');
const grammars = [new PostgreSQL(), new SparkSQL()];

/** The errors each grammar finds in `sql` (a filter is parsed as the checker parses it). */
function grammarErrors(sql: string, kind: 'filter' | 'query'): string[] {
  const input = kind === 'filter' ? `SELECT * FROM t WHERE ${sql}` : sql;
  return grammars.flatMap((g) => g.validate(input).map((e) => `${g.constructor.name}: ${e.message}`));
}

test('the keyword list is every word the two lexers have a token for (UPDATE_GOLDEN=1 rewrites it)', () => {
  const expected = keywordsModule(lexerKeywords());
  if (process.env.UPDATE_GOLDEN) writeFileSync(KEYWORDS_FILE, expected);
  assert.ok(readFileSync(KEYWORDS_FILE, 'utf8') === expected, 'sql-keywords.generated.ts is stale: run this test with UPDATE_GOLDEN=1');
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
  for (const sql of filters) {
    assert.ok(isPlainSql(sql, 'filter'), sql);
    assert.deepEqual(grammarErrors(sql, 'filter'), [], sql);
  }
  for (const sql of queries) {
    assert.ok(isPlainSql(sql, 'query'), sql);
    assert.deepEqual(grammarErrors(sql, 'query'), [], sql);
  }
});

/** Runs `work` counting the calls of either grammar's `validate` (the grammar is consulted only through it). */
function grammarCalls(work: () => void): number {
  let calls = 0;
  const saved = grammars.map((g) => Object.getPrototypeOf(g).validate as (sql: string) => unknown);
  grammars.forEach((g, i) => {
    Object.getPrototypeOf(g).validate = function (this: unknown, sql: string) {
      calls++;
      return saved[i].call(this, sql);
    };
  });
  try {
    work();
  } finally {
    grammars.forEach((g, i) => (Object.getPrototypeOf(g).validate = saved[i]));
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
  for (const [kind, sql] of cases) {
    assert.ok(isPlainSql(sql, kind), `${kind} outside the fast path: ${sql}`);
    for (const dialect of ['databricks', 'duckdb'] as const) {
      const calls = grammarCalls(() => assert.deepEqual(checkSqlSyntax(sql, kind, dialect), [], sql));
      assert.equal(calls, 0, `${dialect}: the grammar was consulted for ${sql}`);
    }
    assert.deepEqual(grammarErrors(sql, kind), [], sql);
  }
  // The spy sees the grammar when it is consulted (else the zero above proves nothing).
  assert.equal(grammarCalls(() => checkSqlSyntax('a IN (SELECT b FROM c)', 'filter', 'duckdb')), 1);
});

// Names, and keywords of a grammar it must refuse as names.
const name = fc.oneof(
  { arbitrary: fc.constantFrom('amount', 'status', 'order_date', 'a', 't_1', 'src.amount', 'cat.sch.tbl_col', 'Region', 'customer'), weight: 8 },
  { arbitrary: fc.constantFrom('date', 'count', 'select', 'user', 'period', 'name'), weight: 1 },
);
const literal = fc.oneof(
  fc.nat({ max: 1e6 }).map(String),
  fc.constantFrom('0.5', '12.25', "'x'", "''", "'it is'", "'2024-01-01'", "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 10:00:00'", "'a\\b'", "'a''b'"),
);
/** Mostly one of `inside` (forms the fast path reads), now and then one of `outside` (forms it must refuse). */
const mostly = (inside: string[], outside: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...inside), weight: 6 }, { arbitrary: fc.constantFrom(...outside), weight: 1 });
// CAST's type names: those it accepts, and forms one grammar or both refuse (`INT(5)`: PostgreSQL; `DECIMAL(10.5)`: Spark).
const castType = mostly(
  ['INT', 'integer', 'BIGINT', 'SMALLINT', 'DOUBLE', 'FLOAT', 'DECIMAL', 'DECIMAL(10)', 'decimal(18, 2)', 'NUMERIC(10,2)', 'numeric', 'NUMERIC(5)', 'STRING', 'VARCHAR', 'VARCHAR(20)', 'CHAR(3)', 'char', 'DATE', 'TIMESTAMP', 'BOOLEAN'],
  ['DOUBLE PRECISION', 'DECIMAL(10.5)', 'INT(5)', 'VARCHAR(10,2)', 'DECIMAL(1, 2, 3)', 'DATE(3)', 'TEXT', 'TINYINT', 'INTERVAL', 'ARRAY<INT>', 'a', ''],
);
const { expression } = fc.letrec((tie) => ({
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
  ),
  predicate: fc.oneof(
    fc.tuple(tie('operand'), fc.constantFrom('=', '<>', '!=', '<', '<=', '>', '>=', '=='), tie('operand')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('operand'), mostly(['IS NULL', 'IS NOT NULL'], ['IS TRUE', 'IS NOT FALSE'])).map(([a, rest]) => `${a} ${rest}`),
    fc.tuple(tie('operand'), mostly(['IS DISTINCT FROM', 'IS NOT DISTINCT FROM', 'is not distinct from'], ['IS DISTINCT', 'DISTINCT FROM']), tie('operand')).map(([a, is, b]) => `${a} ${is} ${b}`),
    fc.tuple(tie('operand'), fc.boolean(), fc.array(literal, { minLength: 1, maxLength: 3 })).map(([a, not, xs]) => `${a}${not ? ' NOT' : ''} IN (${xs.join(', ')})`),
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
const orderItem = fc
  .tuple(fc.oneof(name, name, expression.map(String), fc.constantFrom('1', '2')), mostly(['', ' ASC', ' DESC', ' desc'], [' USING <', ' DESC ASC']), mostly(['', '', ' NULLS FIRST', ' NULLS LAST', ' nulls last'], [' NULLS', ' NULLS NULL']))
  .map(([x, direction, nulls]) => `${x}${direction}${nulls}`);
const clause = {
  where: fc.oneof(fc.constant('a > 1'), expression.map(String)).map((x) => ` WHERE ${x}`),
  groupBy: fc.array(fc.oneof(name, expression.map(String)), { minLength: 1, maxLength: 2 }).map((xs) => ` GROUP BY ${xs.join(', ')}`),
  having: fc.oneof(fc.constant('COUNT(*) > 1'), expression.map(String)).map((x) => ` HAVING ${x}`),
  orderBy: fc.array(orderItem, { minLength: 1, maxLength: 2 }).map((xs) => ` ORDER BY ${xs.join(', ')}`),
  limit: mostly(['10', '0', '1000000'], ['10.5', '-1', 'ALL', 'a', '1 + 1', "'5'", '']).map((n) => ` LIMIT ${n}`),
};
const query = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof(fc.constant('*'), name, expression.map(String), fc.tuple(fc.oneof(name, expression.map(String)), name).map(([e, n]) => `${e} AS ${n}`)), { minLength: 1, maxLength: 3 }),
    name,
    fc.tuple(fc.option(clause.where), fc.option(clause.groupBy), fc.option(clause.having), fc.option(clause.orderBy), fc.option(clause.limit)),
    mostly(['in order'], ['reversed']),
  )
  .map(([distinct, items, from, clauses, order]) => {
    // Now and then the clauses out of their order (`LIMIT 5 ORDER BY a`: both grammars refuse it).
    const present = clauses.filter((c): c is string => c !== null);
    if (order === 'reversed') present.reverse();
    return `SELECT ${distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${from}${present.join('')}`;
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
  };
  const seen = new Map(Object.keys(constructs).map((k) => [k, 0]));
  fc.assert(
    fc.property(fc.oneof(expression.map((sql) => ['filter', String(sql)] as const), query.map((sql) => ['query', sql] as const)), ([kind, sql]) => {
      if (!isPlainSql(sql, kind)) return;
      accepted++;
      for (const [construct, pattern] of Object.entries(constructs)) if (pattern.test(sql)) seen.set(construct, (seen.get(construct) ?? 0) + 1);
      assert.deepEqual(grammarErrors(sql, kind), [], `${kind}: ${sql}`);
    }),
    { numRuns: 1200, seed: 12 },
  );
  // Most generated SQL steps outside the subset somewhere (on purpose: words and forms it must refuse).
  assert.ok(accepted >= 200, `only ${accepted} of 1200 were inside the subset: the property proves little`);
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
          if (!isPlainSql(sql, 'filter')) continue;
          accepted++;
          assert.deepEqual(grammarErrors(sql, 'filter'), [], sql);
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
  );
  let accepted = 0;
  fc.assert(
    fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), fc.constantFrom('filter' as const, 'query' as const), (tokens, kind) => {
      const sql = (kind === 'query' ? ['SELECT', ...tokens] : tokens).join(' ');
      if (!isPlainSql(sql, kind)) return;
      accepted++;
      assert.deepEqual(grammarErrors(sql, kind), [], `${kind}: ${sql}`);
    }),
    { numRuns: 5000, seed: 13 },
  );
  assert.ok(accepted >= 30, `only ${accepted} accepted`);
});

test('broken SQL still reaches the grammar, which places the error', () => {
  // `DATE` without its string is no literal, and the name after it no column (found by the token soup above).
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
