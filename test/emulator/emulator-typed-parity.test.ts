/**
 * The SQL compiled with both tables' columns (as a run compiles) for exact sums of every width and for
 * `naive_timestamp_zone`: the Databricks dialect's query, translated and executed by the emulator with the columns
 * read from its information_schema, gives the same verdict and payload — exact sums as text included — as the
 * DuckDB dialect's query over the same tables with DuckDB's own column list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileTask, type AggFunction, type Task, type TaskColumns } from '../../core/src/index';
import { columnsQuery } from '../../core/src/engines/databricks/task-columns';
import { SqlEngine } from './sql/sql-engine';

function task(extra: Partial<Task>): Task {
  return { task_key: 'k', source_catalog: 'src', source_schema: 'main', source_table: 't', target_catalog: 'tgt', target_schema: 'main', target_table: 't', ...extra };
}
const sums = (columns: readonly string[], aggs: readonly AggFunction[] = ['SUM', 'AVG']): Partial<Task> => ({
  agg_validations: columns.map((column) => ({ column, validations: aggs.map((agg) => ({ agg, tolerance: 0 })) })),
});

describe('typed SQL (exact sums, naive_timestamp_zone) gives the same payload on the emulator as on DuckDB', () => {
  let engine: SqlEngine;

  before(async () => {
    engine = await SqlEngine.create('me@example.com');
    for (const c of ['src', 'tgt']) await engine.createCatalog(c);
  });
  after(() => engine.close());

  /** Both tables' columns as each engine lists them. */
  const columnsOf = async (): Promise<Record<'duckdb' | 'databricks', TaskColumns>> => {
    const rows = await engine.duckQuery(
      `SELECT database_name, column_name, data_type FROM duckdb_columns() WHERE database_name IN ('src', 'tgt') AND table_name = 't' ORDER BY column_index`,
    );
    const duck = (db: string) => rows.filter((r) => r.database_name === db).map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
    const out = await engine.sql(columnsQuery([{ catalog: 'src', schema: 'main', table: 't' }, { catalog: 'tgt', schema: 'main', table: 't' }]));
    const at = (name: string) => out.columns.findIndex((c) => c.name === name);
    const dbx = (catalog: string) =>
      out.rows.filter((r) => r[at('table_catalog')] === catalog).map((r) => ({ name: r[at('column_name')]!, type: r[at('full_data_type')]! }));
    return { duckdb: { source: duck('src'), target: duck('tgt') }, databricks: { source: dbx('src'), target: dbx('tgt') } };
  };

  const both = async (t: Task) => {
    const columns = await columnsOf();
    const out = await engine.sql(compileTask(t, 'databricks', columns.databricks).metricsSql);
    const row = Object.fromEntries(out.columns.map((c, k) => [c.name, out.rows[0]![k]]));
    const [duck] = await engine.duckQuery(compileTask(t, 'duckdb', columns.duckdb).metricsSql);
    const databricks = { verdict: row.overall_validation_passed, payload: JSON.parse(row.result_payload!) as Record<string, Record<string, unknown>> };
    const duckdb = {
      verdict: duck!.overall_validation_passed === null ? null : String(duck!.overall_validation_passed),
      payload: JSON.parse(String(duck!.result_payload)) as Record<string, Record<string, unknown>>,
    };
    return { databricks, duckdb, columns };
  };

  it('sums of DECIMAL(38,0), DECIMAL(38,4) and DECIMAL(38,10) near their limits: exact on both, one unit fails on both', async () => {
    const rows = `SELECT CAST(id AS INT) AS id, CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0)) - id AS d0,
      CAST('-9999999999999999999999999999999999.9999' AS DECIMAL(38,4)) + id AS d4,
      CAST('9999999999999999999999999999.9999999999' AS DECIMAL(38,10)) - id AS d10 FROM range(3) AS r(id)`;
    await engine.sql(`CREATE OR REPLACE TABLE src.main.t AS ${rows}; CREATE OR REPLACE TABLE tgt.main.t AS ${rows}`);
    const t = task(sums(['d0', 'd4', 'd10']));
    const same = await both(t);
    assert.deepEqual(same.databricks, same.duckdb);
    assert.equal(same.databricks.verdict, 'true');
    assert.equal(same.databricks.payload.agg_validation_d0_SUM!.source_exact, '299999999999999999999999999999999999994');
    assert.equal(same.databricks.payload.agg_validation_d4_SUM!.source_exact, '-29999999999999999999999999999999996.9997');
    assert.equal(same.databricks.payload.agg_validation_d10_SUM!.source_exact, '29999999999999999999999999996.9999999997');

    await engine.sql(`CREATE OR REPLACE TABLE tgt.main.t AS SELECT id, CASE WHEN id = 1 THEN d0 - 1 ELSE d0 END AS d0,
      CASE WHEN id = 2 THEN d4 - 0.0001 ELSE d4 END AS d4, CASE WHEN id = 0 THEN d10 - 0.0000000001 ELSE d10 END AS d10 FROM src.main.t`);
    const changed = await both(t);
    assert.deepEqual(changed.databricks, changed.duckdb);
    assert.equal(changed.databricks.verdict, 'false');
    for (const key of Object.keys(changed.databricks.payload).filter((k) => k.startsWith('agg_validation_'))) {
      assert.equal(changed.databricks.payload[key]!.status, 'FAIL', key);
    }
    assert.equal(changed.databricks.payload.agg_validation_d0_SUM!.target_exact, '299999999999999999999999999999999999993');
    assert.equal(changed.databricks.payload.agg_validation_d4_SUM!.target_exact, '-29999999999999999999999999999999996.9998');
    assert.equal(changed.databricks.payload.agg_validation_d10_SUM!.target_exact, '29999999999999999999999999996.9999999996');
  });

  it('AVG over different numbers of values: exact on both (S_s · n_t against S_t · n_s), where DOUBLE sees no difference', async () => {
    await engine.sql(`CREATE OR REPLACE TABLE src.main.t AS SELECT * FROM (VALUES (1, CAST(4611686018427387905 AS BIGINT), CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0))),
      (2, CAST(4611686018427387907 AS BIGINT), CAST('99999999999999999999999999999999999997' AS DECIMAL(38,0))), (3, NULL, NULL)) AS v(id, b, w)`);
    await engine.sql(`CREATE OR REPLACE TABLE tgt.main.t AS SELECT * FROM (VALUES (1, CAST(4611686018427387906 AS BIGINT), CAST('99999999999999999999999999999999999998' AS DECIMAL(38,0))),
      (2, NULL, NULL), (3, NULL, NULL)) AS v(id, b, w)`);
    const t = task(sums(['b', 'w'], ['AVG']));
    const same = await both(t);
    assert.deepEqual(same.databricks, same.duckdb);
    assert.equal(same.databricks.verdict, 'true', JSON.stringify(same.databricks.payload));
    // Three values against two: averages 2^62 + 2⅓ against 2^62 + 2 (and likewise near 10^38).
    await engine.sql(`INSERT INTO tgt.main.t VALUES (4, CAST(4611686018427387907 AS BIGINT), CAST('99999999999999999999999999999999999999' AS DECIMAL(38,0))),
      (5, CAST(4611686018427387906 AS BIGINT), CAST('99999999999999999999999999999999999998' AS DECIMAL(38,0)))`);
    const changed = await both(t);
    assert.deepEqual(changed.databricks, changed.duckdb);
    assert.equal(changed.databricks.payload.agg_validation_b_AVG!.status, 'FAIL');
    assert.equal(changed.databricks.payload.agg_validation_w_AVG!.status, 'FAIL');
  });

  it('naive_timestamp_zone: Paris wall clocks (TIMESTAMP_NTZ) against instants (TIMESTAMP) pass with it, fail without, on both', async () => {
    await engine.sql(`CREATE OR REPLACE TABLE src.main.t (id INT, ts TIMESTAMP_NTZ);
      INSERT INTO src.main.t VALUES (1, TIMESTAMP_NTZ '2024-01-15 09:30:00.123456'), (2, TIMESTAMP_NTZ '2024-07-01 12:00:00');
      CREATE OR REPLACE TABLE tgt.main.t (id INT, ts TIMESTAMP);
      INSERT INTO tgt.main.t VALUES (1, TIMESTAMP '2024-01-15 08:30:00.123456'), (2, TIMESTAMP '2024-07-01 10:00:00')`);
    const checks = { primary_keys: ['id'], pk_row_hash_check: true, ...sums(['ts'], ['MIN', 'MAX']) };
    for (const hash_algorithm of ['md5', 'native'] as const) {
      const paris = await both(task({ ...checks, hash_algorithm, naive_timestamp_zone: 'Europe/Paris' }));
      assert.deepEqual(paris.columns.databricks.source.map((c) => c.type), ['int', 'timestamp_ntz']);
      assert.deepEqual(paris.columns.databricks.target.map((c) => c.type), ['int', 'timestamp']);
      assert.deepEqual(paris.databricks, paris.duckdb, hash_algorithm);
      assert.equal(paris.databricks.verdict, 'true', JSON.stringify(paris.databricks.payload));
      const utc = await both(task({ ...checks, hash_algorithm }));
      assert.deepEqual(utc.databricks, utc.duckdb, hash_algorithm);
      assert.equal(utc.databricks.payload.row_hash_validation!.mismatch_count, 2);
      assert.equal(utc.databricks.payload.agg_validation_ts_MIN!.status, 'FAIL');
      assert.equal(utc.databricks.payload.agg_validation_ts_MAX!.status, 'FAIL');
      // The instant's text is its UTC wall clock on both engines.
      assert.equal(utc.databricks.payload.agg_validation_ts_MAX!.target_text, '2024-07-01 10:00:00');
    }
  });

  it('a timestamp primary key, wall clock on one side and instant on the other, joins on the instant in the task\'s zone, on both', async () => {
    await engine.sql(`CREATE OR REPLACE TABLE src.main.t (ts TIMESTAMP_NTZ, v INT);
      INSERT INTO src.main.t VALUES (TIMESTAMP_NTZ '2024-01-15 09:30:00.123456', 1), (TIMESTAMP_NTZ '2024-07-01 12:00:00', 2);
      CREATE OR REPLACE TABLE tgt.main.t (ts TIMESTAMP, v INT);
      INSERT INTO tgt.main.t VALUES (TIMESTAMP '2024-01-15 08:30:00.123456', 1), (TIMESTAMP '2024-07-01 10:00:00', 2)`);
    const checks = { primary_keys: ['ts'], pk_row_hash_check: true };
    const paris = await both(task({ ...checks, naive_timestamp_zone: 'Europe/Paris' }));
    assert.deepEqual(paris.databricks, paris.duckdb);
    assert.equal(paris.databricks.verdict, 'true', JSON.stringify(paris.databricks.payload));
    assert.equal(paris.databricks.payload.row_hash_validation!.compared_rows, 2);
    // Read as UTC wall clocks, no key meets its twin: each row is missing on the other side, on both engines.
    // (The sample keys are compared by count only: Databricks shows a key of mixed types as the instant, DuckDB as
    // each side's own value.)
    const utc = await both(task(checks));
    const counts = (payload: Record<string, Record<string, unknown>>) => {
      const { compared_rows, mismatch_count, missing_in_target, missing_in_source, status } = payload.row_hash_validation!;
      return { compared_rows, mismatch_count, missing_in_target, missing_in_source, status };
    };
    assert.equal(utc.databricks.verdict, utc.duckdb.verdict);
    assert.deepEqual(counts(utc.databricks.payload), counts(utc.duckdb.payload));
    assert.deepEqual(counts(utc.databricks.payload), { compared_rows: 4, mismatch_count: 0, missing_in_target: 2, missing_in_source: 2, status: 'FAIL' });
  });
});
