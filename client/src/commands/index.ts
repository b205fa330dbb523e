/** The command table: every `datapact.*` command and its handler. Titles live in ../command-ids.ts. */
import { ProgressLocation, Uri, window, workspace } from 'vscode';
import type { CommandId } from '../command-ids';
import type { CommandHandler } from '../ctx';
import { requireClient } from '../ctx';
import { RefreshCatalogRequest } from '../../../protocol/protocol';
import { previewSql } from './preview-sql';
import { cancelRun, runIdOf, runPact, runTask } from './run';
import { selectProfile, selectWarehouse } from './settings';
import { openBuilder } from '../builder/builder-panel';
import { initPactFromSchema } from './init-pact';
import { setUpAlert } from './set-up-alert';
import { openRunPage, openTaskSql, refreshRuns, rerunTask, revealTask, showRuns } from './workbench';
import { pactDocument } from './target';

export const COMMANDS: Record<CommandId, CommandHandler> = {
  'datapact.runPact': runPact,
  'datapact.runTask': runTask,
  'datapact.cancelRun': cancelRun,
  'datapact.previewSql': previewSql,
  'datapact.openDashboard': async (ctx, arg) => {
    const pactPath = await pactPathOf(ctx, arg);
    await ctx.showResults(undefined, pactPath);
  },
  'datapact.showResults': async (ctx, arg) => {
    const runId = runIdOf(arg);
    await ctx.showResults(runId, runId ? undefined : await pactPathOf(ctx, arg));
  },
  'datapact.selectProfile': selectProfile,
  'datapact.selectWarehouse': selectWarehouse,
  'datapact.refreshCatalog': async (ctx) => {
    const client = requireClient(ctx);
    const answer = await window.withProgress({ location: ProgressLocation.Window, title: 'DataPact: refreshing catalogs' }, () =>
      client.sendRequest(RefreshCatalogRequest.type, {}));
    void window.showInformationMessage(`DataPact: catalogs refreshed (${answer.dropped} cached catalog${answer.dropped === 1 ? '' : 's'} dropped); open pacts are checked again.`);
    return answer;
  },
  'datapact.showOutput': (ctx) => ctx.output.show(),
  'datapact.showRuns': showRuns,
  'datapact.refreshRuns': refreshRuns,
  'datapact.newPact': (ctx) => openBuilder(ctx),
  'datapact.openInBuilder': async (ctx, arg) => openBuilder(ctx, Uri.file(await pactPathOf(ctx, arg))),
  'datapact.initPact': initPactFromSchema,
  'datapact.setUpAlert': setUpAlert,
  'datapact.openTaskSql': openTaskSql,
  'datapact.revealTask': revealTask,
  'datapact.rerunTask': rerunTask,
  'datapact.openRunPage': openRunPage,
};

/** The pact a command is about: a view item's, a URI, else the active pact editor's. */
async function pactPathOf(_ctx: unknown, arg: unknown): Promise<string> {
  if (arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri) return (await pactDocument((arg as { uri: unknown }).uri)).uri.fsPath;
  if (typeof arg === 'string' && !/^\d+$/.test(arg)) return (await pactDocument(arg)).uri.fsPath;
  const active = window.activeTextEditor?.document;
  if (active?.languageId === 'datapact') return active.uri.fsPath;
  const files = await workspace.findFiles('**/{*.pact.yml,*.pact.yaml,datapact*.yml,datapact*.yaml}', '**/node_modules/**', 2);
  if (files.length === 1) return files[0]!.fsPath;
  throw new Error('open a pact file (*.pact.yml) first');
}
