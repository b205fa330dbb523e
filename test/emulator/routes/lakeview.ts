/** Lakeview (AI/BI) dashboards: create, get, update (etag), trash, list, publish, get published. */
import { randomBytes } from 'node:crypto';
import { ApiError, badRequest, notFound, required } from '../api-error';
import type { EmulatorContext } from '../context';
import { Reply, type Router } from '../router';
import { normalisePath } from '../workspace-files';

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
  published?: { embedCredentials: boolean; warehouseId?: string; revisionCreateTime: string; displayName: string };
}

export class DashboardStore {
  readonly byId = new Map<string, Dashboard>();
  /** Dashboard ids refreshed by dashboard_task runs, in order. */
  readonly refreshed: string[] = [];
  /** How many dashboards were ever created (tests assert "updated, never recreated"). */
  created = 0;
}

function checkSerialized(text: unknown): string {
  if (typeof text !== 'string') throw badRequest('serialized_dashboard must be a JSON string.');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
  } catch (e) {
    throw badRequest(`Unable to parse serialized_dashboard: ${(e as Error).message}`);
  }
  return text;
}

export function lakeviewRoutes(router: Router, ctx: EmulatorContext): void {
  const base = '/api/2.0/lakeview/dashboards';
  const store = ctx.dashboards;
  const json = (d: Dashboard, full = true) => ({
    dashboard_id: d.dashboardId,
    display_name: d.displayName,
    lifecycle_state: d.lifecycle,
    create_time: d.createTime,
    update_time: d.updateTime,
    warehouse_id: d.warehouseId,
    ...(full
      ? { path: `${d.parentPath}/${d.displayName}.lvdash.json`, parent_path: `/Workspace${d.parentPath}`, serialized_dashboard: d.serialized, etag: String(d.etag) }
      : {}),
  });
  const get = (id: string) => {
    const d = store.byId.get(id);
    if (!d) throw notFound(`Dashboard ${id} does not exist.`);
    return d;
  };

  router.add('POST', base, (req) => {
    const displayName = required<string>(req.body, 'display_name');
    const parent = normalisePath((req.body.parent_path as string | undefined) ?? `/Users/${ctx.user.userName}`);
    const folder = ctx.files.get(parent);
    if (!folder || folder.type !== 'DIRECTORY') throw notFound(`Path (${parent}) doesn't exist.`);
    const serialized = checkSerialized(req.body.serialized_dashboard ?? '{"pages":[{"name":"page","displayName":"Page"}]}');
    const now = new Date().toISOString();
    const d: Dashboard = { dashboardId: randomBytes(16).toString('hex'), displayName, parentPath: parent, serialized, warehouseId: req.body.warehouse_id as string | undefined, etag: 1, lifecycle: 'ACTIVE', createTime: now, updateTime: now };
    ctx.files.put(`${parent}/${displayName}.lvdash.json`, { type: 'DASHBOARD', content: Buffer.from(serialized), resourceId: d.dashboardId }, false);
    store.byId.set(d.dashboardId, d);
    store.created++;
    return json(d);
  });
  router.add('GET', base, (req) => {
    const all = [...store.byId.values()].filter((d) => d.lifecycle === 'ACTIVE' || req.query.get('show_trashed') === 'true');
    return all.length ? { dashboards: all.map((d) => json(d, false)) } : {};
  });
  router.add('GET', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)$/, (req) => json(get(req.params[0]!)));
  router.add('PATCH', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)$/, (req) => {
    const d = get(req.params[0]!);
    if (d.lifecycle === 'TRASHED') throw badRequest(`Dashboard ${d.dashboardId} is trashed.`, 'INVALID_STATE');
    if (req.body.etag !== undefined && String(req.body.etag) !== String(d.etag)) throw new ApiError(409, 'ABORTED', 'The dashboard was modified since the given etag.');
    if (req.body.serialized_dashboard !== undefined) d.serialized = checkSerialized(req.body.serialized_dashboard);
    if (req.body.display_name !== undefined) d.displayName = String(req.body.display_name);
    if (req.body.warehouse_id !== undefined) d.warehouseId = String(req.body.warehouse_id);
    d.etag++;
    d.updateTime = new Date(Math.max(Date.now(), Date.parse(d.updateTime) + 1)).toISOString();
    return json(d);
  });
  router.add('DELETE', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)$/, (req) => {
    get(req.params[0]!).lifecycle = 'TRASHED';
    return {};
  });
  const publishedJson = (d: Dashboard) => ({
    display_name: d.published!.displayName,
    embed_credentials: d.published!.embedCredentials,
    warehouse_id: d.published!.warehouseId,
    revision_create_time: d.published!.revisionCreateTime,
  });
  router.add('POST', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)\/published$/, (req) => {
    const d = get(req.params[0]!);
    const warehouseId = (req.body.warehouse_id as string | undefined) ?? d.warehouseId;
    if (warehouseId) ctx.warehouses.require(warehouseId);
    d.published = { embedCredentials: req.body.embed_credentials === true, warehouseId, revisionCreateTime: new Date().toISOString(), displayName: d.displayName };
    return publishedJson(d);
  });
  router.add('GET', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)\/published$/, (req) => {
    const d = get(req.params[0]!);
    if (!d.published) throw notFound(`Dashboard ${d.dashboardId} has no published version.`);
    return publishedJson(d);
  });
  router.add('DELETE', /^\/api\/2\.0\/lakeview\/dashboards\/([^/]+)\/published$/, (req) => {
    get(req.params[0]!).published = undefined;
    return new Reply(200, {});
  });
}
