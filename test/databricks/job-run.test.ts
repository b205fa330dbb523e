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
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.equal(report.status ?? report.run?.status, 'SUCCESS', r.stdout);
    assert.deepEqual(em.state.jobs.createdNames, ['nightly checks']);
    const rows = await em.sql('SELECT task_key, status FROM datapact.results.run_history');
    assert.deepEqual(rows.map((x) => [x.task_key, x.status]), [['orders', 'SUCCESS']]);
    assert.match(r.stderr, /orders: running/);
  });
});
