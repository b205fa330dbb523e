/** The Lakeview dashboard as code (re-exported by the core barrel). */
export * from './lakeview-types';
export { dashboardDatasets, type DatasetSpec, type DatasetOptions } from './datasets';
export { dashboardDefinition, dashboardDisplayName, serializedDashboard, type DashboardOptions } from './dashboard-definition';
export { ensureDashboard, dashboardUrl, dashboardRefreshTask, type DashboardTarget, type DashboardOutcome, type LakeviewClient } from './ensure-dashboard';
export { WorkspaceObjectState, type WorkspaceObjectKind } from './workspace-state';
export { patchJson, WorkspaceCallError } from './workspace-patch';
export { requireWorkspaceEngine, resolveWarehouseId, userHome, type WorkspaceSession } from './workspace-session';
export { openWorkspaceSession } from './open-session';
export { setupDashboard } from './setup-dashboard';
export { dashboardPage, dashboardEmbedUrl } from './dashboard-page';
