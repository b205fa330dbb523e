import { sparkStringLiteral } from './jobs/job-settings';
/**
 * The emulator's Databricks SQL: file splitting by Spark's lexical rules, the translation executed on DuckDB, and the
 * task scripts and aggregate step DataPact generates for Databricks running end to end with hostile names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileAggregate, compileResultsDdl, compileTaskScript } from '../../core/src/index';
import { CASES, TABLES } from '../sql/support/cases';
import { SqlEngine, type SqlSession } from './sql/sql-engine';
import { splitStatements } from './sql/split-statements';
import type { BoundParameter } from './sql/translate';

describe('splitting a SQL file', () => {
  it('splits at ; outside literals, quoted names and comments (backslash escapes included)', () => {
    const file = "SELECT 'a;b\\';c' AS x; -- one; two\nSELECT `we;ird``;` FROM t /* ; /* nested; */ ; */;\n\nSELECT \"q;\\\"\" ;  -- tail;\n";
    assert.deepEqual(splitStatements(file), [
      "SELECT 'a;b\\';c' AS x",
      '-- one; two\nSELECT `we;ird``;` FROM t /* ; /* nested; */ ; */',
      'SELECT "q;\\"" ',
    ].map((s) => s.trim()));
  });
  it('drops statements that are only comments', () => {
    assert.deepEqual(splitStatements('-- nothing;\n/* x; */ ;\n'), []);
  });
});

