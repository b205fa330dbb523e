/**
 * The built CLI against the workspace emulator and against DuckDB, over the same data (the emulator's catalogs are
 * the very DuckDB files the local pact reads):
 *  - a stopped SQL warehouse is started and awaited, with a line saying so;
 *  - a task whose table is missing is ERROR, the job's aggregate step records a row for it in run_history, the
 *    other tasks complete;
 *  - `datapact history` on a Databricks pact reads run_history on the warehouse and prints what it prints for a
 *    DuckDB pact: the same entries (tasks, statuses, payload numbers, error messages), the same table;
 *  - a task with no row at all (its INSERT and the aggregate step's dropped) is ERROR.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, taskYaml, writePact, type Sandbox } from './support';

const COLD = 'c01d000000000001';

const VALIDATIONS = [
  taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
  taskYaml('customers', 'customers', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
  taskYaml('missing', 'no_such_table', { count_tolerance: 0 }),
];

interface Entry {
  run_id: string;
  task_key: string;
  status: string;
  error_message?: string | null;
  payload?: Record<string, Record<string, unknown>> | null;
  job_start_ts: string | null;
  [key: string]: unknown;
}

/** Numbers and verdicts of a payload, samples aside (their rendering is the engine's). */
function essentials(payload: Entry['payload']): unknown {
  if (!payload) return null;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('sample'))) : value,
    ]),
  );
}

