/** The local engine on real DuckDB files: catalogs, run_history rows, ERROR tasks, the aggregate step, history. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEngine,
  EngineConfigError,
  RUN_HISTORY_COLUMNS,
  resolveEngineConfig,
  runPact,
  type EngineRunResult,
  type TaskResult,
} from '../../core/src/index';
import { buildFixture, pactOf, queryResults, task, type EngineFixture } from './engine-fixture';

describe('DuckDB engine', () => {
  let fx: EngineFixture;
  let run: EngineRunResult;
  const finished: TaskResult[] = [];

  before(async () => {
    fx = await buildFixture();
    const pact = pactOf(fx, [
      task('orders_match', 'orders', {
        primary_keys: ['order_id'],
        count_tolerance: 0,
        pk_row_hash_check: true,
        agg_validations: [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }],
        uniqueness_columns: ['order_id'],
        uniqueness_tolerance: 0,
      }),
      task('customers_count', 'customers', { count_tolerance: 0 }),
      task('missing_table', 'no_such_table', { count_tolerance: 0 }),
      task('missing_column', 'orders', { null_validation_columns: ['no_such_column'], null_validation_tolerance: 0 }),
    ]);
    run = await runPact(pact, {
      pactPath: 'test.pact.yml',
      engineConfig: resolveEngineConfig(pact.engine, undefined),
      onTaskFinished: (r) => finished.push(r),
    });
  });
  after(() => fx?.cleanup());

  it('runs tasks over a DuckDB-file catalog and a Parquet/CSV-folder catalog', () => {
    const status = Object.fromEntries(run.tasks.map((t) => [t.task_key, t.status]));
    assert.deepEqual(status, {
      orders_match: 'SUCCESS',
      customers_count: 'FAILURE',
      missing_table: 'ERROR',
      missing_column: 'ERROR',
    });
    assert.equal(run.status, 'ERROR');
    assert.equal(run.engine, 'duckdb');
    assert.match(run.run_id, /^\d+$/);
  });

  it('reports each task once, as it finishes', () => {
    assert.deepEqual(finished.map((r) => r.task_key).sort(), run.tasks.map((t) => t.task_key).sort());
  });

  it('gives an ERROR task the engine message on one line', () => {
    const missingTable = run.tasks.find((t) => t.task_key === 'missing_table')!;
    assert.match(missingTable.error ?? '', /no_such_table/);
    const missingColumn = run.tasks.find((t) => t.task_key === 'missing_column')!;
    // Both sides lack it: DuckDB binds the source side first, and the message names that side's table.
    assert.equal(missingColumn.error, 'Binder Error: the source table "shop"."sales"."orders" has no column "no_such_column"');
    for (const t of [missingTable, missingColumn]) assert.doesNotMatch(t.error ?? '', /\n|LINE \d/);
  });

  it('records one row per task in run_history with the Databricks columns and a JSON payload', async () => {
    const columns = await queryResults(fx, `SELECT column_name FROM duckdb_columns() WHERE database_name = 'r' AND table_name = 'run_history' ORDER BY column_index`);
    assert.deepEqual(columns.map((c) => c.column_name), RUN_HISTORY_COLUMNS.map(([name]) => name));
    const rows = await queryResults(
      fx,
      `SELECT task_key, status, job_name, source_catalog, target_table, CAST(result_payload AS VARCHAR) AS payload
       FROM r.main.run_history WHERE run_id = '${run.run_id}' ORDER BY task_key`,
    );
    assert.deepEqual(rows.map((r) => [r.task_key, r.status]), [
      ['customers_count', 'FAILURE'],
      ['missing_column', 'ERROR'],
      ['missing_table', 'ERROR'],
      ['orders_match', 'SUCCESS'],
    ]);
    const orders = rows.find((r) => r.task_key === 'orders_match')!;
    assert.equal(orders.source_catalog, 'shop');
    assert.equal(orders.target_table, 'orders');
    const payload = JSON.parse(String(orders.payload)) as Record<string, { status?: string }>;
    assert.equal(payload.count_validation?.status, 'PASS');
    assert.deepEqual(run.tasks.find((t) => t.task_key === 'orders_match')!.payload, payload);
    const error = JSON.parse(String(rows.find((r) => r.task_key === 'missing_table')!.payload)) as { error?: string };
    assert.match(error.error ?? '', /no_such_table/);
  });

  it('fails the aggregate step and writes one alert_history row', async () => {
    assert.equal(run.aggregate.passed, false);
    assert.match(run.aggregate.message ?? '', /customers_count/);
    const alerts = await queryResults(fx, `SELECT failure_count FROM r.main.alert_history WHERE run_id = '${run.run_id}'`);
    assert.deepEqual(alerts.map((a) => Number(a.failure_count)), [3]);
  });

  it('keeps earlier runs and reads history back newest first', async () => {
    const config = resolveEngineConfig(pactOf(fx, []).engine, undefined);
    const pact = pactOf(fx, [task('orders_only', 'orders', { count_tolerance: 0 })]);
    const second = await runPact(pact, { pactPath: 'p', engineConfig: config });
    assert.equal(second.status, 'SUCCESS');
    assert.deepEqual(second.aggregate, { passed: true });
    const alerts = await queryResults(fx, 'SELECT count(*) AS n FROM r.main.alert_history');
    assert.equal(Number(alerts[0]!.n), 1);

    const history = await createEngine(config).history({ limit: 10 });
    assert.deepEqual([...new Set(history.map((h) => h.run_id))], [second.run_id, run.run_id]);
    assert.equal(history.length, 5);
    const errorRow = history.find((h) => h.task_key === 'missing_table')!;
    assert.match(errorRow.error_message ?? '', /no_such_table/);
    const limited = await createEngine(config).history({ limit: 1, taskKeys: ['orders_match', 'customers_count'] });
    assert.deepEqual(limited.map((h) => h.task_key).sort(), ['customers_count', 'orders_match']);
  });

  it('a listener that throws neither cuts the run short nor loses rows; the run then rejects with its error', async () => {
    const pact = pactOf(fx, [
      task('first', 'orders', { count_tolerance: 0 }),
      task('second', 'customers', { count_tolerance: 0 }),
      task('third', 'orders', { null_validation_columns: ['amount'], null_validation_tolerance: 0 }),
    ]);
    const seen: string[] = [];
    const before = await createEngine(resolveEngineConfig(pact.engine, undefined)).history({ limit: 1000 });
    await assert.rejects(
      runPact(pact, {
        pactPath: 'p',
        engineConfig: resolveEngineConfig(pact.engine, undefined),
        onTaskFinished: (r) => {
          seen.push(r.task_key);
          throw new Error(`display broke on ${r.task_key}`);
        },
      }),
      /display broke on/,
    );
    assert.deepEqual([...seen].sort(), ['first', 'second', 'third']);
    const after = await createEngine(resolveEngineConfig(pact.engine, undefined)).history({ limit: 1000 });
    const newRows = after.filter((h) => !before.some((b) => b.run_id === h.run_id));
    assert.deepEqual(newRows.map((h) => h.task_key).sort(), ['first', 'second', 'third']);
  });

  it('runs only the selected tasks', async () => {
    const pact = pactOf(fx, [task('a', 'orders', { count_tolerance: 0 }), task('b', 'customers', { count_tolerance: 0 })]);
    const only = await runPact(pact, { pactPath: 'p', engineConfig: resolveEngineConfig(pact.engine, undefined), taskKeys: ['b'] });
    assert.deepEqual(only.tasks.map((t) => t.task_key), ['b']);
    assert.equal(only.status, 'FAILURE');
  });
});

describe('engine configuration errors', () => {
  it('refuses a catalog path that does not exist', async () => {
    const fx = await buildFixture();
    try {
      const pact = pactOf(fx, [task('a', 'orders', { count_tolerance: 0 })]);
      pact.engine!.catalogs!.lake = `${fx.dir}/nowhere`;
      const config = resolveEngineConfig(pact.engine, undefined);
      await assert.rejects(() => runPact(pact, { pactPath: 'p', engineConfig: config }), (e: unknown) => {
        assert.ok(e instanceof EngineConfigError);
        assert.match(e.message, /catalog "lake".*does not exist/);
        return true;
      });
    } finally {
      fx.cleanup();
    }
  });

  it('a Databricks run (the default engine) without any sign-in configured says what to set', async () => {
    const home = mkdtempSync(join(tmpdir(), 'datapact-home-'));
    const engine = createEngine(resolveEngineConfig(undefined, undefined), { env: {}, homeDir: home });
    await assert.rejects(engine.start({ validations: [task('orders', 'orders')] }, { pactPath: join(home, 'p.pact.yml') }), (e: unknown) => {
      assert.ok(e instanceof EngineConfigError);
      assert.match(e.message, /cannot sign in to Databricks/);
      assert.match(e.message, /DATABRICKS_HOST with DATABRICKS_TOKEN/);
      return true;
    });
  });

  it('reads an empty history when nothing was recorded yet', async () => {
    const config = resolveEngineConfig({ type: 'duckdb', results: '/nonexistent/dir/history.duckdb' }, undefined);
    assert.deepEqual(await createEngine(config).history({ limit: 5 }), []);
  });
});
