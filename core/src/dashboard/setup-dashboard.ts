/** `datapact dashboard <pact>` in core: sign in, find the warehouse and the user's folder, create or update, publish. */
import { dirname } from 'node:path';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import { ensureDashboard, type DashboardOutcome } from './ensure-dashboard';
import { requireWorkspaceEngine, resolveWarehouseId, userHome, type WorkspaceSession } from './workspace-session';

export async function setupDashboard(session: WorkspaceSession, config: ResolvedEngineConfig, pactPath: string): Promise<DashboardOutcome> {
  requireWorkspaceEngine(config, 'Dashboards');
  const host = await session.hostUrl();
  const warehouseId = await resolveWarehouseId(session.client, config.warehouse);
  const home = await userHome(session.client);
  return ensureDashboard(session.client, {
    pactFolder: dirname(pactPath),
    host,
    resultsTable: config.results_table,
    jobName: config.job_name,
    warehouseId,
    parentPath: `${home}/datapact/dashboards`,
  });
}
