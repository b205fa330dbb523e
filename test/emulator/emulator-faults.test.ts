/**
 * The emulator's fault injection and asynchronous behaviour: 503 and 429 retried by the SDK, dropped connections,
 * slow answers, a warehouse slow to start (statements PENDING until it runs), statements polled, cancelled and
 * chunked, and a task that writes no row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { type Emulator, startEmulator } from './index';

const home = '/Users/emulator.user@example.com';

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('emulator faults and asynchronous calls', () => {
  let em: Emulator;
  let w: WorkspaceClient;

  before(async () => {
    em = await startEmulator({
      warehouses: [
        { id: 'running', name: 'Running' },
        { id: 'cold', name: 'Cold', state: 'STOPPED', startMs: 400 },
      ],
      catalogs: ['r'],
      seedSql: 'CREATE TABLE r.`default`.history (task_key STRING, run_id BIGINT)',
      chunkRowLimit: 4,
    });
    w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
  });
  after(() => em.close());

  it('answers 503 with TEMPORARILY_UNAVAILABLE; SDK 0.17.0 does not retry it (callers must), a 429 it does', async () => {
    em.fault({ path: /^\/api\/2\.0\/sql\/warehouses$/, kind: 'status', status: 503, times: 1 });
    await assert.rejects(
      (async () => {
        for await (const _ of w.warehouses.list({})) void _;
      })(),
      (e: Error & { errorCode?: string; statusCode?: number }) => e.statusCode === 503 && e.errorCode === 'TEMPORARILY_UNAVAILABLE',
    );
    em.fault({ path: '/api/2.0/sql/warehouses', kind: 'status', status: 429, retryAfterSeconds: 0, times: 1 });
    const list = [];
    for await (const wh of w.warehouses.list({})) list.push(wh.id);
    assert.deepEqual(list, ['running', 'cold']);
    assert.deepEqual(em.state.calls.filter((c) => c.path === '/api/2.0/sql/warehouses').map((c) => c.status), [503, 429, 200]);
  });

  it('drops a connection without an answer, and delays answers', async () => {
    em.fault({ path: '/api/2.0/preview/scim/v2/Me', kind: 'drop', times: 1 });
    await assert.rejects(fetch(`${em.url}/api/2.0/preview/scim/v2/Me`, { headers: { Authorization: `Bearer ${em.token}` } }));
    em.fault({ path: '/api/2.0/preview/scim/v2/Me', kind: 'delay', delayMs: 300, times: 1 });
    const started = Date.now();
    const answer = await fetch(`${em.url}/api/2.0/preview/scim/v2/Me`, { headers: { Authorization: `Bearer ${em.token}` } });
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - started >= 290);
    assert.equal(em.state.faults.injected.drop, 1);
  });

  it('starts a stopped warehouse: STOPPED → STARTING → RUNNING, statements PENDING meanwhile', async () => {
    assert.equal((await w.warehouses.get({ id: 'cold' })).state, 'STOPPED');
    const first = await w.statementExecution.executeStatement({ warehouse_id: 'cold', statement: 'SELECT 1 AS one', wait_timeout: '0s' });
    assert.equal(first.status?.state, 'PENDING');
    assert.equal((await w.warehouses.get({ id: 'cold' })).state, 'STARTING');
    const done = await until('statement done', async () => {
      const s = await w.statementExecution.getStatement({ statement_id: first.statement_id! });
      return s.status?.state === 'SUCCEEDED' ? s : undefined;
    });
    assert.deepEqual(done.result?.data_array, [['1']]);
    assert.equal((await w.warehouses.get({ id: 'cold' })).state, 'RUNNING');
  });

  it('polls, cancels, and times out statements as on_wait_timeout says', async () => {
    em.state.options.statementDelayMs = 400;
    try {
      const pending = await w.statementExecution.executeStatement({ warehouse_id: 'running', statement: 'SELECT 1', wait_timeout: '0s' });
      assert.ok(['PENDING', 'RUNNING'].includes(pending.status!.state!));
      await w.statementExecution.cancelExecution({ statement_id: pending.statement_id! });
      const canceled = await until('canceled', async () => {
        const s = await w.statementExecution.getStatement({ statement_id: pending.statement_id! });
        return s.status?.state === 'CANCELED' ? s : undefined;
      });
      assert.equal(canceled.result, undefined);
      await assert.rejects(
        w.statementExecution.executeStatement({ warehouse_id: 'running', statement: 'SELECT 1', wait_timeout: '3s' }),
        (e: Error & { errorCode?: string }) => e.errorCode === 'INVALID_PARAMETER_VALUE',
      );
    } finally {
      em.state.options.statementDelayMs = 0;
    }
  });

  it('cancels a statement still running when wait_timeout elapses with on_wait_timeout=CANCEL', async () => {
    em.state.options.statementDelayMs = 7000;
    try {
      const started = Date.now();
      const r = await w.statementExecution.executeStatement({ warehouse_id: 'running', statement: 'SELECT 1', wait_timeout: '5s', on_wait_timeout: 'CANCEL' });
      assert.equal(r.status?.state, 'CANCELED');
      assert.ok(Date.now() - started >= 4900 && Date.now() - started < 7000);
    } finally {
      em.state.options.statementDelayMs = 0;
    }
  });

  it('splits large results into chunks fetched by index', async () => {
    const r = await w.statementExecution.executeStatement({ warehouse_id: 'running', statement: 'SELECT id FROM range(10) AS t(id) ORDER BY id', wait_timeout: '10s' });
    assert.equal(r.manifest?.total_row_count, 10);
    assert.equal(r.manifest?.total_chunk_count, 3);
    assert.equal(r.result?.next_chunk_index, 1);
    const rows = [...(r.result?.data_array ?? [])];
    for (let k = 1; k < 3; k++) rows.push(...((await w.statementExecution.getStatementResultChunkN({ statement_id: r.statement_id!, chunk_index: k })).data_array ?? []));
    assert.deepEqual(rows.map((x) => Number(x[0])), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('runs a task that writes no row when told to (its INSERT statements are dropped)', async () => {
    await w.workspace.mkdirs({ path: `${home}/nr` });
    const file = "INSERT INTO r.`default`.history SELECT 'quiet', CAST({{run_id}} AS BIGINT);\nSELECT 'done';";
    await w.workspace.import({ path: `${home}/nr/quiet.sql`, content: Buffer.from(file).toString('base64'), format: 'AUTO', overwrite: true });
    const { job_id } = await w.jobs.create({
      name: 'quiet',
      tasks: [{ task_key: 'quiet', sql_task: { warehouse_id: 'running', file: { path: `${home}/nr/quiet.sql` }, parameters: { run_id: '{{job.run_id}}' } } }],
    });
    em.taskFault('quiet', 'no-row');
    try {
      const { run_id } = await w.jobs.runNow({ job_id: job_id! });
      const run = await until('run', async () => {
        const r = await w.jobs.getRun({ run_id: run_id! });
        return r.state?.life_cycle_state === 'TERMINATED' ? r : undefined;
      });
      assert.equal(run.state?.result_state, 'SUCCESS');
      assert.deepEqual(await em.sql(`SELECT * FROM r.\`default\`.history WHERE run_id = ${run_id}`), []);
    } finally {
      em.taskFault('quiet', undefined);
    }
  });

  it('keeps a job run correct under 20% injected 429 answers on every call the SDK makes', async () => {
    em.fault({ kind: 'status', status: 429, retryAfterSeconds: 0, probability: 0.2 });
    try {
      const { job_id } = await w.jobs.create({
        name: 'under-faults',
        tasks: [{ task_key: 'loud', sql_task: { warehouse_id: 'running', file: { path: `${home}/nr/quiet.sql` }, parameters: { run_id: '{{job.run_id}}' } } }],
      });
      const { run_id } = await w.jobs.runNow({ job_id: job_id! });
      await until(
        'run under faults',
        async () => ((await w.jobs.getRun({ run_id: run_id! })).state?.life_cycle_state === 'TERMINATED' ? true : undefined),
        60_000,
      );
      assert.deepEqual(await em.sql(`SELECT task_key FROM r.\`default\`.history WHERE run_id = ${run_id}`), [{ task_key: 'quiet' }]);
      assert.ok(em.state.faults.injected.status > 0);
      assert.equal(em.state.jobs.named('under-faults').length, 1);
    } finally {
      em.state.faults.clear();
    }
  });
});
