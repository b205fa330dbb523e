/**
 * Re-attaching after a window reload. Phase `workbench` ends by starting a run of the gated pact from the palette
 * (its `gated_orders` task cannot end before the outer test opens the gate) and hands its id to the outer test,
 * which reloads the window. Phase `reattach-check`: the new extension host must find that run through the local
 * run records and `Engine.attach` (the run went on in its own `datapact run` process, which the reload did not
 * end), show it live in the Runs tree, say so to the outer test (which then opens the gate), and follow it to its end.
 * Runs.json also holds two Databricks job runs of the lakehouse pact: one finished before either window opened,
 * which must come back finished (from run_history, never re-attached, no spinner, no progress notification), and
 * one the outer test holds in flight across the reload, which must be re-attached and spin until it ends.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DataPactApi } from '../../client/src/extension';
// The runs module alone: core's index would bring DuckDB's bindings into the runner bundle.
import { readLocalRuns } from '../../core/src/runs/local-runs';
import { test, waitFor } from './harness';

export function registerReattachSuite(api: DataPactApi, phase: string): void {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const gated = vscode.Uri.joinPath(folder, 'gated.pact.yml');
  const store = api.ctx.runs.store;
  const out = process.env.DATAPACT_INTEGRATION_OUT!;

  const lakehouse = vscode.Uri.joinPath(folder, 'lakehouse.pact.yml');
  const spins = (item: vscode.TreeItem) => item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'loading~spin';
  const runItem = async (runId: string) => {
    const node = (await api.runsTree.getChildren()).find((n) => n.kind === 'run' && n.runId === runId);
    return node ? api.runsTree.getTreeItem(node) : undefined;
  };
  /** The finished Databricks run of runs.json: shown finished from run_history, never followed as in flight. */
  const finishedStaysFinished = async () => {
    const runId = readFileSync(join(out, 'databricks-finished-run-id'), 'utf8').trim();
    assert.ok(readLocalRuns(lakehouse.fsPath).some((r) => r.run_id === runId), 'runs.json holds the finished run');
    const run = await waitFor(() => store.get(runId), (r) => !!r, `the finished run ${runId} in the store (from history)`, 60_000);
    assert.equal(run!.origin, 'history', 'a finished run is not re-attached');
    assert.equal(run!.state, 'FINISHED');
    assert.equal(run!.status, 'FAILURE');
    const item = await runItem(runId);
    assert.ok(item, 'the Runs tree shows it');
    assert.equal(spins(item!), false, 'a finished run does not spin');
  };

  if (phase === 'workbench') {
    test('a finished Databricks job run of runs.json shows finished when the window opens, not in flight', finishedStaysFinished);

    test('a run started from the palette is in flight when the window reloads', async () => {
      const known = new Set(store.list().map((r) => r.runId));
      await vscode.window.showTextDocument(gated);
      void vscode.commands.executeCommand('datapact.runPact');
      const run = await waitFor(() => store.list().find((r) => r.pactPath === gated.fsPath && !known.has(r.runId)), (r) => !!r, 'the gated run in the store');
      assert.equal(run!.state, 'RUNNING');
      assert.ok(readLocalRuns(gated.fsPath).some((r) => r.run_id === run!.runId), 'the run is in the local run records');
      writeFileSync(join(out, 'reattach-run-id'), run!.runId);
    });
  }

  if (phase === 'reattach-check') {
    test('past runs come back from the results history and open to their checks, numbers and sample keys', async () => {
      // The new window knows phase workbench's runs of the shop pact only through its results history.
      const shop = vscode.Uri.joinPath(folder, 'shop.pact.yml');
      const past = store.list().filter((r) => r.pactPath === shop.fsPath && r.origin === 'history' && r.tasks.some((t) => t.task_key === 'customers_match'));
      assert.ok(past.length > 0, `history runs of shop.pact.yml: ${store.list().map((r) => `${r.runId}:${r.origin}`).join(', ')}`);
      const runNode = (await api.runsTree.getChildren()).find((n) => n.kind === 'run' && n.runId === past[0]!.runId)!;
      assert.ok(runNode, 'the past run is in the Runs tree');
      const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
      const customers = (await api.runsTree.getChildren(runNode)).find((n) => label(api.runsTree.getTreeItem(n)) === 'customers_match')!;
      assert.match(String(api.runsTree.getTreeItem(customers).description), /^row count: off by 20% \(\+1 more failed\) · /);
      const checks = await api.runsTree.getChildren(customers);
      assert.deepEqual(checks.map((c) => label(api.runsTree.getTreeItem(c))), ['row count', 'row hash', 'rows compared']);
      assert.match(String(api.runsTree.getTreeItem(checks[1]!).description), /^FAIL · compared_rows 10, mismatch_count 0, missing_in_target 2/);
      const groups = await api.runsTree.getChildren(checks[1]);
      const keys = await api.runsTree.getChildren(groups[0]);
      assert.deepEqual(keys.map((k) => label(api.runsTree.getTreeItem(k))), ['customer_id=9', 'customer_id=10']);
    });

    test('after the reload only the Databricks job run in flight is re-attached and spins; the finished one does not', async () => {
      await finishedStaysFinished();
      const runId = readFileSync(join(out, 'databricks-running-run-id'), 'utf8').trim();
      const run = await waitFor(() => store.get(runId), (r) => !!r, `the Databricks run ${runId} in the store`, 60_000);
      assert.equal(run!.origin, 'attached');
      assert.equal(run!.state, 'RUNNING', 'the job run went on through the reload');
      assert.equal(spins((await runItem(runId))!), true, 'the run in flight spins');
      // Of the lakehouse runs, only the one in flight was re-attached (the others came from history).
      const attached = store.list().filter((r) => r.pactPath === lakehouse.fsPath && r.origin === 'attached').map((r) => r.runId);
      assert.deepEqual(attached, [runId]);
    }, { timeoutMs: 120_000 });

    test('after the reload the run in flight is re-attached, shown live, and ends', async () => {
      const runId = readFileSync(join(out, 'reattach-run-id'), 'utf8').trim();
      const run = await waitFor(() => store.get(runId), (r) => !!r, `run ${runId} in the store`, 60_000);
      assert.equal(run!.origin, 'attached');
      assert.equal(run!.state, 'RUNNING', 'the run went on through the reload');
      assert.equal(run!.tasks.find((t) => t.task_key === 'gated_orders')?.result, undefined, 'the gated task waits for the gate');
      const roots = await api.runsTree.getChildren();
      assert.ok(roots.some((n) => n.kind === 'run' && n.runId === runId), 'the Runs tree shows it');
      writeFileSync(join(out, 'reattach-seen'), runId); // the outer test opens the gate now
      await waitFor(() => run!.state, (s) => s === 'FINISHED' || s === 'CANCELLED' || s === 'INCOMPLETE', 'the attached run to end', 120_000);
      assert.equal(run!.state, 'FINISHED');
      assert.deepEqual(run!.tasks.map((t) => `${t.task_key}:${t.result?.status}`).sort(), ['gated_orders:SUCCESS', 'quick_orders:SUCCESS']);
    }, { timeoutMs: 180_000 });

    test('the re-attached Databricks job run ends with its results read from run_history', async () => {
      const runId = readFileSync(join(out, 'databricks-running-run-id'), 'utf8').trim();
      const run = store.get(runId)!;
      await waitFor(() => run.state, (s) => s === 'FINISHED' || s === 'CANCELLED' || s === 'INCOMPLETE', 'the Databricks run to end', 120_000);
      assert.equal(run.state, 'FINISHED');
      assert.deepEqual(run.tasks.map((t) => `${t.task_key}:${t.result?.status}`), ['orders:SUCCESS', 'customers:FAILURE']);
      assert.equal(spins((await runItem(runId))!), false, 'it stops spinning');
    }, { timeoutMs: 180_000 });
  }
}
