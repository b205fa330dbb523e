/** The command table: every `datapact.*` command and its handler. Titles live in ../command-ids.ts. */
import { ProgressLocation, Uri, window } from 'vscode';
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
import { pactPathOf } from './target';
import { openDashboard } from './dashboard';
import { openDemo } from './open-demo';

export const COMMANDS: Record<CommandId, CommandHandler> = {
  'datapact.runPact': runPact,
  'datapact.runTask': runTask,
  'datapact.cancelRun': cancelRun,
  'datapact.previewSql': previewSql,
  'datapact.openDashboard': openDashboard,
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
  'datapact.openDemo': openDemo,
};
