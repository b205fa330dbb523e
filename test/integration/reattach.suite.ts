/**
 * Re-attaching after a window reload, in two extension hosts: `reattach-start` starts a slow run and leaves it
 * going; the outer test reloads the window; `reattach-check` (the new host) must find that run through the local
 * run records and `Engine.attach`, show it live in the Runs tree and see it end.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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

  if (phase === 'reattach-start') {
    test('a slow run starts and is recorded in .datapact/runs.json', async () => {
      void vscode.commands.executeCommand('datapact.runPact', slow);
      const run = await waitFor(() => store.active()[0], (r) => !!r && r.tasks.some((t) => t.result), 'the slow run to finish its quick task', 60_000);
      const records = readLocalRuns(slow.fsPath);
      assert.ok(records.some((r) => r.run_id === run!.runId), 'the run is recorded');
      writeFileSync(join(out, 'reattach-run-id'), run!.runId);
    });
  }

  if (phase === 'reattach-check') {
    test('after the reload the run in flight is re-attached, shown live, and ends', async () => {
      const { readFileSync } = await import('node:fs');
      const runId = readFileSync(join(out, 'reattach-run-id'), 'utf8').trim();
      const run = await waitFor(() => store.get(runId), (r) => !!r, `run ${runId} in the store`, 60_000);
      assert.equal(run!.origin, 'attached');
      const roots = await api.runsTree.getChildren();
      assert.ok(roots.some((n) => n.kind === 'run' && n.runId === runId), 'the Runs tree shows it');
      await waitFor(() => run!.state, (s) => s === 'FINISHED' || s === 'CANCELLED', 'the attached run to end', 120_000);
      assert.equal(run!.tasks.length, 2);
      assert.ok(run!.tasks.every((t) => t.result), 'every task has its result');
    }, { timeoutMs: 180_000 });
  }
}
