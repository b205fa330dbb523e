/**
 * "DataPact: Run Pact" / "Run Task" / "Cancel Run": start a run through the RunService (the Runs view, the editor,
 * the Test Explorer and the status bar follow it from the RunStore), show its progress as a cancellable
 * notification, and end with a summary. The language server never runs validations, so typing stays responsive.
 */
import { ProgressLocation, window, workspace, type TextDocument } from 'vscode';
import type { Ctx } from '../ctx';
import { runSummary } from '../runs/run-service';
import type { RunView } from '../runs/run-store';
import { optionalString, pactDocument } from './target';

export async function runPact(ctx: Ctx, uriArg?: unknown): Promise<RunView | undefined> {
  return run(ctx, await pactDocument(pactUri(uriArg)), undefined);
}

export async function runTask(ctx: Ctx, uriArg?: unknown, taskKeyArg?: unknown): Promise<RunView | undefined> {
  const node = taskNode(uriArg);
  const document = await pactDocument(node?.uri ?? uriArg);
  const taskKey = node?.taskKey ?? optionalString(taskKeyArg);
  if (!taskKey) throw new Error('Run Task needs a task: use the ▶ Run task lens above a task, or the Pacts view');
  return run(ctx, document, [taskKey]);
}

/** Starts the run and returns once it is final, with progress and a summary toast. */
export async function run(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined): Promise<RunView | undefined> {
  const started = await startRun(ctx, document, taskKeys);
  const label = taskKeys ? `task ${taskKeys.join(', ')}` : workspace.asRelativePath(document.uri);
  await window.withProgress(
    { location: ProgressLocation.Notification, title: `DataPact: running ${label}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => void ctx.runs.store.cancel(started.run.runId));
      const total = Math.max(started.run.tasks.length, 1);
      const subscription = ctx.runs.store.onDidChange((change) => {
        if (change.kind === 'task-finished' && change.run === started.run) {
          progress.report({ increment: 100 / total, message: change.result.task_key });
        }
      });
      await started.done.finally(() => subscription.dispose());
    },
  );
  const finished = started.run;
  const summary = runSummary(finished);
  const show = 'Show Output';
  const results = 'Show Results';
  const good = finished.state === 'FINISHED' && finished.status === 'SUCCESS';
  const notify = good ? window.showInformationMessage : window.showWarningMessage;
  const ended = finished.state === 'CANCELLED' ? ' (cancelled)' : finished.failure ? ` (${finished.failure})` : '';
  void notify(`DataPact ${label}: ${summary}.${ended}`, show, results).then((choice) => {
    if (choice === show) ctx.output.show(true);
    if (choice === results) void ctx.showResults(finished.runId);
  });
  return finished;
}

/** Starts a run of a pact document (saved first: the engine reads relative catalog paths from the file's folder). */
export async function startRun(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined) {
  if (document.isDirty) await document.save();
  const target = ctx.runs.target(document);
  if (taskKeys) {
    const unknown = taskKeys.filter((key) => !target.pact.validations.some((task) => task.task_key === key));
    if (unknown.length > 0) throw new Error(`${workspace.asRelativePath(document.uri)} has no task ${unknown.join(', ')}`);
  }
  return ctx.runs.start(target, taskKeys);
}

/** "DataPact: Cancel Run": the run of a Runs view item, else the only active run, else a pick among them. */
export async function cancelRun(ctx: Ctx, nodeArg?: unknown): Promise<void> {
  const active = ctx.runs.store.active();
  let runId = runIdOf(nodeArg);
  if (!runId) {
    if (active.length === 0) {
      void window.showInformationMessage('DataPact: no run is in progress.');
      return;
    }
    if (active.length === 1) runId = active[0]!.runId;
    else {
      const pick = await window.showQuickPick(active.map((r) => ({ label: workspace.asRelativePath(r.pactPath), description: `run ${r.runId}`, runId: r.runId })), { placeHolder: 'Which run should stop?' });
      runId = pick?.runId;
    }
  }
  if (!runId) return;
  const cancelled = await window.withProgress({ location: ProgressLocation.Notification, title: `DataPact: cancelling run ${runId}` }, () => ctx.runs.store.cancel(runId!));
  if (!cancelled) void window.showInformationMessage(`DataPact: run ${runId} is not in progress here.`);
}

/** A Runs or Pacts view item, or a URI. */
function pactUri(arg: unknown): unknown {
  if (arg && typeof arg === 'object' && 'kind' in arg && 'uri' in arg) return (arg as { uri: unknown }).uri;
  return arg;
}

function taskNode(arg: unknown): { uri: unknown; taskKey: string } | undefined {
  if (arg && typeof arg === 'object' && (arg as { kind?: unknown }).kind === 'task' && typeof (arg as { taskKey?: unknown }).taskKey === 'string') {
    const node = arg as { uri?: unknown; runId?: string; taskKey: string };
    return { uri: node.uri ?? undefined, taskKey: node.taskKey };
  }
  return undefined;
}

export function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { runId?: unknown }).runId === 'string') return (arg as { runId: string }).runId;
  return undefined;
}
