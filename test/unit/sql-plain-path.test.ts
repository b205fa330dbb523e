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

const NAMES = ['amount', 'status', 'order_date', 'a', 't_1', 'src.amount', 'cat.sch.tbl_col', 'Region', 'name', 'date', 'count', 'select', 'user', 'period'];
const name = fc.constantFrom(...NAMES);
const literal = fc.oneof(
  fc.nat({ max: 1e6 }).map(String),
  fc.constantFrom('0.5', '12.25', "'x'", "''", "'it is'", "'2024-01-01'", "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 10:00:00'", "'a\\b'", "'a''b'"),
);
const { expression } = fc.letrec((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
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
    fc.tuple(tie('operand'), fc.constantFrom('+', '-', '*', '/', '||'), tie('operand')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('operand').map((x) => `-${x}`),
    tie('expression').map((x) => `(${x})`),
  ),
  predicate: fc.oneof(
    fc.tuple(tie('operand'), fc.constantFrom('=', '<>', '!=', '<', '<=', '>', '>=', '=='), tie('operand')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('operand'), fc.constantFrom('IS NULL', 'IS NOT NULL', 'IS TRUE')).map(([a, rest]) => `${a} ${rest}`),
    fc.tuple(tie('operand'), fc.boolean(), fc.array(literal, { minLength: 1, maxLength: 3 })).map(([a, not, xs]) => `${a}${not ? ' NOT' : ''} IN (${xs.join(', ')})`),
    fc.tuple(tie('operand'), fc.boolean(), tie('operand'), tie('operand')).map(([a, not, lo, hi]) => `${a}${not ? ' NOT' : ''} BETWEEN ${lo} AND ${hi}`),
    fc.tuple(tie('operand'), fc.boolean(), literal).map(([a, not, s]) => `${a}${not ? ' NOT' : ''} LIKE ${s}`),
  ),
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('predicate'),
    fc.tuple(tie('expression'), fc.constantFrom('AND', 'OR', 'and', 'Or'), tie('expression')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expression').map((x) => `NOT ${x}`),
  ),
}));
const query = fc
  .tuple(fc.boolean(), fc.array(fc.oneof(fc.constant('*'), expression.map(String), fc.tuple(expression, name).map(([e, n]) => `${String(e)} AS ${n}`)), { minLength: 1, maxLength: 3 }), name, fc.option(expression.map(String)), fc.option(fc.array(name, { minLength: 1, maxLength: 2 })))
  .map(([distinct, items, from, where, groupBy]) =>
    `SELECT ${distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${from}${where ? ` WHERE ${where}` : ''}${groupBy ? ` GROUP BY ${groupBy.join(', ')}` : ''}`);

test('whatever the fast path accepts, both grammars accept (SQL built from its subset, with words and forms outside it)', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(expression.map((sql) => ['filter', String(sql)] as const), query.map((sql) => ['query', sql] as const)), ([kind, sql]) => {
      if (!isPlainSql(sql, kind)) return;
      accepted++;
      assert.deepEqual(grammarErrors(sql, kind), [], `${kind}: ${sql}`);
    }),
    { numRuns: 800, seed: 12 },
  );
  // Most generated SQL steps outside the subset somewhere (on purpose: words and forms it must refuse).
  assert.ok(accepted >= 60, `only ${accepted} of 800 were inside the subset: the property proves little`);
});

test('whatever the fast path accepts in random token soup, both grammars accept', () => {
  const token = fc.constantFrom(
    'a', 'b.c', 'status', 'date', 'name', 'order', 'select', '1', '2.5', "'x'", "'y''z'", 'DATE', "DATE '2024-01-01'", 'NULL', 'TRUE',
    'AND', 'OR', 'NOT', 'IS', 'IN', 'BETWEEN', 'LIKE', '=', '<>', '<', '>=', '+', '-', '*', '/', '(', ')', ',', '.', 'COUNT', 'SUM', 'AS',
    'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'DISTINCT', '--c\n', ';', '"q"', '`b`', 'lower', 'round', 'trim',
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
});
