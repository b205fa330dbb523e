/**
 * One task on Databricks, as the editor's Run Task and `datapact run --task X` ask for it: the engine plug-in runs it
 * directly (Statement Execution, no job) — only that task's statement, only its row — unless `--job` forces a job;
 * the editor starts it in a detached `datapact run` and follows it by id from another process, while it is in
 * flight, to the same result.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngine, loadPact, resolveEngineConfig } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

const ROOT = resolve(__dirname, '..', '..');

const VALIDATIONS = [
  taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
  // Fails: were the whole pact run, the run would fail and its rows would show.
  taskYaml('customers', 'customers', { count_tolerance: 0 }),
  taskYaml('orders_nulls', 'orders', { null_validation_columns: ['status'], null_validation_tolerance: 0 }),
];

async function until(what: string, probe: () => boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text of every statement sent to the Statement Execution API from call `from` on. */
function statementsSince(em: Emulator, from: number): string[] {
  return em.state.calls
    .slice(from)
    .filter((c) => c.method === 'POST' && /^\/api\/2\.0\/sql\/statements\/?$/.test(c.path))
    .map((c) => String((c.body as { statement?: unknown } | undefined)?.statement ?? ''));
}

describe('one task on Databricks: direct by the plug-in\'s choice, a job with --job, attached to by id', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  let pact: string;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
    box = sandbox();
    env = cleanEnv(box.home, em.env());
    pact = writePact(box.dir, 'tasks.pact.yml', { engine: databricksEngine({ job_name: 'one task' }), validations: VALIDATIONS });
  });
  after(async () => {
    await em.close();
    box.close();
  });

  it('datapact run --task X runs only that task, directly: no job, only its statement, only its row', async () => {
    const from = em.state.calls.length;
    const r = await cliAsync(['run', pact, '--task', 'orders', '--format', 'json'], box.dir, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [['orders', 'SUCCESS']]);
    assert.deepEqual(em.state.jobs.createdNames, [], 'no job created');
    assert.deepEqual(em.state.calls.slice(from).filter((c) => c.path.includes('/jobs/') || c.path.includes('/workspace/')).map((c) => c.path), [], 'no job call, no upload');
    const statements = statementsSince(em, from);
    assert.ok(statements.some((s) => /INSERT INTO `datapact`\.`results`\.`run_history`[\s\S]*`orders`/.test(s)), 'the task ran as a statement');
    assert.deepEqual(statements.filter((s) => s.includes('`customers`') || s.includes("'orders_nulls'")), [], 'no other task\'s statement was sent');
    const rows = await em.sql(`SELECT task_key, status FROM datapact.results.run_history WHERE run_id = ${report.run_id}`);
    assert.deepEqual(rows.map((x) => [x.task_key, x.status]), [['orders', 'SUCCESS']]);
  });

  it('--job runs the one task as a job of that task and aggregate_results', async () => {
    const r = await cliAsync(['run', pact, '--task', 'orders', '--job', '--format', 'json'], box.dir, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(em.state.jobs.createdNames, ['one task']);
    const [job] = em.state.jobs.named('one task');
    assert.deepEqual((job!.settings.tasks as Array<{ task_key: string }>).map((t) => t.task_key), ['orders', 'aggregate_results']);
    const report = JSON.parse(r.stdout);
    const rows = await em.sql(`SELECT task_key FROM datapact.results.run_history WHERE run_id = ${report.run_id}`);
    assert.deepEqual(rows.map((x) => x.task_key), ['orders']);
    const both = await cliAsync(['run', pact, '--task', 'orders', '--job', '--direct'], box.dir, env);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--direct and --job cannot be used together/);
  });

  it('the editor\'s way: a detached run of one task, attached to by id from another process while in flight, ends with the same result', async () => {
    // The task's INSERT is held unanswered: the run is certainly in flight while the other process attaches.
    const hold = em.holdRequests({ method: 'POST', path: '/api/2.0/sql/statements', body: (b) => /^INSERT INTO `datapact`\.`results`\.`run_history`/.test(String(b.statement ?? '')) });
    const idFile = join(box.dir, 'run-id');
    try {
      const run = cliAsync(['run', pact, '--task', 'customers', '--quiet', '--format', 'json', '--run-id-file', idFile], box.dir, env);
      await hold.arrived;
      await until('the run id file', () => existsSync(idFile));
      const runId = readFileSync(idFile, 'utf8').trim();
      const attach = attachInAnotherProcess(pact, runId, env);
      await until('the other process to attach', () => attach.stderr().includes('ATTACHED'), 120_000);
      assert.match(attach.stderr(), /ATTACHED RUNNING/);
      hold.release();
      const attached = await attach.result;
      const own = await run;
      assert.equal(own.code, 1, own.stderr);
      const mine = JSON.parse(own.stdout);
      assert.equal(attached.run_id, runId);
      assert.equal(attached.status, 'FAILURE');
      assert.deepEqual(attached.tasks, mine.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]));
      assert.deepEqual(attached.tasks, [['customers', 'FAILURE']]);
    } finally {
      hold.release();
    }
  });

  it('a direct run whose process dies mid-run is INCOMPLETE when attached to, its unfinished task ERROR', async () => {
    const hold = em.holdRequests({ method: 'POST', path: '/api/2.0/sql/statements', body: (b) => /^INSERT INTO `datapact`\.`results`\.`run_history`/.test(String(b.statement ?? '')) });
    const idFile = join(box.dir, 'run-id-killed');
    try {
      const run = cliAsync(['run', pact, '--task', 'orders', '--quiet', '--run-id-file', idFile], box.dir, env);
      await hold.arrived;
      await until('the run id file', () => existsSync(idFile));
      const runId = readFileSync(idFile, 'utf8').trim();
      run.child.kill('SIGKILL');
      await run;
      const engine = createEngine(resolveEngineConfig(loadPact(readFileSync(pact, 'utf8')).pact!.engine, pact), { env, homeDir: box.home });
      const handle = await engine.attach(runId, loadPact(readFileSync(pact, 'utf8')).pact!, { pactPath: pact });
      const result = await deadline(handle.result, 'the attached run to end');
      await engine.dispose();
      assert.equal(handle.snapshot().state, 'INCOMPLETE');
      assert.deepEqual(result.tasks.map((t) => [t.task_key, t.status]), [['orders', 'ERROR']]);
      assert.match(result.tasks[0]!.error ?? '', /its process is gone/);
    } finally {
      hold.release();
    }
  });
});

