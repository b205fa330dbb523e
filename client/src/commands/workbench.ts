/**
 * Commands behind the DataPact views' item actions and the status bar: open a task's SQL, reveal a task in its
 * pact, re-run a task, open a run's page, show the Runs view, refresh.
 */
import { commands, env, Range, Selection, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import type { Ctx } from '../ctx';
import { taskSpans } from '../editor/task-spans';
import { readText } from '../views/pacts-tree';
import { runIdOf, run } from './run';
import { previewSql } from './preview-sql';

/** A task of a Runs view item (run id + key) or a Pacts view item (uri + key), as the pact URI and the key. */
export function taskTarget(ctx: Ctx, arg: unknown): { uri: Uri; taskKey: string } {
  if (arg && typeof arg === 'object' && typeof (arg as { taskKey?: unknown }).taskKey === 'string') {
    const node = arg as { uri?: Uri; runId?: string; taskKey: string };
    if (node.uri) return { uri: node.uri, taskKey: node.taskKey };
    const pactPath = node.runId ? ctx.runs.store.get(node.runId)?.pactPath : undefined;
    if (pactPath) return { uri: Uri.file(pactPath), taskKey: node.taskKey };
  }
  throw new Error('choose a task in the Runs or Pacts view');
}

export async function openTaskSql(ctx: Ctx, arg: unknown): Promise<void> {
  const { uri, taskKey } = taskTarget(ctx, arg);
  await previewSql(ctx, uri, taskKey);
}

export async function revealTask(ctx: Ctx, arg: unknown): Promise<void> {
  const { uri, taskKey } = taskTarget(ctx, arg);
  const document = await workspace.openTextDocument(uri);
  const span = taskSpans(document.getText()).find((s) => s.taskKey === taskKey);
  const editor = await window.showTextDocument(document, { preview: true });
  if (!span) {
    void window.showWarningMessage(`DataPact: ${workspace.asRelativePath(uri)} has no task ${taskKey} any more.`);
    return;
  }
  const range = new Range(document.positionAt(span.keyStart), document.positionAt(span.keyEnd));
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function rerunTask(ctx: Ctx, arg: unknown): Promise<void> {
  const { uri, taskKey } = taskTarget(ctx, arg);
  await run(ctx, await workspace.openTextDocument(uri), [taskKey]);
}

/** Opens the run's page in its workspace (the engine's address: live runs and past job runs have one); returns it. */
export async function openRunPage(ctx: Ctx, arg: unknown): Promise<string> {
  const runId = runIdOf(arg);
  const url = runId ? ctx.runs.store.get(runId)?.url : undefined;
  if (!url) throw new Error('this run has no page to open (local runs and direct Databricks runs have none)');
  await env.openExternal(Uri.parse(url));
  return url;
}

export async function showRuns(): Promise<void> {
  await commands.executeCommand('datapact.runs.focus');
}

export async function refreshRuns(ctx: Ctx): Promise<void> {
  await ctx.refreshViews();
}

/** The text of a pact, for commands given a URI of a file that may not be open. */
export { readText };
