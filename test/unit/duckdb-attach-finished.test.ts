/**
 * A local run that ended, recorded in `.datapact/runs.json`, attaches final at once (a window reload re-attaches
 * every run of runs.json: a finished one must not come back as in flight): its snapshot FINISHED with each task's
 * recorded result, its result without a read of the store after attaching; `datapact runs` lists it FINISHED.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine, loadPact, readLocalRuns, resolveEngineConfig } from '../../core/src/index';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

describe('a finished DuckDB run of runs.json attaches final', () => {
  let fx: EngineFixture;
  let pact: string;
  let runId: string;
  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    pact = writePact(fx, 'ended.pact.yml', {
      engine: duckdbEngine(),
      validations: [taskYaml('orders_count', 'orders', { count_tolerance: 0 }), taskYaml('customers_count', 'customers', { count_tolerance: 0.05 })],
    });
    const r = cli(['run', pact, '--format', 'json'], fx.dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    runId = String((JSON.parse(r.stdout) as { run_id: string }).run_id);
    assert.ok(readLocalRuns(pact).some((x) => x.run_id === runId), 'runs.json holds the run');
  });
  after(() => fx?.cleanup());

  it('the handle is FINISHED from the start, with the recorded results; `datapact runs` says FINISHED', async () => {
    const loaded = loadPact(readFileSync(pact, 'utf8')).pact!;
    const engine = createEngine(resolveEngineConfig(loaded.engine, pact));
    try {
      const handle = await engine.attach(runId, loaded, { pactPath: pact });
      const snapshot = handle.snapshot();
      assert.equal(snapshot.state, 'FINISHED');
      assert.deepEqual(snapshot.tasks.map((t) => [t.task_key, t.state]), [['orders_count', 'DONE'], ['customers_count', 'DONE']]);
      const ran = JSON.parse(cli(['history', pact, '--format', 'json'], fx.dir).stdout) as { runs: { run_id: string; task_key: string; status: string }[] };
      const recorded = ran.runs.filter((r) => String(r.run_id) === runId).map((r) => `${r.task_key}:${r.status}`).sort();
      assert.deepEqual(snapshot.tasks.map((t) => `${t.task_key}:${t.result?.status}`).sort(), recorded);
      assert.equal(snapshot.status, (await handle.result).status);
    } finally {
      await engine.dispose();
    }
    const listed = cli(['runs', pact, '--format', 'json'], fx.dir);
    assert.equal(listed.code, 0, listed.stderr);
    const runs = (JSON.parse(listed.stdout) as { runs: { run_id: string; state: string }[] }).runs;
    assert.deepEqual(runs.map((r) => [String(r.run_id), r.state]), [[runId, 'FINISHED']]);
  });
});