async function deadline<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Another process: attaches by id through the engine registry, says the state it found, then prints the result. */
function attachInAnotherProcess(pact: string, runId: string, env: Record<string, string>): { stderr: () => string; result: Promise<{ run_id: string; status: string; tasks: [string, string][] }> } {
  const script = `
    const { readFileSync } = require('node:fs');
    const core = require(${JSON.stringify(join(ROOT, 'core', 'src', 'index.ts'))});
    (async () => {
      const pactPath = process.argv[1], runId = process.argv[2];
      const { pact } = core.loadPact(readFileSync(pactPath, 'utf8'));
      const config = core.resolveEngineConfig(pact.engine, pactPath);
      const engine = core.createEngine(config, core.processEngineHost());
      const handle = await engine.attach(runId, pact, { pactPath });
      process.stderr.write('ATTACHED ' + handle.snapshot().state + '\\n');
      const result = await handle.result;
      await engine.dispose();
      process.stdout.write(JSON.stringify({ run_id: handle.runId, status: result.status, tasks: result.tasks.map((t) => [t.task_key, t.status]) }));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, pact, runId], { env: { ...env }, cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<{ run_id: string; status: string; tasks: [string, string][] }>((resolvePromise, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`attach process exited ${code}: ${err}`));
      else resolvePromise(JSON.parse(out));
    });
  });
  return { stderr: () => err, result };
}
