/**
 * "DataPact: Run Pact" / "Run Task": runs the pact on its engine (in the extension host, through core), streams a
 * line per finished task to the DataPact output, and ends with a notification. The language server never runs
 * validations, so typing stays responsive while a run goes on.
 */
import { ProgressLocation, window, workspace, type TextDocument } from 'vscode';
import {
  createEngine,
  loadPact,
  processEngineHost,
  resolveEngineConfig,
  startRun,
  taskLine,
  type EngineRunResult,
} from '../../../core/src/index';
import { normaliseSettings } from '../config';
import type { Ctx } from '../ctx';
import { optionalString, pactDocument } from './target';

export async function runPact(ctx: Ctx, uriArg?: unknown): Promise<EngineRunResult | undefined> {
  return run(ctx, await pactDocument(uriArg), undefined);
}

export async function runTask(ctx: Ctx, uriArg?: unknown, taskKeyArg?: unknown): Promise<EngineRunResult | undefined> {
  const document = await pactDocument(uriArg);
  const taskKey = optionalString(taskKeyArg);
  if (!taskKey) throw new Error('Run Task needs a task key (use the code lens above a task)');
  return run(ctx, document, [taskKey]);
}

async function run(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined): Promise<EngineRunResult | undefined> {
  // The engine reads the pact as the editor shows it; relative catalog paths need the file's real location.
  if (document.isDirty) await document.save();
  const path = document.uri.fsPath;
  const loaded = loadPact(document.getText(), { path });
  if (!loaded.pact) {
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    throw new Error(`${workspace.asRelativePath(document.uri)} has ${errors} error(s); fix them before running (see Problems)`);
  }
  const config = workspace.getConfiguration('datapact', document.uri);
  const settings = normaliseSettings((key) => config.get(key));
  const engineConfig = resolveEngineConfig(loaded.pact.engine, path, { type: settings.engine || undefined });

  const label = taskKeys ? `task ${taskKeys[0]}` : workspace.asRelativePath(document.uri);
  ctx.output.appendLine(`Running ${label} on ${engineConfig.type}…`);
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: `DataPact: running ${label}`, cancellable: true },
    async (progress, token) => {
      const engine = createEngine(engineConfig, processEngineHost((line) => ctx.output.appendLine(line)));
      try {
        const handle = await startRun(engine, loaded.pact!, { pactPath: path, ...(taskKeys ? { taskKeys } : {}) }, (line) =>
          ctx.output.appendLine(line),
        );
        ctx.output.appendLine(`Run ${handle.runId} started.`);
        const total = handle.snapshot().tasks.length;
        const cancelling = token.onCancellationRequested(() => void handle.cancel());
        const listening = handle.onEvent((event) => {
          if (event.kind !== 'task-finished') return;
          ctx.output.append(taskLine(event.result));
          progress.report({ increment: 100 / Math.max(total, 1), message: event.result.task_key });
        });
        try {
          return await handle.result;
        } finally {
          cancelling.dispose();
          listening.dispose();
        }
      } finally {
        await engine.dispose();
      }
    },
  );
  const counts = (['SUCCESS', 'FAILURE', 'ERROR'] as const).map(
    (status) => result.tasks.filter((t) => t.status === status).length,
  );
  const summary = `${counts[0]} passed, ${counts[1]} failed, ${counts[2]} errored`;
  // Never claim rows that were not written (a store that failed mid-run).
  const where = result.unrecorded
    ? `not recorded for ${result.unrecorded.taskKeys.join(', ') || 'the run'} (${result.unrecorded.reason})`
    : `results in ${result.resultsLocation}`;
  ctx.output.appendLine(`Run ${result.run_id}: ${result.status} (${summary}); ${where}`);
  const show = 'Show Output';
  const notify = result.status === 'SUCCESS' ? window.showInformationMessage : window.showWarningMessage;
  void notify(`DataPact ${label}: ${summary}.`, show).then((choice) => {
    if (choice === show) ctx.output.show(true);
  });
  return result;
}

