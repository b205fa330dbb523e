/**
 * The workbench's run store and its wording, driven by real DuckDB runs through a RunHandle: a run fills in task
 * by task, ends with every result remembered, history rows become past runs, cancel stops a slow run, and the
 * results view's model counts what the runs recorded.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { checkOutcomes, loadPact, resolveEngineConfig } from '../../../core/src/index';
import { engineAccess as openAccess, type RunTarget } from '../../../client/src/runs/engine-access';

// Runs start in the built CLI, detached, as the editor starts them (npm test builds dist/ first).
const engineAccess = openAccess(join(__dirname, '..', '..', '..', 'dist', 'cli.js'));
import { RunStore, type RunChange } from '../../../client/src/runs/run-store';
import { checkFigure, sampleGroups, taskFigure, taskVerdict, formatAgo } from '../../../client/src/runs/run-describe';
import { parseDatabricksProfiles } from '../../../client/src/settings/databricks-profiles';
import { resultsModel } from '../../../client/src/results/results-model';
import { createWorkbenchWorkspace, type WorkbenchWorkspace } from '../../e2e/workbench-workspace';

function targetOf(ws: WorkbenchWorkspace, name: string): RunTarget {
  const pactPath = join(ws.dir, name);
  const loaded = loadPact(readFileSync(pactPath, 'utf8'), { path: pactPath });
  assert.ok(loaded.pact, 'the fixture pact loads');
  return { pactPath, pact: loaded.pact, engineConfig: resolveEngineConfig(loaded.pact.engine, pactPath), overrides: {} };
}

describe('run store over real DuckDB runs', () => {
  let ws: WorkbenchWorkspace;
  before(async () => {
    ws = await createWorkbenchWorkspace({ slowRows: 500_000 });
  });
  after(() => ws.cleanup());

  async function waitUntil(done: () => boolean, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('fills a run in as tasks finish, then remembers each task result and the failing samples', async () => {
    const store = new RunStore();
    const changes: RunChange['kind'][] = [];
    store.onDidChange((change) => changes.push(change.kind));
    const target = targetOf(ws, ws.shopPact);
    const handle = await engineAccess.start(target);
    await store.track(handle, 'started');

    assert.deepEqual(changes.filter((k) => k === 'task-finished').length, 2);
    assert.equal(changes[0], 'run');
    assert.equal(changes.at(-1), 'run-finished');
    const [run] = store.list();
    assert.ok(run);
    assert.equal(run.state, 'FINISHED');
    assert.equal(run.status, 'FAILURE');
    assert.equal(run.runId, (await handle.result).run_id, 'the engine\'s run id names the run');
    const customers = store.lastResult(target.pactPath, 'customers_match');
    assert.equal(customers?.result.status, 'FAILURE');
    assert.equal(taskFigure(customers!.result), 'row count: off by 20% (+1 more failed)');
    assert.equal(taskVerdict(customers!.result), '✘ 2 checks failed');
    const rowHash = checkOutcomes(customers!.result.payload).find((c) => c.key === 'row_hash_validation')!;
    assert.equal(checkFigure(rowHash), '2 missing in target');
    assert.deepEqual(sampleGroups(rowHash), [{ kind: 'missing in target', keys: ['customer_id=9', 'customer_id=10'] }]);
    assert.equal(taskVerdict(store.lastResult(target.pactPath, 'orders_match')!.result), '✔ 3 checks passed');
  });

  it('reads past runs from the results history, without duplicating runs it already knows', async () => {
    const target = targetOf(ws, ws.shopPact);
    const store = new RunStore();
    const history = await engineAccess.history(target, 10);
    store.addHistory(target.pactPath, 'duckdb', history);
    store.addHistory(target.pactPath, 'duckdb', history);
    assert.equal(store.list().length, new Set(history.map((h) => h.run_id)).size);
    const past = store.list()[0]!;
    assert.equal(past.origin, 'history');
    assert.equal(past.status, 'FAILURE');
    assert.deepEqual(past.tasks.map((t) => `${t.task_key}:${t.result?.status}`).sort(), ['customers_match:FAILURE', 'orders_match:SUCCESS']);
    // A past run opens like a live one: tasks → checks with their numbers → sample keys.
    const failing = past.tasks.find((t) => t.task_key === 'customers_match')!.result!;
    assert.equal(taskFigure(failing), 'row count: off by 20% (+1 more failed)');
    const pastRowHash = checkOutcomes(failing.payload).find((c) => c.key === 'row_hash_validation')!;
    assert.equal(checkFigure(pastRowHash), '2 missing in target');
    assert.deepEqual(sampleGroups(pastRowHash), [{ kind: 'missing in target', keys: ['customer_id=9', 'customer_id=10'] }]);

    const model = resultsModel(store, target.pactPath);
    assert.equal(model.history.length, store.list().length);
    assert.deepEqual(model.history.at(-1), { runId: past.runId, startedAt: past.startedAt, passed: 1, failed: 1, errored: 0 });
    assert.deepEqual(model.failingTasks, [{ taskKey: 'customers_match', failedRuns: model.history.length, runs: model.history.length }]);
  });

  it('cancels a slow run: the run ends CANCELLED and its unfinished task is an ERROR, never a PASS', async () => {
    const store = new RunStore();
    const target = targetOf(ws, ws.slowPact);
    const handle = await engineAccess.start(target);
    const done = store.track(handle, 'started');
    const runId = store.list()[0]!.runId;
    await waitUntil(() => store.get(runId)?.tasks.find((t) => t.task_key === 'quick_orders')?.result !== undefined, 'quick_orders to finish');
    // A run the store follows is followed once: whoever else asks for it (the builder) gets the same handle.
    assert.equal(store.liveHandle(runId), handle);
    assert.equal(await store.cancel(runId), true);
    await done;
    assert.equal(store.liveHandle(runId), undefined, 'a final run has no live handle');
    const run = store.list()[0]!;
    assert.equal(run.state, 'CANCELLED');
    assert.equal(run.tasks.find((t) => t.task_key === 'slow_orders')?.result?.status, 'ERROR');
    assert.equal(await store.cancel(run.runId), false, 'a final run cannot be cancelled again');
  });

  it('re-attaches to a run in flight by id (as after a window reload) and follows it to its end', async () => {
    const target = targetOf(ws, ws.gatedPact);
    const started = await engineAccess.start(target);
    const first = new RunStore();
    void first.track(started, 'started');
    // The gated task cannot end before the gate opens: the run is in flight for as long as this test needs.
    await waitUntil(() => first.get(started.runId)?.tasks.find((t) => t.task_key === 'quick_orders')?.result !== undefined, 'quick_orders to finish');
    const second = new RunStore();
    const attached = await engineAccess.attach(target, started.runId);
    assert.equal(attached.runId, started.runId);
    assert.equal(attached.snapshot().state, 'RUNNING', 'the run is still in flight');
    const followed = second.track(attached, 'attached');
    assert.equal(second.get(started.runId)?.tasks.find((t) => t.task_key === 'gated_orders')?.result, undefined);
    const gate = ws.openGate();
    try {
      await followed;
    } finally {
      gate.close();
    }
    const run = second.get(started.runId)!;
    assert.equal(run.origin, 'attached');
    assert.equal(run.state, 'FINISHED');
    assert.deepEqual(run.tasks.map((t) => `${t.task_key}:${t.result?.status}`), ['quick_orders:SUCCESS', 'gated_orders:SUCCESS']);
    await started.result;
  });

  it('a run that cannot start says why, in the words of `datapact run`', async () => {
    const pactPath = join(ws.dir, 'unnamed-catalog.pact.yml');
    writeFileSync(pactPath, readFileSync(join(ws.dir, ws.shopPact), 'utf8').replace('source_catalog: src', 'source_catalog: elsewhere'));
    await assert.rejects(engineAccess.start(targetOf(ws, 'unnamed-catalog.pact.yml')), (error: Error) => {
      assert.match(error.message, /^the pact reads catalog "elsewhere", which engine\.catalogs does not name/);
      return true;
    });
  });

  it('keeps last results across a reload through export and import', () => {
    const store = new RunStore();
    store.importLastResults({ '/p.pact.yml': { t: { runId: '1', result: { task_key: 't', status: 'SUCCESS', payload: null, started_at: 'a', finished_at: 'b' } } }, junk: 5 });
    assert.equal(store.lastResult('/p.pact.yml', 't')?.result.status, 'SUCCESS');
    assert.deepEqual(Object.keys(store.exportLastResults()), ['/p.pact.yml']);
  });
});

describe('wording', () => {
  it('says how long ago', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(formatAgo('2026-01-01T11:59:30Z', now), 'just now');
    assert.equal(formatAgo('2026-01-01T11:57:00Z', now), '3 min ago');
    assert.equal(formatAgo('2026-01-01T09:00:00Z', now), '3 h ago');
  });

  it('reads ~/.databrickscfg profiles and how each signs in, keeping no secret', () => {
    const profiles = parseDatabricksProfiles(`[DEFAULT]\nhost = https://a.example\ntoken = dapi123\n\n[cli]\nhost = https://b.example\nauth_type = databricks-cli\n; comment\n[sp]\nhost=https://c.example\nclient_id=x\nclient_secret=y\n[bare]\nhost = https://d.example\n`);
    assert.deepEqual(profiles, [
      { name: 'DEFAULT', host: 'https://a.example', auth: 'token' },
      { name: 'cli', host: 'https://b.example', auth: 'databricks-cli' },
      { name: 'sp', host: 'https://c.example', auth: 'oauth-m2m' },
      { name: 'bare', host: 'https://d.example', auth: 'databricks-cli' },
    ]);
    assert.ok(!JSON.stringify(profiles).includes('dapi123'));
  });
});