describe('Databricks: a stopped warehouse, a missing table, and datapact history on the warehouse', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  let dbxPact: string;
  let duckPact: string;
  let dbxRun: { code: number | null; stdout: string; stderr: string };

  before(async () => {
    ensureBuilt();
    box = sandbox();
    const files = { shop: join(box.dir, 'shop.duckdb'), lake: join(box.dir, 'lake.duckdb') };
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    for (const [name, file] of Object.entries(files)) {
      await c.run(`ATTACH '${file}' AS ${name}`);
      await c.run(`CREATE SCHEMA ${name}.sales`);
      await c.run(`CREATE TABLE ${name}.sales.orders AS SELECT i AS id, CAST(i * 1.5 AS DECIMAL(10,2)) AS amount FROM range(1, 21) t(i)`);
      await c.run(`CREATE TABLE ${name}.sales.customers AS SELECT i AS id, 'c' || i AS name FROM range(1, ${name === 'shop' ? 11 : 10}) t(i)`);
      await c.run(`DETACH ${name}`);
    }
    c.disconnectSync();
    instance.closeSync();
    em = await startEmulator({ catalogs: ['datapact'], duckdbCatalogs: files, warehouses: [{ id: COLD, name: 'Cold', state: 'STOPPED', startMs: 300 }] });
    env = cleanEnv(box.home, em.env());
    dbxPact = writePact(box.dir, 'dbx.pact.yml', { engine: databricksEngine({ warehouse: 'Cold', job_name: 'history checks' }), validations: VALIDATIONS });
    duckPact = writePact(box.dir, 'duck.pact.yml', { engine: { type: 'duckdb', catalogs: files, results: 'results.duckdb' }, validations: VALIDATIONS });
    dbxRun = await cliAsync(['run', dbxPact, '--format', 'json'], box.dir, env);
  });
  after(async () => {
    await em?.close();
    box?.close();
  });

  it('a stopped warehouse is started and awaited before the run, with a line saying so', () => {
    assert.equal(dbxRun.code, 1, dbxRun.stderr + dbxRun.stdout);
    assert.match(dbxRun.stderr, /starting SQL warehouse 'Cold' \(c01d000000000001\), which was STOPPED…\n(?:.*\n)*SQL warehouse 'Cold' is running\n/);
    assert.equal(em.state.warehouses.require(COLD).starts, 1);
    const startCall = em.state.calls.findIndex((call) => call.method === 'POST' && call.path === `/api/2.0/sql/warehouses/${COLD}/start`);
    const firstStatement = em.state.calls.findIndex((call) => call.path === '/api/2.0/sql/statements/' || call.path === '/api/2.0/sql/statements');
    assert.ok(startCall >= 0 && startCall < firstStatement, 'the warehouse is started (by the run, not by a statement) before any statement');
  });

  it('a missing table: the task is ERROR with the warehouse\'s reason, a row for it is in run_history, the others complete', async () => {
    const report = JSON.parse(dbxRun.stdout);
    const byKey = Object.fromEntries(report.tasks.map((t: { task_key: string }) => [t.task_key, t]));
    assert.equal(byKey.orders.status, 'SUCCESS');
    assert.equal(byKey.customers.status, 'FAILURE');
    assert.equal(byKey.missing.status, 'ERROR');
    assert.match(byKey.missing.error, /TABLE_OR_VIEW_NOT_FOUND/);
    const rows = await em.sql(`SELECT task_key, status, to_json(result_payload) AS payload FROM datapact.results.run_history WHERE run_id = ${report.run_id} ORDER BY task_key`);
    assert.deepEqual(rows.map((r) => [r.task_key, r.status]), [['customers', 'FAILURE'], ['missing', 'ERROR'], ['orders', 'SUCCESS']]);
    assert.match(String(rows[1]!.payload), /recorded no row in run_history/);
    // The aggregate step still judges the run failed and names the task in its alert.
    const alerts = await em.sql(`SELECT failed_task_keys FROM datapact.results.alert_history WHERE run_id = ${report.run_id}`);
    assert.deepEqual(alerts.map((a) => a.failed_task_keys), ['["customers","missing"]']);
  });

  it('datapact history reads run_history on the warehouse: the same entries and table as on DuckDB', async () => {
    const duckRun = await cliAsync(['run', duckPact], box.dir, env);
    assert.equal(duckRun.code, 1, duckRun.stderr + duckRun.stdout);
    const json = async (pact: string) => {
      const r = await cliAsync(['history', pact, '--format', 'json'], box.dir, env);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      return JSON.parse(r.stdout) as { runs: Entry[] };
    };
    const dbx = (await json(dbxPact)).runs;
    const duck = (await json(duckPact)).runs;
    const byTask = (entries: Entry[]) => [...entries].sort((a, b) => a.task_key.localeCompare(b.task_key));
    assert.deepEqual(byTask(dbx).map((e) => [e.task_key, e.status]), byTask(duck).map((e) => [e.task_key, e.status]));
    // run_state: absent means a finished run (the local store records FINISHED explicitly).
    // run_url: a Databricks job run's page (the next test); a local run has none.
    const fields = (e: Entry) => Object.keys({ run_state: 'FINISHED', ...e }).filter((k) => k !== 'run_url').sort();
    assert.deepEqual(byTask(dbx).map(fields), byTask(duck).map(fields));
    assert.deepEqual(byTask(dbx).map((e) => e.run_state ?? 'FINISHED'), byTask(duck).map((e) => e.run_state ?? 'FINISHED'));
    assert.deepEqual(byTask(dbx).map((e) => essentials(e.payload)), byTask(duck).map((e) => essentials(e.payload)));
    for (const entry of dbx) {
      assert.equal(entry.run_id, JSON.parse(dbxRun.stdout).run_id);
      assert.match(entry.job_start_ts ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(entry.error_message === null, entry.status !== 'ERROR', `${entry.task_key}: an error message exactly on ERROR rows`);
    }
    const started = Date.parse(dbx[0]!.job_start_ts!);
    assert.ok(Math.abs(started - Date.now()) < 10 * 60_000, 'the run start is the epoch milliseconds the job passed, not shifted by a time zone');

    const text = async (pact: string, ...more: string[]) => {
      const r = await cliAsync(['history', pact, ...more], box.dir, env);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      return r;
    };
    const dbxText = (await text(dbxPact)).stdout.split('\n');
    const duckText = (await text(duckPact)).stdout.split('\n');
    assert.equal(dbxText[0], duckText[0], 'the same columns');
    assert.equal(dbxText.length, duckText.length);
    assert.match(dbxText.find((line) => line.includes('missing')) ?? '', /ERROR\s+the task recorded no row/);

    // A second run: newest first, --limit counts runs; a stopped warehouse is started to read it, with the line.
    const second = await cliAsync(['run', dbxPact, '--format', 'json', '--task', 'orders', '--job'], box.dir, env);
    assert.equal(second.code, 0, second.stderr + second.stdout);
    em.state.warehouses.require(COLD).stop();
    const latest = await text(dbxPact, '--limit', '1', '--format', 'json');
    assert.match(latest.stderr, /starting SQL warehouse 'Cold'/);
    assert.deepEqual(JSON.parse(latest.stdout).runs.map((e: Entry) => [e.run_id, e.task_key, e.status]), [[JSON.parse(second.stdout).run_id, 'orders', 'SUCCESS']]);
    assert.equal(em.state.warehouses.require(COLD).starts, 2);
  });

  it('a past job run carries its run page, built from the row\'s job and run ids as for the live run; a direct run has none', async () => {
    const job = await cliAsync(['run', dbxPact, '--format', 'json', '--task', 'orders', '--job'], box.dir, env);
    assert.equal(job.code, 0, job.stderr + job.stdout);
    const direct = await cliAsync(['run', dbxPact, '--format', 'json', '--task', 'orders'], box.dir, env);
    assert.equal(direct.code, 0, direct.stderr + direct.stdout);
    const jobRunId = JSON.parse(job.stdout).run_id as string;
    const directRunId = JSON.parse(direct.stdout).run_id as string;
    const [row] = await em.sql(`SELECT CAST(job_id AS STRING) AS job_id FROM datapact.results.run_history WHERE run_id = ${jobRunId}`);
    const expected = `${em.url}/jobs/${row!.job_id}/runs/${jobRunId}`;
    // The live run names the same page when it starts.
    assert.ok(job.stderr.includes(`job run ${jobRunId} started: ${expected}\n`), job.stderr);

    const r = await cliAsync(['history', dbxPact, '--limit', '10', '--format', 'json'], box.dir, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const runs = JSON.parse(r.stdout).runs as Entry[];
    const urlOf = (runId: string) => [...new Set(runs.filter((e) => e.run_id === runId).map((e) => e.run_url ?? null))];
    assert.deepEqual(urlOf(jobRunId), [expected]);
    assert.deepEqual(urlOf(directRunId), [null], 'a direct run has no job run, so no page');
    assert.deepEqual(urlOf(JSON.parse(dbxRun.stdout).run_id), [`${em.url}/jobs/${row!.job_id}/runs/${JSON.parse(dbxRun.stdout).run_id}`], 'the first run, as a job of the same pact');
  });

  it('a task that wrote no row, when the aggregate step wrote none for it either, is ERROR (never a pass because its job task succeeded)', async () => {
    em.taskFault('silent', 'no-row');
    em.taskFault('aggregate_results', 'no-row');
    try {
      const pact = writePact(box.dir, 'silent.pact.yml', {
        engine: databricksEngine({ warehouse: 'Cold', job_name: 'silent checks' }),
        validations: [VALIDATIONS[0], taskYaml('silent', 'orders', { count_tolerance: 0 })],
      });
      const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
      assert.equal(r.code, 1, r.stderr + r.stdout);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['silent', 'ERROR']]);
      assert.match(report.tasks[1].error, /recorded no row in run_history \(its job task ended SUCCESS\)/);
      const rows = await em.sql(`SELECT task_key FROM datapact.results.run_history WHERE run_id = ${report.run_id}`);
      assert.deepEqual(rows.map((x) => x.task_key), ['orders']);
    } finally {
      em.taskFault('silent', undefined);
      em.taskFault('aggregate_results', undefined);
    }
  });
});
