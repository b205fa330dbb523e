/** Lakeview (AI/BI) dashboards. */
import type { EmulatorContext } from '../context';
import type { Router } from '../router';

export interface Dashboard {
  dashboardId: string;
  displayName: string;
  parentPath: string;
  serialized: string;
  warehouseId?: string;
  etag: number;
  lifecycle: 'ACTIVE' | 'TRASHED';
  createTime: string;
  updateTime: string;
  published?: { embedCredentials: boolean; warehouseId?: string; revisionCreateTime: string };
}

export class DashboardStore {
  readonly byId = new Map<string, Dashboard>();
  /** Dashboard ids refreshed by dashboard_task runs, in order. */
  readonly refreshed: string[] = [];
}

export function lakeviewRoutes(_router: Router, _ctx: EmulatorContext): void {}
