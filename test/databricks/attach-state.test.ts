/**
 * A job run attached to by id starts from the job run's state, not as a run in flight: a terminated run attaches
 * FINISHED with its results read from run_history (the rows its aggregate step saw) and is never polled again; a
 * run still going attaches RUNNING and is followed to its end. `datapact runs` lists each with that state. (A
 * window reload re-attaches every run of `.datapact/runs.json`: before this, each finished run came back spinning.)
 * A run whose end its own process recorded in runs.json is listed from that record, with no call to the workspace.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, loadPact, resolveEngineConfig, type Engine, type RunHandle } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

async function until(what: string, probe: () => boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function deadline<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const VALIDATIONS = [
  taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
  taskYaml('customers', 'customers', { count_tolerance: 0 }),
];

type Listed = { runs: { run_id: string; state: string; status?: string }[] };
type Recorded = { run_id: string; state?: string; status?: string; ended_at?: string };

describe('a Databricks job run attached to by id starts from the job run\'s state', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  let pact: string;
  let finishedRunId: string;
  let finishedReport: { status: string; tasks: { task_key: string; status: string; payload: unknown }[] };
  const engines: Engine[] = [];

  const attach = async (runId: string): Promise<RunHandle> => {
    const loaded = loadPact(readFileSync(pact, 'utf8')).pact!;
    const engine = createEngine(resolveEngineConfig(loaded.engine, pact), { env, homeDir: box.home });
    engines.push(engine);
    return engine.attach(runId, loaded, { pactPath: pact });
  };
  const runGets = (from: number, runId: string) =>
    em.state.calls.slice(from).filter((c) => c.path.endsWith('/jobs/runs/get') && JSON.stringify(c).includes(runId)).length;

  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
    box = sandbox();
    env = cleanEnv(box.home, em.env());
    pact = writePact(box.dir, 'reload.pact.yml', { engine: databricksEngine({ job_name: 'reloaded' }), validations: VALIDATIONS });
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    finishedReport = JSON.parse(r.stdout);
    finishedRunId = String((finishedReport as unknown as { run_id: string }).run_id);
  });
  after(async () => {
    for (const engine of engines) await engine.dispose();
    await em.close();
    box.close();
  });

  it('a terminated job run attaches FINISHED, its results the rows run_history holds, and is not polled again', async () => {
    const from = em.state.calls.length;
    const handle = await attach(finishedRunId);
    const snapshot = handle.snapshot();
    assert.equal(snapshot.state, 'FINISHED');
    assert.equal(snapshot.status, 'FAILURE');
    assert.deepEqual(snapshot.tasks.map((t) => [t.task_key, t.state, t.result?.status]), [['orders', 'DONE', 'SUCCESS'], ['customers', 'DONE', 'FAILURE']]);
    const rows = await em.sql(`SELECT task_key, status FROM datapact.results.run_history WHERE run_id = ${finishedRunId} ORDER BY task_key`);
    assert.deepEqual(rows.map((x) => [x.task_key, x.status]), [['customers', 'FAILURE'], ['orders', 'SUCCESS']]);
    const result = await deadline(handle.result, 'the finished run\'s result', 5_000);
    // The same verdicts and the same payload numbers as the run that recorded them.
    assert.deepEqual(result.tasks.map((t) => [t.task_key, t.status, t.payload]), finishedReport.tasks.map((t) => [t.task_key, t.status, t.payload]));
    assert.equal(result.status, finishedReport.status);
    // One look at the job run, no polling after it.
    await new Promise((r) => setTimeout(r, 2_500));
    assert.equal(runGets(from, finishedRunId), 1, 'jobs/runs/get asked once');
  });

  it('a job run in flight attaches RUNNING; `datapact runs` lists it RUNNING and the finished one FINISHED', async () => {
    const hold = em.holdTaskRunning('orders');
    try {
      const run = cliAsync(['run', pact, '--format', 'json'], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await until('orders to be running', () => /job run \d+ started/.test(stderr) && /\norders: running/.test(stderr));
      const runId = /job run (\d+) started/.exec(stderr)![1]!;
      const handle = await attach(runId);
      assert.equal(handle.snapshot().state, 'RUNNING');
      assert.equal(handle.snapshot().tasks.find((t) => t.task_key === 'orders')?.state, 'RUNNING');

      const listed = await cliAsync(['runs', pact, '--format', 'json'], box.dir, env, 60_000);
      assert.equal(listed.code, 0, listed.stderr);
      const states = (JSON.parse(listed.stdout) as Listed).runs.map((r) => [r.run_id, r.state, r.status]);
      assert.deepEqual(states, [[runId, 'RUNNING', undefined], [finishedRunId, 'FINISHED', 'FAILURE']]);

      hold.release();
      const result = await deadline(handle.result, 'the attached run to end', 120_000);
      assert.deepEqual(result.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
      assert.equal(handle.snapshot().state, 'FINISHED');
      assert.equal((await run).code, 1);
    } finally {
      hold.release();
    }
  });
  it('`datapact runs` shows the runs\' recorded ends without a call to the workspace', async () => {
    const recorded = JSON.parse(readFileSync(join(box.dir, '.datapact', 'runs.json'), 'utf8')) as Recorded[];
    const from = em.state.calls.length;
    const listed = await cliAsync(['runs', pact, '--format', 'json'], box.dir, env, 60_000);
    assert.equal(listed.code, 0, listed.stderr);
    const states = (JSON.parse(listed.stdout) as Listed).runs.map((r) => [r.run_id, r.state, r.status]);
    assert.deepEqual(states, [[recorded[1]!.run_id, 'FINISHED', 'FAILURE'], [finishedRunId, 'FINISHED', 'FAILURE']]);
    assert.deepEqual(em.state.calls.slice(from).map((c) => c.path), [], 'no call for runs whose end is recorded');
    // What it read: the ends each run's own process recorded (state, verdict, time).
    assert.deepEqual(recorded.map((r) => [r.state, r.status, typeof r.ended_at]), [['FINISHED', 'FAILURE', 'string'], ['FINISHED', 'FAILURE', 'string']]);
    const text = await cliAsync(['runs', pact], box.dir, env, 60_000);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`${finishedRunId}\\s+databricks\\s+FINISHED\\s+FAILURE`));
    assert.equal(em.state.calls.length, from);
  });

  it('`datapact runs` asks the workspace only about a run without a recorded end (its follower died)', async () => {
    const file = join(box.dir, '.datapact', 'runs.json');
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as Recorded[];
    const unended = recorded.find((r) => r.run_id === finishedRunId)!;
    delete unended.ended_at;
    delete unended.state;
    delete unended.status;
    writeFileSync(file, JSON.stringify(recorded));
    const from = em.state.calls.length;
    const listed = await cliAsync(['runs', pact, '--format', 'json'], box.dir, env, 60_000);
    assert.equal(listed.code, 0, listed.stderr);
    const states = (JSON.parse(listed.stdout) as Listed).runs.map((r) => [r.run_id, r.state, r.status]);
    assert.deepEqual(states, [[recorded[1]!.run_id, 'FINISHED', 'FAILURE'], [finishedRunId, 'FINISHED', 'FAILURE']]);
    assert.equal(runGets(from, finishedRunId), 1, 'the run without an end is asked for');
    assert.equal(runGets(from, recorded[1]!.run_id), 0, 'the run with an end is not');
  });
});
