/**
 * `datapact run --engine databricks` end to end: the built CLI against the workspace emulator (real HTTP through the
 * official SDK; SQL executed on DuckDB), with a temporary HOME and only the environment each test gives it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

describe('datapact run on Databricks (job)', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
    box = sandbox();
    env = cleanEnv(box.home, em.env());
  });
  after(async () => {
    await em.close();
    box.close();
  });

  it('a passing pact: exit 0, the job created once, task files uploaded, every row recorded', async () => {
    const pact = writePact(box.dir, 'pass.pact.yml', {
      engine: databricksEngine(),
      validations: [taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true, null_validation_columns: ['status'], null_validation_tolerance: 0 })],
    });
    // The task stays RUNNING until a poll has reported it so: the line for that transition is certain to be due.
    const hold = em.holdTaskRunning('orders', { untilPolled: true });
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env).finally(() => hold.release());
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.equal(report.status ?? report.run?.status, 'SUCCESS', r.stdout);
    assert.deepEqual(em.state.jobs.createdNames, ['nightly checks']);
    const rows = await em.sql('SELECT task_key, status FROM datapact.results.run_history');
    assert.deepEqual(rows.map((x) => [x.task_key, x.status]), [['orders', 'SUCCESS']]);
    // A line per task state change, in order. Whether a poll lands before the task starts is up to timing,
    // so a pending/blocked line may or may not come first; the held RUNNING state is certain to be seen.
    assert.match(r.stderr, /^(?:(?!orders: terminated)[\s\S])*orders: running\n[\s\S]*orders: terminated success/);
  });

  it('a failing pact: exit 1, the failing check reported; a missing table is ERROR while the others complete; a task that wrote no row is ERROR', async () => {
    em.taskFault('silent', 'no-row');
    const pact = writePact(box.dir, 'fail.pact.yml', {
      engine: databricksEngine({ job_name: 'failing checks' }),
      validations: [
        taskYaml('orders', 'orders', { count_tolerance: 0 }),
        taskYaml('customers', 'customers', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true }),
        taskYaml('missing', 'no_such_table', { count_tolerance: 0 }),
        taskYaml('silent', 'orders', { count_tolerance: 0 }),
      ],
    });
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
    em.taskFault('silent', undefined);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    const byKey = Object.fromEntries(report.tasks.map((t: { task_key: string }) => [t.task_key, t]));
    assert.equal(byKey.orders.status, 'SUCCESS');
    assert.equal(byKey.customers.status, 'FAILURE');
    assert.equal(byKey.customers.payload.count_validation.status, 'FAIL');
    assert.equal(byKey.customers.payload.count_validation.source_count, 4);
    assert.equal(byKey.customers.payload.count_validation.target_count, 3);
    assert.equal(byKey.customers.payload.row_hash_validation.status, 'FAIL');
    assert.equal(byKey.missing.status, 'ERROR');
    assert.match(byKey.missing.error, /no_such_table|TABLE_OR_VIEW_NOT_FOUND/);
    assert.equal(byKey.silent.status, 'ERROR');
    assert.match(byKey.silent.error, /recorded no row/);
    assert.equal(report.status, 'ERROR');
    const alerts = await em.sql(`SELECT failed_task_keys FROM datapact.results.alert_history WHERE job_name = 'failing checks'`);
    assert.equal(alerts.length, 1);
  });

  it('a re-run resets the job in place (never a second job of the name) within tasks + 10 calls besides polling', async () => {
    const pact = writePact(box.dir, 'rerun.pact.yml', {
      engine: databricksEngine({ job_name: 'rerun job' }),
      validations: [taskYaml('orders', 'orders', { count_tolerance: 0 }), taskYaml('orders_again', 'orders', { count_tolerance: 0 })],
    });
    const first = await cliAsync(['run', pact], box.dir, env);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    const before = em.state.calls.length;
    const second = await cliAsync(['run', pact], box.dir, env);
    assert.equal(second.code, 0, second.stderr + second.stdout);
    assert.equal(em.state.jobs.createdNames.filter((n) => n === 'rerun job').length, 1);
    const calls = em.state.calls.slice(before).filter((c) => !isPoll(c.method, c.path));
    assert.ok(calls.some((c) => c.path.endsWith('/jobs/reset')), 'the job was reset');
    assert.ok(calls.length <= 2 + 10, `${calls.length} calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
    // A job renamed in the workspace is not taken over: the stored id no longer names it, so the run looks by name.
    const stored = JSON.parse(readFileSync(join(box.dir, '.datapact', 'databricks-jobs.json'), 'utf8'));
    assert.equal(Object.keys(stored).filter((k) => k.endsWith(' rerun job')).length, 1);
  });
});

/** Polling: job run status, statement status and result chunks, warehouse state. */
function isPoll(method: string, path: string): boolean {
  return method === 'GET' && (/\/jobs\/runs\/get$/.test(path) || /\/sql\/statements\/[^/]+/.test(path) || /\/sql\/warehouses\/[^/]+$/.test(path));
}
