/**
 * "DataPact: Open Dashboard": the pact's workspace dashboard in a webview (dashboard-panel.ts), found through the
 * pact's engine plug-in; when none is set up yet, "Set Up Dashboard" sets one up (as `datapact dashboard` does). An
 * engine without dashboards (DuckDB) opens the results view instead. A failure to sign in offers Select Profile.
 */
import { ProgressLocation, Uri, window, workspace } from 'vscode';
import type { DashboardPage } from '../../../core/src/index';
import type { Ctx } from '../ctx';
import { offerProfileHelp, profileCanHelp } from './sign-in-help';
import { pactPathOf } from './target';

const SET_UP = 'Set Up Dashboard';
const SHOW_RESULTS = 'Show Results';

export async function openDashboard(ctx: Ctx, arg?: unknown): Promise<DashboardPage | undefined> {
  const pactPath = await pactPathOf(ctx, arg);
  const target = ctx.runs.target(await workspace.openTextDocument(Uri.file(pactPath)));
  if (!ctx.runs.access.hasDashboards(target)) {
    await ctx.showResults(undefined, pactPath);
    return undefined;
  }
  const name = workspace.asRelativePath(pactPath);
  try {
    let page = await window.withProgress({ location: ProgressLocation.Notification, title: `DataPact: looking for the dashboard of ${name}` },
      () => ctx.runs.access.dashboard(target));
    if (!page) {
      const choice = await window.showInformationMessage(
        `DataPact: no dashboard is set up for ${name} (job ${target.engineConfig.job_name}) yet. Set one up in the workspace?`, SET_UP, SHOW_RESULTS);
      if (choice === SHOW_RESULTS) await ctx.showResults(undefined, pactPath);
      if (choice !== SET_UP) return undefined;
      page = await window.withProgress({ location: ProgressLocation.Notification, title: `DataPact: setting up the dashboard of ${name}` },
        () => ctx.runs.access.dashboard(target, { create: true }));
      if (!page) throw new Error('the workspace set up no dashboard');
      ctx.output.appendLine(`Dashboard ${page.action === 'created' ? 'created' : 'updated'}: ${page.url}`);
    }
    ctx.showDashboard({ pactPath, title: page.title, url: page.url, embedUrl: page.embedUrl });
    return page;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!profileCanHelp(target.engineConfig, message)) throw error;
    void offerProfileHelp(ctx, 'the dashboard cannot be opened', message, () => openDashboard(ctx, Uri.file(pactPath)));
    return undefined;
  }
}
