/**
 * Re-attaching after a window reload. Phase `workbench` ends by starting a run of the gated pact from the palette
 * (its `gated_orders` task cannot end before the outer test opens the gate) and hands its id to the outer test,
 * which reloads the window. Phase `reattach-check`: the new extension host must find that run through the local
 * run records and `Engine.attach` (the run went on in its own `datapact run` process, which the reload did not
 * end), show it live in the Runs tree, say so to the outer test (which then opens the gate), and follow it to its end.
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

  if (phase === 'workbench') {
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
  }
}