describe('Databricks SQL on the emulator', () => {
  let engine: SqlEngine;
  let session: SqlSession;
  const one = async (sql: string, params?: Map<string, BoundParameter>) => (await session.execute(sql, params)).rows;

  before(async () => {
    engine = await SqlEngine.create('me@example.com');
    await engine.createCatalog('main');
    await engine.createCatalog('cat');
    session = await engine.openSession();
  });
  after(() => {
    session.close();
    engine.close();
  });

  it('reads backtick names with doubled backticks, Spark string escapes and adjacent literals', async () => {
    await one('CREATE TABLE `cat`.`default`.`we``ird t` (`a``b` STRING, `数量` INT) USING DELTA');
    await one("INSERT INTO cat.`default`.`we``ird t` VALUES ('it\\'s \\\\ ok' 'ay', 1), (\"dq \\\" x\", NULL)");
    assert.deepEqual(await one('SELECT `a``b`, `数量` FROM `cat`.`default`.`we``ird t` ORDER BY `数量`'), [
      ['dq " x', null],
      ["it's \\ okay", '1'],
    ]);
  });

  it('maps the catalog named main (a reserved DuckDB name) and three-part names', async () => {
    await one('CREATE SCHEMA IF NOT EXISTS main.datapact');
    await one('CREATE TABLE main.datapact.t (x BIGINT)');
    await one('INSERT INTO `main`.`datapact`.`t` VALUES (42)');
    assert.deepEqual(await one('SELECT x FROM main.datapact.t'), [['42']]);
  });

  it('binds typed :name parameters and fails unbound ones with UNBOUND_SQL_PARAMETER', async () => {
    const params = new Map<string, BoundParameter>([
      ['n', { value: '41', type: 'BIGINT' }],
      ['d', { value: '2024-02-29', type: 'DATE' }],
      ['s', { value: "a'b", type: 'STRING' }],
      ['z', { value: null, type: 'INT' }],
    ]);
    assert.deepEqual(await one('SELECT :n + 1, typeof(:n), :d, :s, :z IS NULL', params), [['42', 'bigint', '2024-02-29', "a'b", 'true']]);
    await assert.rejects(one('SELECT :missing'), /^Error: \[UNBOUND_SQL_PARAMETER\] Found the unbound parameter: missing/);
    const names = new Map<string, BoundParameter>([['c', { value: 'main', type: 'STRING' }]]);
    assert.deepEqual(await one("SELECT COUNT(*) FROM IDENTIFIER(:c || '.datapact.t')", names), [['1']]);
  });

  it('runs session variables: DECLARE OR REPLACE, SET from a query, and rejects a query of two rows', async () => {
    await one('DECLARE OR REPLACE VARIABLE v_ts TIMESTAMP DEFAULT current_timestamp()');
    await one('DECLARE OR REPLACE VARIABLE v_a STRING');
    await one('DECLARE OR REPLACE VARIABLE v_b BOOLEAN');
    await one("SET VARIABLE (v_a, v_b) = (SELECT 'x', 1 = 1)");
    assert.deepEqual(await one('SELECT v_a, v_b, typeof(v_ts)'), [['x', 'true', 'timestamp']]);
    await assert.rejects(one('SET VARIABLE (v_a, v_b) = (SELECT * FROM (VALUES (\'a\', true), (\'b\', false)) AS t(a, b))'), /ROW_SUBQUERY_TOO_MANY_ROWS/);
    await assert.rejects(one('DECLARE VARIABLE v_a STRING'), /VARIABLE_ALREADY_EXISTS/);
    await assert.rejects(one('SET VARIABLE v_a = (SELECT * FROM (VALUES (\'a\'), (\'b\')) AS t(a))'), /SCALAR_SUBQUERY_TOO_MANY_ROWS/);
  });

  it('hashes like Spark: xxhash64 depends on the type, DECIMAL(≤18) hashes as its unscaled long, NULLs are skipped', async () => {
    const [row] = await one(
      'SELECT xxhash64(1) = xxhash64(CAST(1 AS BIGINT)), xxhash64(CAST(1.50 AS DECIMAL(10,2))) = xxhash64(150L), ' +
        "xxhash64(CAST(1.50 AS DECIMAL(10,2))) = xxhash64(CAST(1.50 AS DECIMAL(38,2))), xxhash64('a', NULL) = xxhash64('a'), xxhash64(true) = xxhash64(1), typeof(xxhash64('a'))",
    );
    assert.deepEqual(row, ['false', 'true', 'false', 'true', 'true', 'bigint']);
  });

  it('keeps or drops null fields in to_json as the option says, and parse_json rejects duplicate keys', async () => {
    assert.deepEqual(await one("SELECT to_json(named_struct('a', NULL, 'b', 1), map('ignoreNullFields', 'false')), to_json(named_struct('a', NULL, 'b', 1))"), [
      ['{"a":null,"b":1}', '{"b":1}'],
    ]);
    assert.deepEqual(await one("SELECT typeof(parse_json('{\"a\":[1,2]}'))"), [['variant']]);
    await assert.rejects(one("SELECT parse_json('{\"k\":1,\"k\":2}')"), /VARIANT_DUPLICATE_KEY/);
  });

  it('keeps two output columns of one name as Spark does: both named v, to_json writes the key twice, parse_json rejects it', async () => {
    // Names are case-insensitive: `V` repeats v (its JSON key keeps its own case, which JSON tells apart).
    const cased = "(SELECT 1 AS v, 'a' AS `V`)";
    const result = await session.execute(`SELECT * FROM ${cased} AS q`);
    assert.deepEqual(result.columns.map((c) => c.name), ['v', 'V']);
    assert.deepEqual(await one(`SELECT parse_json(to_json(struct(q.*), map('ignoreNullFields', 'false'))) FROM ${cased} AS q`), [['{"v":1,"V":"a"}']]);
    const q = "(SELECT 1 AS v, 'a' AS v)";
    assert.deepEqual(await one(`SELECT to_json(struct(q.*), map('ignoreNullFields', 'false')) FROM ${q} AS q`), [['{"v":1,"v":"a"}']]);
    await assert.rejects(one(`SELECT parse_json(to_json(struct(q.*), map('ignoreNullFields', 'false'))) FROM ${q} AS q`), /VARIANT_DUPLICATE_KEY/);
    assert.deepEqual(await one(`SELECT try_parse_json(t) IS NULL FROM (SELECT to_json(struct(q.*), map('ignoreNullFields', 'false')) AS t FROM ${q} AS q) AS x`), [['true']]);
  });

  it("sorts like Spark: ORDER BY puts NULLs first, array_sort puts NULL elements last and NULL fields first", async () => {
    assert.deepEqual(await one('SELECT x FROM (VALUES (2), (NULL), (1)) AS t(x) ORDER BY x'), [[null], ['1'], ['2']]);
    assert.deepEqual(await one("SELECT array_sort(array(named_struct('k', 2), NULL, named_struct('k', NULL), named_struct('k', 1)))"), [
      ['[{"k":null},{"k":1},{"k":2},null]'],
    ]);
    assert.deepEqual(await one('SELECT array_sort(collect_list(x)) FROM (VALUES (2), (NULL), (1)) AS t(x)'), [['[1,2]']]);
  });

  it('serves information_schema views with declared primary keys, per catalog and for the current one', async () => {
    await one('CREATE SCHEMA cat.sales');
    await one("CREATE TABLE cat.sales.orders (order_id BIGINT NOT NULL, line_no INT, amount DECIMAL(12,2), CONSTRAINT orders_pk PRIMARY KEY (order_id, line_no)) USING DELTA COMMENT 'all orders'");
    await one('CREATE TABLE cat.sales.items (sku STRING)');
    await one('ALTER TABLE cat.sales.items ADD CONSTRAINT items_pk PRIMARY KEY (sku)');
    assert.deepEqual(await one("SELECT table_name, table_type, comment FROM cat.information_schema.tables WHERE table_schema = 'sales' ORDER BY table_name"), [
      ['items', 'MANAGED', null],
      ['orders', 'MANAGED', 'all orders'],
    ]);
    assert.deepEqual(
      await one("SELECT c.column_name, c.data_type, c.full_data_type, c.is_nullable, c.ordinal_position FROM cat.information_schema.columns c WHERE c.table_schema = 'sales' AND c.table_name = 'orders' ORDER BY c.ordinal_position"),
      [
        ['order_id', 'LONG', 'bigint', 'NO', '1'],
        ['line_no', 'INT', 'int', 'YES', '2'],
        ['amount', 'DECIMAL', 'decimal(12,2)', 'YES', '3'],
      ],
    );
    const keys = `SELECT tc.table_name, k.column_name, k.ordinal_position FROM cat.information_schema.table_constraints AS tc
      JOIN cat.information_schema.key_column_usage AS k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'PRIMARY KEY' ORDER BY tc.table_name, k.ordinal_position`;
    assert.deepEqual(await one(keys), [['items', 'sku', '1'], ['orders', 'order_id', '1'], ['orders', 'line_no', '2']]);
    await one('USE CATALOG cat');
    assert.deepEqual(await one("SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('default', 'sales')"), [['2']]);
    assert.deepEqual(await one("SELECT table_catalog FROM system.information_schema.tables WHERE table_name = 'orders'"), [['cat']]);
  });

  it('types timestamps as Databricks does: TIMESTAMP is an instant, TIMESTAMP_NTZ a wall clock, in information_schema, DESCRIBE and typeof', async () => {
    await one('CREATE TABLE cat.`default`.ts (i TIMESTAMP, n TIMESTAMP_NTZ, l TIMESTAMP_LTZ)');
    await one("INSERT INTO cat.`default`.ts VALUES (TIMESTAMP '2024-07-01 10:00:00', TIMESTAMP_NTZ '2024-07-01 12:00:00', TIMESTAMP_LTZ '2024-07-01 10:00:00')");
    assert.deepEqual(await one("SELECT column_name, full_data_type, data_type FROM cat.information_schema.columns WHERE table_name = 'ts' ORDER BY ordinal_position"), [
      ['i', 'timestamp', 'TIMESTAMP'],
      ['n', 'timestamp_ntz', 'TIMESTAMP_NTZ'],
      ['l', 'timestamp', 'TIMESTAMP'],
    ]);
    assert.deepEqual((await one('DESCRIBE TABLE cat.`default`.ts')).map((r) => r.slice(0, 2)), [['i', 'timestamp'], ['n', 'timestamp_ntz'], ['l', 'timestamp']]);
    assert.deepEqual(await one("SELECT typeof(i), typeof(n), typeof(TIMESTAMP_NTZ'1970-01-01 00:00:00'), typeof(TIMESTAMP '1970-01-01 00:00:00'), typeof(current_timestamp()), typeof(timestamp_millis(0)) FROM cat.`default`.ts"), [
      ['timestamp', 'timestamp_ntz', 'timestamp_ntz', 'timestamp', 'timestamp', 'timestamp'],
    ]);
    // The session reads instants in UTC; a wall clock is moved between zones by convert_timezone (NTZ in, NTZ out).
    assert.deepEqual(await one("SELECT unix_micros(i), timestampdiff(MICROSECOND, TIMESTAMP_NTZ'1970-01-01 00:00:00', convert_timezone('Europe/Paris', 'UTC', n)), typeof(convert_timezone('Europe/Paris', 'UTC', n)), i, n FROM cat.`default`.ts"), [
      ['1719828000000000', '1719828000000000', 'timestamp_ntz', '2024-07-01T10:00:00.000Z', '2024-07-01T12:00:00.000Z'],
    ]);
  });

  it('raises ARITHMETIC_OVERFLOW where ANSI Spark does: SUM of wide integers and of DECIMAL(38) values', async () => {
    const big = 'SELECT * FROM (VALUES (CAST(9223372036854775807 AS BIGINT)), (CAST(1 AS BIGINT))) AS t(x)';
    await assert.rejects(one(`SELECT CAST(SUM(x) AS DOUBLE) FROM (${big})`), /^Error: \[ARITHMETIC_OVERFLOW\] long overflow/);
    assert.deepEqual(await one(`SELECT try_sum(x), AVG(x) > 0, typeof(SUM(x)) FROM (${big})`), [[null, 'true', 'bigint']]);
    const wide = "SELECT * FROM (VALUES (CAST('999999999999999999999999999999999999.00' AS DECIMAL(38,2))), (CAST('1.00' AS DECIMAL(38,2)))) AS t(x)";
    await assert.rejects(one(`SELECT SUM(x) FROM (${wide})`), /NUMERIC_VALUE_OUT_OF_RANGE/);
    await assert.rejects(one(`SELECT AVG(x) FROM (${wide})`), /NUMERIC_VALUE_OUT_OF_RANGE/);
    assert.deepEqual(await one('SELECT SUM(x), AVG(x), SUM(DISTINCT x) FROM (VALUES (1), (2), (2)) AS t(x)'), [['5', '1.6666666666666667', '3']]);
    assert.deepEqual(await one('SELECT SUM(x) FROM (VALUES (1)) AS t(x) WHERE x > 5'), [[null]]);
  });

  it('reads VARIANT paths, with :: and CAST to STRING giving the string itself', async () => {
    await one('CREATE TABLE cat.`default`.h (p VARIANT)');
    await one(`INSERT INTO cat.\`default\`.h SELECT parse_json('{"count_validation":{"status":"PASS","n":3},"a b":[{"x":1}]}')`);
    assert.deepEqual(await one("SELECT p:count_validation.status::string, CAST(p:count_validation.status AS STRING), p:count_validation.n::int + 1, p:['a b'][0].x, p:missing IS NULL FROM cat.`default`.h"), [
      ['PASS', 'PASS', '4', '1', 'true'],
    ]);
    assert.deepEqual(await one("SELECT p:count_validation.status::string = 'PASS' FROM cat.`default`.h WHERE p:count_validation.n::int = 3"), [['true']]);
  });

  it('LATERAL VIEW [OUTER] explode over a map (key, value) or an array, and from_json as MAP<STRING, STRING>', async () => {
    await one('CREATE TABLE cat.`default`.lv (id INT, p VARIANT, xs ARRAY<STRING>)');
    await one(`INSERT INTO cat.\`default\`.lv SELECT 1, parse_json('{"count_validation":{"status":"FAIL","n":3},"message":"it''s","k":[1, 2]}'), array('a', 'b')`);
    await one(`INSERT INTO cat.\`default\`.lv SELECT 2, parse_json('{}'), array()`);
    // A string value is its text, any other value its compact JSON text, JSON null is NULL (Spark's from_json).
    assert.deepEqual(
      await one("SELECT r.id, c.`key`, c.`value`, get_json_object(c.`value`, '$.status') FROM cat.`default`.lv AS r LATERAL VIEW explode(from_json(to_json(r.p), 'MAP<STRING, STRING>')) c AS `key`, `value` ORDER BY 1, 2"),
      [
        ['1', 'count_validation', '{"status":"FAIL","n":3}', 'FAIL'],
        ['1', 'k', '[1,2]', null],
        ['1', 'message', 'its', null],
      ],
    );
    assert.deepEqual(await one('SELECT id, x FROM cat.`default`.lv LATERAL VIEW explode(xs) t AS x ORDER BY 1, 2'), [['1', 'a'], ['1', 'b']]);
    assert.deepEqual(await one('SELECT id, x FROM cat.`default`.lv LATERAL VIEW OUTER explode(xs) t AS x ORDER BY 1, 2'), [['1', 'a'], ['1', 'b'], ['2', null]]);
    assert.deepEqual(await one("SELECT from_json('[1]', 'MAP<STRING,STRING>') IS NULL, from_json('not json', 'MAP<STRING,STRING>') IS NULL"), [['true', 'true']]);
    assert.deepEqual(await one(`SELECT element_at(m, 'a') IS NULL, element_at(m, 'b'), element_at(m, 'c') FROM (SELECT from_json('{"a":null,"b":"x","c":true}', 'MAP<STRING,STRING>') AS m)`), [['true', 'x', 'true']]);
    // What the emulator cannot know or does not do is refused, never guessed.
    await assert.rejects(one('SELECT * FROM cat.`default`.lv LATERAL VIEW explode(xs) t'), /UNSUPPORTED_FEATURE/);
    await assert.rejects(one('SELECT * FROM cat.`default`.lv LATERAL VIEW posexplode(xs) t AS i, x'), /UNSUPPORTED_FEATURE/);
    await assert.rejects(one("SELECT from_json('{}', 'a INT')"), /UNSUPPORTED_FEATURE/);
  });

  it('reports failures with Databricks error classes', async () => {
    await assert.rejects(one("SELECT raise_error('boom; it''s')"), /^Error: \[USER_RAISED_EXCEPTION\] boom; its SQLSTATE: P0001$/);
    await assert.rejects(one('SELECT nope FROM cat.`default`.`we``ird t`'), /UNRESOLVED_COLUMN/);
    await assert.rejects(one('SELECT * FROM cat.nope.t'), /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND/);
    await assert.rejects(one('SELECT * FROM ghost.s.t'), /NO_SUCH_CATALOG_EXCEPTION/);
    await assert.rejects(one("SELECT CAST('x' AS INT)"), /CAST_INVALID_INPUT/);
    await assert.rejects(one('SELEC 1'), /PARSE_SYNTAX_ERROR/);
    assert.deepEqual(await one("SELECT try_cast('x' AS INT), 1 <=> NULL, NULL <=> NULL"), [[null, 'false', 'true']]);
  });
});

