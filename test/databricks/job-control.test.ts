/**
 * Runs under pressure: 20% injected faults (429 with Retry-After, 503, dropped connections) end with the right
 * verdicts and every row; Ctrl-C cancels the job run and exits 130 once the cancel is confirmed; a second process
 * attaches to a run in flight by its id; --direct runs statements on the warehouse without a job.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

const ROOT = resolve(__dirname, '..', '..');

async function until(what: string, probe: () => boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Databricks runs under faults, cancel, attach and --direct', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL, faultSeed: 7 });
    box = sandbox();
    env = cleanEnv(box.home, em.env());
  });
  after(async () => {
    await em.close();
    box.close();
  });

  const validations = [
    taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
    taskYaml('customers', 'customers', { count_tolerance: 0 }),
    taskYaml('orders_nulls', 'orders', { null_validation_columns: ['status'], null_validation_tolerance: 0 }),
  ];

  it('20% of calls failing (429, 503, dropped connections) still ends with the right verdicts and no lost rows', async () => {
    const pact = writePact(box.dir, 'faults.pact.yml', { engine: databricksEngine({ job_name: 'faulty' }), validations });
    em.fault({ path: '/api/', kind: 'status', status: 503, probability: 0.08 });
    em.fault({ path: '/api/', kind: 'status', status: 429, retryAfterSeconds: 1, probability: 0.06 });
    em.fault({ path: '/api/', kind: 'drop', probability: 0.06 });
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env, 240_000);
    em.state.faults.clear();
    assert.ok(em.state.faults.injected.status + em.state.faults.injected.drop > 0, 'faults were injected');
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [
      ['orders', 'SUCCESS'], ['customers', 'FAILURE'], ['orders_nulls', 'SUCCESS'],
    ]);
    const rows = await em.sql(`SELECT task_key FROM datapact.results.run_history WHERE run_id = ${report.run_id}`);
    assert.deepEqual(rows.map((x) => x.task_key).sort(), ['customers', 'orders', 'orders_nulls']);
    assert.equal(em.state.jobs.createdNames.filter((n) => n === 'faulty').length, 1);
  });

  it('Ctrl-C cancels the job run and exits 130 after the cancel is confirmed', async () => {
    const pact = writePact(box.dir, 'cancel.pact.yml', { engine: databricksEngine({ job_name: 'to cancel' }), validations });
    em.state.options.taskStatementDelayMs = 1500;
    try {
      const run = cliAsync(['run', pact], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      // A task state line comes from the first poll, which follows the CLI's Ctrl-C handler being installed.
      await until('the first task state line', () => /job run \d+ started/.test(stderr) && /\norders: /.test(stderr));
      run.child.kill('SIGINT');
      const r = await run;
      assert.equal(r.code, 130, r.stderr + r.stdout);
      const runId = Number(/job run (\d+) started/.exec(r.stderr)![1]);
      // Exited only after Jobs reported the run ended, cancelled.
      const jobRun = em.state.jobs.runs.get(runId)!;
      assert.equal(jobRun.lifeCycle, 'TERMINATED');
      assert.equal(jobRun.result, 'CANCELED');
      assert.match(r.stderr, new RegExp(`cancelling job run ${runId}`));
    } finally {
      em.state.options.taskStatementDelayMs = 0;
    }
  });

  it('a second process attaches to a run in flight by its id and follows it to the same result', async () => {
    const pact = writePact(box.dir, 'attach.pact.yml', { engine: databricksEngine({ job_name: 'attached' }), validations });
    em.state.options.taskStatementDelayMs = 600;
    try {
      const run = cliAsync(['run', pact, '--format', 'json'], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await until('the job run to start', () => /job run \d+ started/.test(stderr));
      const runId = /job run (\d+) started/.exec(stderr)![1]!;
      const attached = await attachInAnotherProcess(pact, runId, env);
      const own = await run;
      assert.equal(own.code, 1, own.stderr);
      const mine = JSON.parse(own.stdout);
      assert.equal(attached.run_id, runId);
      assert.deepEqual(attached.tasks, mine.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]));
      assert.ok(attached.sawRunning, 'the attached handle saw the run in flight');
    } finally {
      em.state.options.taskStatementDelayMs = 0;
    }
  });

  it('--direct runs each task as a statement on the warehouse: same verdicts, rows recorded, no job', async () => {
    const pact = writePact(box.dir, 'direct.pact.yml', { engine: databricksEngine({ job_name: 'direct run' }), validations: [...validations, taskYaml('missing', 'nope', { count_tolerance: 0 })] });
    const r = await cliAsync(['run', pact, '--direct', '--format', 'json'], box.dir, env);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [
      ['orders', 'SUCCESS'], ['customers', 'FAILURE'], ['orders_nulls', 'SUCCESS'], ['missing', 'ERROR'],
    ]);
    assert.equal(em.state.jobs.createdNames.includes('direct run'), false);
    const rows = await em.sql(`SELECT task_key, status FROM datapact.results.run_history WHERE run_id = ${report.run_id} ORDER BY task_key`);
    assert.deepEqual(rows.map((x) => [x.task_key, x.status]), [['customers', 'FAILURE'], ['missing', 'ERROR'], ['orders', 'SUCCESS'], ['orders_nulls', 'SUCCESS']]);
    const alerts = await em.sql(`SELECT failure_count FROM datapact.results.alert_history WHERE run_id = ${report.run_id}`);
    assert.deepEqual(alerts.map((a) => a.failure_count), ['2']);
  });
});

/** Another process (no shared memory): loads the pact, attaches to the run by id through the engine registry. */
function attachInAnotherProcess(pact: string, runId: string, env: Record<string, string>): Promise<{ run_id: string; tasks: [string, string][]; sawRunning: boolean }> {
  const script = `
    const { readFileSync } = require('node:fs');
    const core = require(${JSON.stringify(join(ROOT, 'core', 'src', 'index.ts'))});
    (async () => {
      const pactPath = process.argv[1], runId = process.argv[2];
      const { pact } = core.loadPact(readFileSync(pactPath, 'utf8'));
      const config = core.resolveEngineConfig(pact.engine, pactPath);
      const engine = core.createEngine(config, core.processEngineHost());
      const handle = await engine.attach(runId, pact, { pactPath });
      const sawRunning = handle.snapshot().state !== 'FINISHED';
      const result = await handle.result;
      await engine.dispose();
      process.stdout.write(JSON.stringify({ run_id: handle.runId, tasks: result.tasks.map((t) => [t.task_key, t.status]), sawRunning }));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });
  `;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, pact, runId], { env: { ...env }, cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`attach process exited ${code}: ${err}`));
      else resolvePromise(JSON.parse(out));
    });
  });
}
