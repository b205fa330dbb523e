/**
 * "DataPact: Run Pact" / "Run Task" / "Cancel Run": start a run through the RunService (the Runs view, the editor,
 * the Test Explorer and the status bar follow it from the RunStore), show its progress as a cancellable
 * notification, and end with a summary. The language server never runs validations, so typing stays responsive.
 */
import { ProgressLocation, window, workspace, type TextDocument } from 'vscode';
import type { Ctx } from '../ctx';
import { runSummary } from '../runs/run-service';
import type { RunView } from '../runs/run-store';
import type { RunHandle } from '../../../core/src/index';
import { optionalString, pactDocument } from './target';
import { offerProfileHelp, profileCanHelp } from './sign-in-help';

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
  let started: StartedRun;
  try {
    started = await startRun(ctx, document, taskKeys);
  } catch (error) {
    if (!offerHelpToStart(ctx, document, taskKeys, error)) throw error;
    return undefined;
  }
  return followToEnd(ctx, document, taskKeys, started);
}

/**
 * The builder's Run: started and followed exactly as Run Pact (the Runs view, the cancellable progress notification,
 * the summary), without waiting for the end — the builder's page follows the same run through the handle returned.
 * A run that cannot start rejects with its message (for the page), after offering Select Profile as Run Pact does.
 */
export async function startFollowedRun(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined): Promise<RunHandle> {
  let started: StartedRun;
  try {
    started = await startRun(ctx, document, taskKeys);
  } catch (error) {
    offerHelpToStart(ctx, document, taskKeys, error);
    throw error;
  }
  void followToEnd(ctx, document, taskKeys, started);
  return started.handle;
}

type StartedRun = Awaited<ReturnType<typeof startRun>>;

function labelOf(document: TextDocument, taskKeys: string[] | undefined): string {
  return taskKeys ? `task ${taskKeys.join(', ')}` : workspace.asRelativePath(document.uri);
}

/** When a sign-in failure stopped the start, offers Select Profile, then Run Again; false when that cannot help. */
function offerHelpToStart(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined, error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (!profileCanHelp(engineConfigOf(ctx, document), message)) return false;
  // The person answers the message (pick a profile, run again) while the command itself ends here.
  void offerProfileHelp(ctx, `${labelOf(document, taskKeys)} did not start`, message, () => run(ctx, document, taskKeys));
  return true;
}

/** The cancellable progress until the run is final, then the summary (or Select Profile when a sign-in stopped it). */
async function followToEnd(ctx: Ctx, document: TextDocument, taskKeys: string[] | undefined, started: StartedRun): Promise<RunView> {
  const label = labelOf(document, taskKeys);
  await followWithProgress(ctx, started.run, started.done, `DataPact: running ${label}`);
  const finished = started.run;
  if (finished.failure && profileCanHelp(engineConfigOf(ctx, document), finished.failure)) {
    void offerProfileHelp(ctx, `${label} stopped`, finished.failure, () => run(ctx, document, taskKeys));
    return finished;
  }
  announceEnd(ctx, finished, label);
  return finished;
}

/** How long a re-attached run must still be going before it gets a notification (see followReattached). */
const REATTACH_NOTICE_AFTER_MS = 2_000;

/**
 * A run re-attached after a window reload: the same cancellable progress as a run started here, then the same
 * summary. Only for a run still going: an engine may have to look before it knows that a recorded run already
 * ended (a Databricks job run is asked once), and such a run ends at once without a notification.
 */
export async function followReattached(ctx: Ctx, view: RunView, done: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const endedAtOnce = await Promise.race([
    done.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REATTACH_NOTICE_AFTER_MS))),
  ]);
  clearTimeout(timer);
  if (endedAtOnce) return;
  const label = view.taskKeys ? `task ${view.taskKeys.join(', ')}` : workspace.asRelativePath(view.pactPath);
  await followWithProgress(ctx, view, done, `DataPact: running ${label} (re-attached)`);
  announceEnd(ctx, view, label);
}

/** The summary toast of a final run, with Show Output and Show Results. */
function announceEnd(ctx: Ctx, finished: RunView, label: string): void {
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
}

/**
 * A cancellable progress notification that follows a run in the store until `done`: one step per finished task.
 * Runs started here and runs re-attached after a window reload show the same.
 */
export async function followWithProgress(ctx: Ctx, view: RunView, done: Promise<void>, title: string): Promise<void> {
  await window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => void ctx.runs.store.cancel(view.runId));
      const total = Math.max(view.tasks.length, 1);
      const finished = view.tasks.filter((t) => t.result).length;
      if (finished > 0) progress.report({ increment: (100 * finished) / total, message: `${finished} of ${total} tasks done` });
      const subscription = ctx.runs.store.onDidChange((change) => {
        if (change.kind === 'task-finished' && change.run === view) {
          progress.report({ increment: 100 / total, message: change.result.task_key });
        }
      });
      await done.finally(() => subscription.dispose());
    },
  );
}

/** The pact's engine configuration (settings applied), or undefined when the pact has errors. */
function engineConfigOf(ctx: Ctx, document: TextDocument) {
  try {
    return ctx.runs.target(document).engineConfig;
  } catch {
    return undefined;
  }
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