describe('DataPact task scripts on the emulator', () => {
  let engine: SqlEngine;
  const everything = CASES.everything!;
  const run = async (script: string, runId: string) => {
    const session = await engine.openSession();
    // Statements run directly bind `:name` markers; a SQL file task sees `{{name}}`, substituted as string literals
    // (as the job store does). The scripts under test may use either.
    const params = new Map<string, BoundParameter>([
      ['run_id', { value: runId, type: 'BIGINT' }],
      ['job_id', { value: '7', type: 'BIGINT' }],
      ['job_start_ts', { value: '2025-01-01T00:00:00', type: 'TIMESTAMP' }],
    ]);
    // A SQL file task sees its parameters as `{{name}}`, substituted as string literals (as the job store does).
    const values: Record<string, string> = { run_id: runId, job_id: '7', job_start_ms: '1735689600000' };
    const substituted = script.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? sparkStringLiteral(values[name]!) : whole));
    try {
      for (const statement of splitStatements(substituted)) await session.execute(statement, params);
    } finally {
      session.close();
    }
  };

  before(async () => {
    engine = await SqlEngine.create('me@example.com');
    for (const c of [everything.source_catalog, everything.target_catalog, 'main']) await engine.createCatalog(c);
    const q = (s: string) => `\`${s.replace(/`/g, '``')}\``;
    for (const [c, s, t] of [
      [everything.source_catalog, everything.source_schema, everything.source_table],
      [everything.target_catalog, everything.target_schema, everything.target_table],
    ] as const) {
      await engine.sql(`CREATE SCHEMA IF NOT EXISTS ${q(c)}.${q(s)}`);
      await engine.sql(
        `CREATE TABLE ${q(c)}.${q(s)}.${q(t)} (${q('we"ird')} BIGINT, ${q('café')} STRING, ${q('a`b c')} STRING, ${q('数量')} DECIMAL(12,2), status STRING, order_ts TIMESTAMP) USING DELTA`,
      );
      await engine.sql(
        `INSERT INTO ${q(c)}.${q(s)}.${q(t)} VALUES (1, 'x', NULL, 10.50, 'NEW', TIMESTAMP '2025-02-01 00:00:00'), (2, 'y;--', 'it\\'s', NULL, 'PAID', TIMESTAMP '2025-03-01 00:00:00')`,
      );
    }
    for (const ddl of compileResultsDdl('databricks', TABLES)) await engine.sql(ddl);
  });
  after(() => engine.close());

  it('records SUCCESS for equal tables and FAILURE (raising) once the target differs, then the aggregate fails', async () => {
    const script = compileTaskScript(everything, { tables: TABLES, jobName: 'job' });
    await run(script, '100');
    await engine.sql("UPDATE `lake``house`.`gold\"`.orders SET status = 'LOST' WHERE `we\"ird` = 2");
    await assert.rejects(run(script, '101'), /USER_RAISED_EXCEPTION\] DataPact validation failed for task: weird 'task' \\ key/);
    const rows = await engine.sql('SELECT run_id, status FROM main.datapact.run_history ORDER BY run_id');
    assert.deepEqual(rows.rows, [['100', 'SUCCESS'], ['101', 'FAILURE']]);
    const payload = JSON.parse((await engine.sql("SELECT to_json(result_payload) FROM main.datapact.run_history WHERE run_id = 101")).rows[0]![0]!);
    assert.equal(payload.row_hash_validation.mismatch_count, 1);
    assert.equal(payload.count_validation.status, 'PASS');

    const [insert, verdict] = compileAggregate('databricks', { tables: TABLES, jobName: 'job', taskKeys: [everything.task_key, 'never_ran'] });
    await assert.rejects(run(`${insert};\n${verdict};`, '100'), /DataPact validation tasks failed: \["never_ran"\]/);
    const alerts = await engine.sql('SELECT run_id, failed_task_keys, failure_count FROM main.datapact.alert_history');
    assert.deepEqual(alerts.rows, [['100', '["never_ran"]', '1']]);
  });
});
