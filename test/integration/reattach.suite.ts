/**
 * Re-attaching after a window reload: the outer test starts a slow run outside the window (the CLI, which records it
 * in `.datapact/runs.json`) and reloads the window; the new extension host must find that run through the local
 * run records and `Engine.attach`, show it live in the Runs tree and follow it to its end. (A DuckDB run started
 * inside the window runs in its extension host, so a reload ends it: attached again, it shows as INCOMPLETE.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DataPactApi } from '../../client/src/extension';
// The runs module alone: core's index would bring DuckDB's bindings into the runner bundle.
import { readLocalRuns } from '../../core/src/runs/local-runs';
import { test, waitFor } from './harness';

export function registerReattachSuite(api: DataPactApi, phase: string): void {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const slow = vscode.Uri.joinPath(folder, 'slow.pact.yml');
  const store = api.ctx.runs.store;
  const out = process.env.DATAPACT_INTEGRATION_OUT!;

  if (phase === 'reattach-check') {
    test('after the reload the run in flight is re-attached, shown live, and ends', async () => {
      const runId = readFileSync(join(out, 'reattach-run-id'), 'utf8').trim();
      const run = await waitFor(() => store.get(runId), (r) => !!r, `run ${runId} in the store`, 60_000);
      assert.equal(run!.origin, 'attached');
      const roots = await api.runsTree.getChildren();
      assert.ok(roots.some((n) => n.kind === 'run' && n.runId === runId), 'the Runs tree shows it');
      await waitFor(() => run!.state, (s) => s === 'FINISHED' || s === 'CANCELLED', 'the attached run to end', 120_000);
      assert.equal(run!.state, 'FINISHED');
      assert.deepEqual(run!.tasks.map((t) => `${t.task_key}:${t.result?.status}`).sort(), ['quick_orders:SUCCESS', 'slow_orders:SUCCESS']);
      assert.ok(readLocalRuns(slow.fsPath).some((r) => r.run_id === runId), 'the run came from the local run records');
    }, { timeoutMs: 180_000 });
  }
}
