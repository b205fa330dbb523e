/**
 * Runs under pressure: 20% injected faults (429 with Retry-After, 503, dropped connections) end with the right
 * verdicts and every row; Ctrl-C cancels the job run and exits 130 once the cancel is confirmed; a second process
 * attaches to a run in flight by its id; --direct runs statements on the warehouse without a job.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { readLocalRuns } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

const ROOT = resolve(__dirname, '..', '..');

async function deadline<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

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
      const runId = BigInt(/job run (\d+) started/.exec(r.stderr)![1]!);
      // Exited only after Jobs reported the run ended, cancelled.
      const jobRun = em.state.jobs.runs.get(runId)!;
      assert.equal(jobRun.lifeCycle, 'TERMINATED');
      assert.equal(jobRun.result, 'CANCELED');
      assert.match(r.stderr, new RegExp(`cancelling job run ${runId}`));
    } finally {
      em.state.options.taskStatementDelayMs = 0;
    }
  });

  it('Ctrl-C while jobs/run-now is in flight cancels the run it creates and exits 130 once the cancel is confirmed', async () => {
    const pact = writePact(box.dir, 'cancel-start.pact.yml', { engine: databricksEngine({ job_name: 'cancel at run-now' }), validations });
    const runNow = em.holdRequests({ method: 'POST', path: '/api/2.2/jobs/run-now' });
    try {
      const run = cliAsync(['run', pact], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await deadline(runNow.arrived, 'run-now to arrive');
      run.child.kill('SIGINT');
      // The CLI took the Ctrl-C while run-now was unanswered; only then does the run come into being.
      await until('the interrupt to be acknowledged', () => /interrupted: stopping/.test(stderr));
      runNow.release();
      const r = await run;
      assert.equal(r.code, 130, r.stderr + r.stdout);
      const runs = [...em.state.jobs.runs.values()].filter((x) => x.runName === 'cancel at run-now');
      assert.equal(runs.length, 1, 'run-now created one run');
      assert.equal(runs[0]!.lifeCycle, 'TERMINATED');
      assert.equal(runs[0]!.result, 'CANCELED');
      assert.match(r.stderr, new RegExp(`cancelling job run ${runs[0]!.runId}`));
      assert.ok(readLocalRuns(pact).some((x) => x.run_id === String(runs[0]!.runId)), 'the cancelled run is in runs.json');
    } finally {
      runNow.release();
    }
  });

  it('Ctrl-C while the task files upload stops before run-now: nothing runs, exit 130', async () => {
    const pact = writePact(box.dir, 'cancel-upload.pact.yml', { engine: databricksEngine({ job_name: 'cancel at upload' }), validations });
    const uploads = em.holdRequests({ method: 'POST', path: '/api/2.0/workspace/import' });
    const callsBefore = em.state.calls.length;
    try {
      const run = cliAsync(['run', pact], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await deadline(uploads.arrived, 'an upload to arrive');
      run.child.kill('SIGINT');
      await until('the interrupt to be acknowledged', () => /interrupted: stopping/.test(stderr));
      uploads.release();
      const r = await run;
      assert.equal(r.code, 130, r.stderr + r.stdout);
      assert.match(r.stderr, /interrupted before it started; nothing ran/);
      const later = em.state.calls.slice(callsBefore);
      assert.ok(!later.some((c) => c.path.endsWith('/jobs/run-now')), 'no run-now after the Ctrl-C');
      assert.equal([...em.state.jobs.runs.values()].filter((x) => x.runName === 'cancel at upload').length, 0);
    } finally {
      uploads.release();
    }
  });

  it('a second process attaches to a run in flight by its id and follows it to the same result', async () => {
    const pact = writePact(box.dir, 'attach.pact.yml', { engine: databricksEngine({ job_name: 'attached' }), validations });
    // The run stays in flight (orders held RUNNING) until the attached process has seen it running.
    const hold = em.holdTaskRunning('orders');
    try {
      const run = cliAsync(['run', pact, '--format', 'json'], box.dir, env);
      let stderr = '';
      run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await until('the job run to start', () => /job run \d+ started/.test(stderr));
      const runId = /job run (\d+) started/.exec(stderr)![1]!;
      const attach = attachInAnotherProcess(pact, runId, env);
      await until('the attached process to see the run RUNNING', () => attach.stderr().includes('SAW-RUNNING'), 120_000);
      hold.release();
      const attached = await attach.result;
      const own = await run;
      assert.equal(own.code, 1, own.stderr);
      const mine = JSON.parse(own.stdout);
      assert.equal(attached.run_id, runId);
      assert.deepEqual(attached.tasks, mine.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]));
    } finally {
      hold.release();
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

/**
 * Another process (no shared memory): loads the pact, attaches to the run by id through the engine registry, writes
 * SAW-RUNNING to stderr once its handle shows the run RUNNING, and the result to stdout.
 */
function attachInAnotherProcess(pact: string, runId: string, env: Record<string, string>): { stderr: () => string; result: Promise<{ run_id: string; tasks: [string, string][] }> } {
  const script = `
    const { readFileSync } = require('node:fs');
    const core = require(${JSON.stringify(join(ROOT, 'core', 'src', 'index.ts'))});
    (async () => {
      const pactPath = process.argv[1], runId = process.argv[2];
      const { pact } = core.loadPact(readFileSync(pactPath, 'utf8'));
      const config = core.resolveEngineConfig(pact.engine, pactPath);
      const engine = core.createEngine(config, core.processEngineHost());
      const handle = await engine.attach(runId, pact, { pactPath });
      let saw = false;
      handle.onEvent(() => {
        if (!saw && handle.snapshot().state === 'RUNNING') {
          saw = true;
          process.stderr.write('SAW-RUNNING\\n');
        }
      });
      const result = await handle.result;
      await engine.dispose();
      process.stdout.write(JSON.stringify({ run_id: handle.runId, tasks: result.tasks.map((t) => [t.task_key, t.status]) }));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, pact, runId], { env: { ...env }, cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<{ run_id: string; tasks: [string, string][] }>((resolvePromise, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`attach process exited ${code}: ${err}`));
      else resolvePromise(JSON.parse(out));
    });
  });
  return { stderr: () => err, result };
}
