/**
 * Databricks SQL where a real warehouse would fail or mislead (issue 7, deliverable 6), each against DuckDB over the
 * same data (the emulator's catalogs are the very DuckDB files the local engine reads), as a job and directly:
 *  - row hash samples list the smallest keys first and NULL keys last, as on DuckDB and as docs/checks.md says
 *    (Spark's array_sort would put a struct with a NULL field first);
 *  - custom SQL returning two columns of one name is judged (no duplicate JSON keys for parse_json to reject);
 *  - a repaired job run (same run id) is judged by the latest row of each task, by the aggregate step and by the
 *    engine reading the rows back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { getEnginePlugin, resolveEngineConfig, type EngineRunResult, type Pact, type Task } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { SEED_SQL } from './support';

function task(key: string, table: string, extra: Partial<Task>): Task {
  return { task_key: key, source_catalog: 'shop', source_schema: 'sales', source_table: table, target_catalog: 'lake', target_schema: 'sales', target_table: table, ...extra };
}

const TASKS: Task[] = [
  task('null_keys', 'keyed', { primary_keys: ['id'], pk_row_hash_check: true, sample_size: 10 }),
  task('same_name', 'keyed', { custom_sql_tests: [{ name: 'two of one name', sql: 'SELECT id AS v, val AS v FROM {{ table_fqn }}' }] }),
  task('plain_custom', 'keyed', { custom_sql_tests: [{ name: 'plain', sql: 'SELECT id, val FROM {{ table_fqn }}' }] }),
];

describe('Databricks SQL fixes, judged against DuckDB over the same data', () => {
  let dir: string;
  let em: Emulator;
  let local: EngineRunResult;
  let direct: EngineRunResult;
  let job: EngineRunResult;
  const files = () => ({ shop: join(dir, 'shop.duckdb'), lake: join(dir, 'lake.duckdb') });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-sqlfix-'));
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    for (const [name, file] of Object.entries(files())) {
      await c.run(`ATTACH '${file}' AS ${name}`);
      await c.run(`CREATE SCHEMA ${name}.sales`);
      // Source: keys 1–4 and NULL; target: key 1 and a changed value for it. Missing in target: 2, 3, 4, NULL.
      const rows = name === 'shop' ? `(1, 'a'), (2, 'b'), (NULL, 'n'), (4, 'd'), (3, 'c')` : `(1, 'changed')`;
      await c.run(`CREATE TABLE ${name}.sales.keyed (id BIGINT, val VARCHAR)`);
      await c.run(`INSERT INTO ${name}.sales.keyed VALUES ${rows}`);
      await c.run(`DETACH ${name}`);
    }
    c.disconnectSync();
    instance.closeSync();

    const pact: Pact = { validations: TASKS };
    const pactPath = join(dir, 'p.pact.yml');
    const duck = resolveEngineConfig({ type: 'duckdb', catalogs: files(), results: join(dir, 'history.duckdb') }, pactPath);
    const duckEngine = getEnginePlugin('duckdb').open(duck, { env: {}, homeDir: dir });
    local = await (await duckEngine.start(pact, { pactPath })).result;
    await duckEngine.dispose();

    em = await startEmulator({ catalogs: ['datapact'], duckdbCatalogs: files() });
    const dbx = resolveEngineConfig({ type: 'databricks', warehouse: 'Starter Warehouse' }, pactPath);
    const dbxEngine = getEnginePlugin('databricks').open(dbx, { env: em.env(), homeDir: dir });
    direct = await (await dbxEngine.start(pact, { pactPath, mode: 'direct' })).result;
    job = await (await dbxEngine.start(pact, { pactPath, mode: 'job' })).result;
    await dbxEngine.dispose();
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const of = (run: EngineRunResult, key: string) => run.tasks.find((t) => t.task_key === key)!;

  it('row hash samples: smallest keys first, NULL keys last, exactly as on DuckDB', () => {
    const expected = { mismatched: [{ id: 1 }], missing_in_target: [{ id: 2 }, { id: 3 }, { id: 4 }, { id: null }], missing_in_source: [] };
    assert.deepEqual((of(local, "null_keys").payload?.row_hash_validation as { samples?: unknown } | undefined)?.samples, expected, 'DuckDB (the reference)');
    for (const [how, run] of [['direct', direct], ['job', job]] as const) {
      const result = of(run, 'null_keys');
      assert.equal(result.status, 'FAILURE', `${how}: ${result.error ?? ''}`);
      assert.deepEqual((result.payload?.row_hash_validation as { samples?: unknown } | undefined)?.samples, expected, how);
    }
  });

  it('custom SQL returning two columns of one name is judged (FAILURE with its counts), not an ERROR', () => {
    const reference = of(local, 'same_name');
    assert.equal(reference.status, 'FAILURE');
    const check = (r: typeof reference) => r.payload?.custom_sql_validation_two_of_one_name as Record<string, unknown> | undefined;
    for (const [how, run] of [['direct', direct], ['job', job]] as const) {
      const result = of(run, 'same_name');
      assert.equal(result.status, 'FAILURE', `${how}: ${result.error ?? ''}`);
      assert.equal(check(result)?.rows_missing_in_target, check(reference)?.rows_missing_in_target, how);
      assert.equal(check(result)?.rows_missing_in_source, check(reference)?.rows_missing_in_source, how);
      // The first row by its JSON text; an object cannot hold `v` twice, so its JSON text is shown.
      assert.deepEqual(check(result)?.sample_missing_in_target, { row_json: '{"v":1,"v":"a"}' }, how);
    }
    // DuckDB renames the second column (v_1): the same row.
    assert.deepEqual(check(reference)?.sample_missing_in_target, { v: 1, v_1: 'a' });
  });

  it('custom SQL samples with distinct names are the same objects as on DuckDB (the first row by its JSON text)', () => {
    const sampleOf = (run: EngineRunResult) => (of(run, 'plain_custom').payload?.custom_sql_validation_plain as Record<string, unknown> | undefined);
    assert.deepEqual(sampleOf(local)?.sample_missing_in_target, { id: 1, val: 'a' });
    assert.deepEqual(sampleOf(local)?.sample_missing_in_source, { id: 1, val: 'changed' });
    for (const run of [direct, job]) {
      assert.deepEqual(sampleOf(run)?.sample_missing_in_target, sampleOf(local)?.sample_missing_in_target);
      assert.deepEqual(sampleOf(run)?.sample_missing_in_source, sampleOf(local)?.sample_missing_in_source);
    }
  });
});

describe('a repaired job run is judged by the latest row of each task', () => {
  let dir: string;
  let em: Emulator;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-repair-'));
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the repair (same run id) passes on the latest rows: the aggregate step and the engine reading rows back', async () => {
    const pactPath = join(dir, 'p.pact.yml');
    const tasks: Task[] = [
      { ...task('orders', 'orders', { count_tolerance: 0 }) },
      // shop has 4 customers, lake 3: FAILURE until the missing one is added.
      { ...task('customers', 'customers', { count_tolerance: 0 }) },
    ];
    const config = () => resolveEngineConfig({ type: 'databricks', warehouse: 'Starter Warehouse' }, pactPath);
    const engine = getEnginePlugin('databricks').open(config(), { env: em.env(), homeDir: dir });
    const job = await (await engine.start({ validations: tasks }, { pactPath, mode: 'job' })).result;
    await engine.dispose();
    assert.equal(job.status, 'FAILURE');
    assert.deepEqual(job.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
    // The target is fixed, then the failed tasks are repaired: the new row, same run id, is SUCCESS.
    await em.sql(`INSERT INTO lake.sales.customers VALUES (4, 'Di')`);
    const w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
    await w.jobs.repairRun({ run_id: Number(job.run_id), rerun_all_failed_tasks: true });
    const end = Date.now() + 60_000;
    let run = await w.jobs.getRun({ run_id: Number(job.run_id) });
    while (run.state?.life_cycle_state !== 'TERMINATED' && run.state?.life_cycle_state !== 'INTERNAL_ERROR') {
      if (Date.now() > end) throw new Error('the repair did not end within 60 s');
      await new Promise((r) => setTimeout(r, 100));
      run = await w.jobs.getRun({ run_id: Number(job.run_id) });
    }
    const rows = await em.sql(`SELECT task_key, status FROM datapact.results.run_history WHERE run_id = ${job.run_id} ORDER BY task_key, validation_complete_ts`);
    assert.deepEqual(rows.map((r) => [r.task_key, r.status]), [['customers', 'FAILURE'], ['customers', 'SUCCESS'], ['orders', 'SUCCESS']]);
    assert.equal(run.state?.result_state, 'SUCCESS', `the aggregate step of the repair passes on the latest rows: ${JSON.stringify(run.tasks?.map((t) => [t.task_key, t.state]))}`);
    // The engine reads the latest rows back when it follows the run by id.
    const again = getEnginePlugin('databricks').open(config(), { env: em.env(), homeDir: dir });
    const attached = await (await again.attach(job.run_id, { validations: tasks }, { pactPath })).result;
    await again.dispose();
    assert.deepEqual(attached.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'SUCCESS']]);
    assert.equal(attached.status, 'SUCCESS');
  });
});
