/**
 * Creates DataPact's Lakeview dashboard for a job, or updates it in place: the id kept in the pact's local state is
 * checked first, then a dashboard of the same name is looked for; only when neither exists is one created. The
 * draft is then published, so the URL stays the same from one update to the next.
 */
import type { WorkspaceClient } from '@databricks/sdk-experimental';
import { dashboardDisplayName, serializedDashboard } from './dashboard-definition';
import { httpStatusOf, WorkspaceObjectState } from './workspace-state';
import { patchJson } from './workspace-patch';

export type LakeviewClient = Pick<WorkspaceClient, 'lakeview' | 'workspace' | 'apiClient'>;

export interface DashboardTarget {
  /** The pact file's folder (its `.datapact` keeps the dashboard id). */
  pactFolder: string;
  /** The workspace URL, for the dashboard's URL and the state key. */
  host: string;
  resultsTable: string;
  jobName: string;
  warehouseId: string;
  /** Workspace folder a new dashboard is created in (created when missing). */
  parentPath: string;
}

export interface DashboardOutcome {
  id: string;
  action: 'created' | 'updated';
  /** The published dashboard's page. */
  url: string;
}

export async function ensureDashboard(client: LakeviewClient, target: DashboardTarget): Promise<DashboardOutcome> {
  const state = new WorkspaceObjectState(target.pactFolder, target.host);
  const displayName = dashboardDisplayName(target.jobName);
  const fields = {
    display_name: displayName,
    serialized_dashboard: serializedDashboard({ resultsTable: target.resultsTable, jobName: target.jobName }),
    warehouse_id: target.warehouseId,
  };
  const existing = (await byRememberedId(client, state.get('dashboard', target.jobName))) ?? (await byName(client, displayName));
  let id: string;
  let action: DashboardOutcome['action'];
  if (existing) {
    await patchJson(client, `/api/2.0/lakeview/dashboards/${encodeURIComponent(existing)}`, {}, fields);
    [id, action] = [existing, 'updated'];
  } else {
    await client.workspace.mkdirs({ path: target.parentPath });
    const created = await client.lakeview.create({ dashboard: { ...fields, parent_path: target.parentPath } });
    if (!created.dashboard_id) throw new Error('the workspace created the dashboard but returned no dashboard_id');
    [id, action] = [created.dashboard_id, 'created'];
  }
  state.set('dashboard', target.jobName, id);
  // Viewers use their own data access (embed_credentials false): publishing never widens who can read the results.
  await client.lakeview.publish({ dashboard_id: id, embed_credentials: false, warehouse_id: target.warehouseId });
  return { id, action, url: dashboardUrl(target.host, id) };
}

export function dashboardUrl(host: string, dashboardId: string): string {
  return `${host.replace(/\/+$/, '')}/dashboardsv3/${encodeURIComponent(dashboardId)}/published`;
}

/**
 * The job's dashboard for a run's refresh task: the id `datapact dashboard` remembered beside the pact, when it
 * still exists and is not in the trash (one call; none when no dashboard was set up from this folder).
 */
export function liveDashboardId(client: Pick<WorkspaceClient, 'lakeview'>, pactFolder: string, host: string, jobName: string): Promise<string | undefined> {
  return byRememberedId(client, new WorkspaceObjectState(pactFolder, host).get('dashboard', jobName));
}

/** The remembered dashboard when it still exists and is not in the trash. */
async function byRememberedId(client: Pick<WorkspaceClient, 'lakeview'>, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  try {
    const found = await client.lakeview.get({ dashboard_id: id });
    return found.lifecycle_state === 'TRASHED' ? undefined : id;
  } catch (error) {
    if (httpStatusOf(error) === 404 || httpStatusOf(error) === 403) return undefined;
    throw error;
  }
}

async function byName(client: LakeviewClient, displayName: string): Promise<string | undefined> {
  for await (const dashboard of client.lakeview.list({ page_size: 100 })) {
    if (dashboard.display_name === displayName && dashboard.lifecycle_state !== 'TRASHED' && dashboard.dashboard_id) return dashboard.dashboard_id;
  }
  return undefined;
}

/** The job task that refreshes the dashboard after the run (the job builder appends it after `dependsOn`). */
export function dashboardRefreshTask(dashboardId: string, warehouseId: string, dependsOn: readonly string[]) {
  return {
    task_key: 'refresh_dashboard',
    depends_on: dependsOn.map((task_key) => ({ task_key })),
    // Refresh whatever the run's verdict: a failed run is what the dashboard must show.
    run_if: 'ALL_DONE' as const,
    dashboard_task: { dashboard_id: dashboardId, warehouse_id: warehouseId },
  };
}
