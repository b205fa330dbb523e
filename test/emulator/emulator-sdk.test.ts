/**
 * The workspace emulator through the official SDK (@databricks/sdk-experimental): the calls DataPact makes, with
 * real SQL on DuckDB behind the statements and job tasks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { type Emulator, startEmulator } from './index';

const WAREHOUSE = 'a1b2c3d4e5f60718';

function client(em: Emulator, token = em.token): WorkspaceClient {
  return new WorkspaceClient({ host: em.url, token, authType: 'pat' });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const upload = (w: WorkspaceClient, path: string, text: string) =>
  w.workspace.import({ path, content: Buffer.from(text).toString('base64'), format: 'AUTO', overwrite: true });

async function finishedRun(w: WorkspaceClient, runId: number) {
  return until(`run ${runId}`, async () => {
    const run = await w.jobs.getRun({ run_id: runId });
    return run.state?.life_cycle_state === 'TERMINATED' ? run : undefined;
  });
}

describe('workspace emulator through the SDK', () => {
  let em: Emulator;
  let w: WorkspaceClient;
  const home = '/Users/emulator.user@example.com';

  before(async () => {
    em = await startEmulator({
      catalogs: ['shop', 'results'],
      seedSql: `
        CREATE SCHEMA shop.sales;
        CREATE TABLE shop.sales.orders (id BIGINT, region STRING, amount DECIMAL(10,2)) USING DELTA;
        INSERT INTO shop.sales.orders VALUES (1, 'EMEA', 10.50), (2, 'AMER', 20.25), (3, 'O\\'Hare; -- x', NULL);
        CREATE SCHEMA results.history;
        CREATE TABLE results.history.runs (task_key STRING, run_id BIGINT, status STRING) USING DELTA;
      `,
    });
    w = client(em);
  });
  after(() => em.close());

  it('answers SCIM Me with the user and the workspace id header', async () => {
    const me = await w.currentUser.me();
    assert.equal(me.userName, 'emulator.user@example.com');
  });

  it('reaches the SDK through DATABRICKS_HOST and DATABRICKS_TOKEN', async () => {
    const saved = { host: process.env.DATABRICKS_HOST, token: process.env.DATABRICKS_TOKEN };
    Object.assign(process.env, em.env());
    try {
      const fromEnv = new WorkspaceClient({});
      const list = [];
      for await (const wh of fromEnv.warehouses.list({})) list.push(wh);
      assert.deepEqual(list.map((x) => [x.id, x.state]), [[WAREHOUSE, 'RUNNING']]);
    } finally {
      for (const [k, v] of Object.entries({ DATABRICKS_HOST: saved.host, DATABRICKS_TOKEN: saved.token })) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('rejects a wrong token with 403 PERMISSION_DENIED and never records the token', async () => {
    await assert.rejects(client(em, 'dapi-wrong').currentUser.me(), (e: Error & { errorCode?: string; statusCode?: number }) => {
      assert.equal(e.statusCode, 403);
      assert.equal(e.errorCode, 'PERMISSION_DENIED');
      return true;
    });
    assert.ok(!JSON.stringify(em.state.calls).includes(em.token));
  });

  it('round-trips real rows and typed :name parameters through the Statement Execution API', async () => {
    const r = await w.statementExecution.executeStatement({
      warehouse_id: WAREHOUSE,
      statement: 'SELECT id, region, amount, amount * 2 AS doubled FROM `shop`.`sales`.`orders` WHERE id >= :min_id ORDER BY id',
      // (DuckDB types decimal arithmetic narrower than Spark: doubled's type is not asserted)
      parameters: [{ name: 'min_id', value: '2', type: 'BIGINT' }],
      wait_timeout: '10s',
    });
    assert.equal(r.status?.state, 'SUCCEEDED');
    assert.deepEqual(r.manifest?.schema?.columns?.map((c) => [c.name, c.type_name, c.type_text]), [
      ['id', 'LONG', 'BIGINT'],
      ['region', 'STRING', 'STRING'],
      ['amount', 'DECIMAL', 'DECIMAL(10,2)'],
      ['doubled', 'DECIMAL', r.manifest?.schema?.columns?.[3]?.type_text],
    ]);
    assert.deepEqual(r.result?.data_array, [
      ['2', 'AMER', '20.25', '40.50'],
      ['3', "O'Hare; -- x", null, null],
    ]);
  });

  it('reports a failing statement as FAILED with the Databricks error class', async () => {
    const r = await w.statementExecution.executeStatement({ warehouse_id: WAREHOUSE, statement: 'SELECT * FROM shop.sales.nope', wait_timeout: '10s' });
    assert.equal(r.status?.state, 'FAILED');
    assert.match(r.status?.error?.message ?? '', /^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    const unbound = await w.statementExecution.executeStatement({ warehouse_id: WAREHOUSE, statement: 'SELECT :x', wait_timeout: '10s' });
    assert.match(unbound.status?.error?.message ?? '', /^\[UNBOUND_SQL_PARAMETER\]/);
  });

  it('uploads, lists, exports and deletes workspace files', async () => {
    await w.workspace.mkdirs({ path: `${home}/datapact/a` });
    await upload(w, `${home}/datapact/a/t.sql`, 'SELECT 1;');
    const status = await w.workspace.getStatus({ path: `/Workspace${home}/datapact/a/t.sql` });
    assert.equal(status.object_type, 'FILE');
    const exported = await w.workspace.export({ path: `${home}/datapact/a/t.sql`, format: 'SOURCE' });
    assert.equal(Buffer.from(exported.content!, 'base64').toString(), 'SELECT 1;');
    await assert.rejects(
      w.workspace.import({ path: `${home}/datapact/a/t.sql`, content: '', format: 'AUTO' }),
      (e: Error & { errorCode?: string }) => e.errorCode === 'RESOURCE_ALREADY_EXISTS',
    );
    await assert.rejects(upload(w, `${home}/missing/t.sql`, 'x'), (e: Error & { errorCode?: string }) => e.errorCode === 'RESOURCE_DOES_NOT_EXIST');
    const listed = [];
    for await (const o of w.workspace.list({ path: `${home}/datapact/a` })) listed.push(o.path);
    assert.deepEqual(listed, [`${home}/datapact/a/t.sql`]);
    await w.workspace.delete({ path: `${home}/datapact/a`, recursive: true });
    await assert.rejects(w.workspace.getStatus({ path: `${home}/datapact/a` }));
  });

  it('runs a job of two SQL file tasks and an ALL_DONE aggregate, with {{ }} parameters and per-task states', async () => {
    const dir = `${home}/datapact/job_assets/two_tasks`;
    await w.workspace.mkdirs({ path: dir });
    const task = (key: string, check: string) =>
      `DECLARE OR REPLACE VARIABLE ok BOOLEAN;\n` +
      `SET VARIABLE ok = (${check});\n` +
      `INSERT INTO results.history.runs SELECT '${key}', CAST({{run_id}} AS BIGINT), CASE WHEN ok THEN 'SUCCESS' ELSE 'FAILURE' END;\n` +
      `SELECT CASE WHEN ok THEN 'fine' ELSE raise_error('task ${key} failed; see run_history') END;\n`;
    await upload(w, `${dir}/good.sql`, task('good', 'SELECT COUNT(*) = 3 FROM shop.sales.orders'));
    await upload(w, `${dir}/bad.sql`, task('bad', "SELECT COUNT(*) = 1 FROM shop.sales.orders WHERE region = 'EMEA;'"));
    await upload(
      w,
      `${dir}/aggregate.sql`,
      "SELECT CASE WHEN COUNT(*) > 0 THEN raise_error('failed tasks') ELSE 'ok' END FROM results.history.runs WHERE run_id = CAST({{run_id}} AS BIGINT) AND status <> 'SUCCESS';",
    );
    const params = { run_id: '{{job.run_id}}', job_id: '{{job.id}}', job_start_ms: '{{job.start_time.timestamp_ms}}' };
    const sqlTask = (key: string) => ({ task_key: key, sql_task: { warehouse_id: WAREHOUSE, file: { path: `${dir}/${key}.sql`, source: 'WORKSPACE' as const }, parameters: params } });
    const { job_id } = await w.jobs.create({
      name: 'datapact-two-tasks',
      tasks: [sqlTask('good'), sqlTask('bad'), { ...sqlTask('aggregate'), run_if: 'ALL_DONE', depends_on: [{ task_key: 'good' }, { task_key: 'bad' }] }],
    });
    const started = await w.jobs.runNow({ job_id: job_id! });
    const run = await finishedRun(w, started.run_id!);
    assert.equal(run.state?.result_state, 'FAILED');
    const states = Object.fromEntries(run.tasks!.map((t) => [t.task_key, t.state?.result_state]));
    assert.deepEqual(states, { good: 'SUCCESS', bad: 'FAILED', aggregate: 'FAILED' });
    const bad = run.tasks!.find((t) => t.task_key === 'bad')!;
    assert.match(bad.state?.state_message ?? '', /USER_RAISED_EXCEPTION\] task bad failed; see run_history/);
    const rows = await em.sql(`SELECT task_key, run_id, status FROM results.history.runs ORDER BY task_key`);
    assert.deepEqual(rows, [
      { task_key: 'bad', run_id: String(started.run_id), status: 'FAILURE' },
      { task_key: 'good', run_id: String(started.run_id), status: 'SUCCESS' },
    ]);
    const output = await w.jobs.getRunOutput({ run_id: bad.run_id! });
    assert.match(output.error ?? '', /task bad failed/);
  });

  it('repairs a run under the same run id, re-running the failed tasks with a new repair count', async () => {
    const dir = `${home}/datapact/job_assets/repair`;
    await w.workspace.mkdirs({ path: dir });
    await upload(w, `${dir}/flaky.sql`, "INSERT INTO results.history.runs SELECT 'flaky', CAST({{run_id}} AS BIGINT), {{repair}};");
    const { job_id } = await w.jobs.create({
      name: 'repair-me',
      tasks: [{ task_key: 'flaky', sql_task: { warehouse_id: WAREHOUSE, file: { path: `${dir}/flaky.sql` }, parameters: { run_id: '{{job.run_id}}', repair: '{{job.repair_count}}' } } }],
    });
    em.taskFault('flaky', 'fail');
    const { run_id } = await w.jobs.runNow({ job_id: job_id! });
    const failed = await finishedRun(w, run_id!);
    assert.equal(failed.state?.result_state, 'FAILED');
    em.taskFault('flaky', undefined);
    const repair = await w.jobs.repairRun({ run_id: run_id!, rerun_all_failed_tasks: true });
    assert.ok(repair.repair_id);
    const repaired = await finishedRun(w, run_id!);
    assert.equal(repaired.run_id, run_id);
    assert.equal(repaired.state?.result_state, 'SUCCESS');
    assert.deepEqual(await em.sql(`SELECT run_id, status FROM results.history.runs WHERE task_key = 'flaky'`), [{ run_id: String(run_id), status: '1' }]);
    const withHistory = await w.jobs.getRun({ run_id: run_id!, include_history: true });
    assert.deepEqual(withHistory.repair_history?.map((h) => h.type), ['ORIGINAL', 'REPAIR']);
    await assert.rejects(w.jobs.repairRun({ run_id: run_id!, rerun_all_failed_tasks: true }), /latest_repair_id/);
  });

  it('rejects a job whose depends_on names an unknown task, and one with a duplicate task key', async () => {
    const t = { sql_task: { warehouse_id: WAREHOUSE, file: { path: `${home}/x.sql` } } };
    await assert.rejects(
      w.jobs.create({ name: 'broken', tasks: [{ task_key: 'a', ...t, depends_on: [{ task_key: 'ghost' }] }] }),
      (e: Error & { errorCode?: string }) => e.errorCode === 'INVALID_PARAMETER_VALUE' && /ghost/.test(e.message),
    );
    await assert.rejects(w.jobs.create({ name: 'broken', tasks: [{ task_key: 'a', ...t }, { task_key: 'a', ...t }] }), /not unique/);
    assert.ok(!em.state.jobs.createdNames.includes('broken'));
  });

  it('fails a task whose SQL file was never uploaded', async () => {
    const { job_id } = await w.jobs.create({ name: 'no-file', tasks: [{ task_key: 'a', sql_task: { warehouse_id: WAREHOUSE, file: { path: `${home}/never.sql` } } }] });
    const { run_id } = await w.jobs.runNow({ job_id: job_id! });
    const run = await finishedRun(w, run_id!);
    assert.equal(run.tasks?.[0]?.state?.result_state, 'FAILED');
    assert.match(run.tasks?.[0]?.state?.state_message ?? '', /never\.sql does not exist/);
  });

  it('fails a task whose path is a notebook (a .sql imported as SOURCE), not a file', async () => {
    await w.workspace.mkdirs({ path: `${home}/nb` });
    await w.workspace.import({ path: `${home}/nb/q.sql`, content: Buffer.from('SELECT 1').toString('base64'), format: 'SOURCE', language: 'SQL' });
    assert.equal((await w.workspace.getStatus({ path: `${home}/nb/q` })).object_type, 'NOTEBOOK');
    const { job_id } = await w.jobs.create({ name: 'nb', tasks: [{ task_key: 'a', sql_task: { warehouse_id: WAREHOUSE, file: { path: `${home}/nb/q.sql` } } }] });
    const run = await finishedRun(w, (await w.jobs.runNow({ job_id: job_id! })).run_id!);
    assert.match(run.tasks?.[0]?.state?.state_message ?? '', /does not exist/);
  });

  it('finds jobs by name, resets one in place, and records every create', async () => {
    const { job_id } = await w.jobs.create({ name: 'Named Job' });
    await w.jobs.reset({ job_id: job_id!, new_settings: { name: 'Named Job', max_concurrent_runs: 3 } });
    const found = [];
    for await (const j of w.jobs.list({ name: 'named job' })) found.push(j.job_id);
    assert.deepEqual(found, [job_id]);
    const job = await w.jobs.get({ job_id: job_id! });
    assert.equal(job.settings?.max_concurrent_runs, 3);
    assert.equal(em.state.jobs.createdNames.filter((n) => n === 'Named Job').length, 1);
  });

  it('is retried by the SDK after a 429 with Retry-After', async () => {
    em.fault({ path: '/api/2.0/preview/scim/v2/Me', kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    const me = await w.currentUser.me();
    assert.equal(me.userName, 'emulator.user@example.com');
    const meCalls = em.state.calls.filter((c) => c.path === '/api/2.0/preview/scim/v2/Me').map((c) => c.status);
    assert.deepEqual(meCalls.slice(-2), [429, 200]);
  });

  it('cancels a running job run and reports it CANCELED', async () => {
    const dir = `${home}/datapact/job_assets/slow`;
    await w.workspace.mkdirs({ path: dir });
    await upload(w, `${dir}/slow.sql`, Array.from({ length: 50 }, () => 'SELECT 1;').join('\n'));
    em.state.options.taskStatementDelayMs = 50;
    try {
      const { job_id } = await w.jobs.create({ name: 'slow', tasks: [{ task_key: 'slow', sql_task: { warehouse_id: WAREHOUSE, file: { path: `${dir}/slow.sql` } } }] });
      const { run_id } = await w.jobs.runNow({ job_id: job_id! });
      await until('task running', async () => ((await w.jobs.getRun({ run_id: run_id! })).tasks?.[0]?.state?.life_cycle_state === 'RUNNING' ? true : undefined));
      await w.jobs.cancelRun({ run_id: run_id! });
      const run = await finishedRun(w, run_id!);
      assert.equal(run.state?.result_state, 'CANCELED');
      assert.equal(run.state?.user_cancelled_or_timedout, true);
      assert.equal(run.tasks?.[0]?.state?.result_state, 'CANCELED');
    } finally {
      em.state.options.taskStatementDelayMs = 0;
    }
  });
});
