/**
 * The pact's Lakeview dashboard as an editor opens it: the id `datapact dashboard` remembered beside the pact, when
 * the dashboard still exists (one call); with `create`, set up as `datapact dashboard` does when missing (the name is
 * looked for first, so never a second dashboard). The Databricks plug-in's `dashboard`.
 */
import { dirname } from 'node:path';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { DashboardPage, EngineHost } from '../engines/engine-plugin';
import { dashboardDisplayName } from './dashboard-definition';
import { dashboardUrl, liveDashboardId } from './ensure-dashboard';
import { openWorkspaceSession } from './open-session';
import { setupDashboard } from './setup-dashboard';

export async function dashboardPage(config: ResolvedEngineConfig, host: EngineHost, pactPath: string, options: { create?: boolean } = {}): Promise<DashboardPage | undefined> {
  const session = await openWorkspaceSession(config, host);
  const workspaceUrl = await session.hostUrl();
  const title = dashboardDisplayName(config.job_name);
  const remembered = await liveDashboardId(session.client, dirname(pactPath), workspaceUrl, config.job_name);
  if (remembered) return page(workspaceUrl, remembered, title, 'found');
  if (!options.create) return undefined;
  const outcome = await setupDashboard(session, config, pactPath);
  return page(workspaceUrl, outcome.id, title, outcome.action);
}

/** The embeddable page of a Lakeview dashboard (what the workspace's Share → Embed gives). */
export function dashboardEmbedUrl(host: string, dashboardId: string): string {
  return `${host.replace(/\/+$/, '')}/embed/dashboardsv3/${encodeURIComponent(dashboardId)}`;
}

function page(host: string, id: string, title: string, action: DashboardPage['action']): DashboardPage {
  return { url: dashboardUrl(host, id), embedUrl: dashboardEmbedUrl(host, id), title, action };
}
