/**
 * The workspace file tree (`/Users/<me>/…`, `/Shared`): directories, files and notebooks with the Workspace API's
 * rules — parents must exist for import, mkdirs creates parents, `/Workspace/…` is the same folder as `/…`.
 */
import { ApiError, badRequest, notFound } from './api-error';

export type ObjectType = 'DIRECTORY' | 'FILE' | 'NOTEBOOK' | 'DASHBOARD';

export interface WorkspaceObject {
  path: string;
  type: ObjectType;
  objectId: number;
  content: Buffer;
  language?: 'SQL' | 'PYTHON' | 'SCALA' | 'R';
  createdAt: number;
  modifiedAt: number;
  /** For DASHBOARD objects, the Lakeview id. */
  resourceId?: string;
}

/** `/Workspace/Users/x` and `/Users/x` name the same object. */
export function normalisePath(path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw badRequest(`Path (${path}) must be absolute.`);
  let p = path.replace(/\/+/g, '/');
  if (p === '/Workspace' || p.startsWith('/Workspace/')) p = p.slice('/Workspace'.length) || '/';
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

const parentOf = (p: string) => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));

export class WorkspaceFiles {
  private readonly objects = new Map<string, WorkspaceObject>();
  private nextId = 1_000_000_000_000 + 17;

  constructor(userName: string) {
    for (const dir of ['/', '/Users', `/Users/${userName}`, '/Shared']) this.mkdirs(dir);
  }

  get(path: string): WorkspaceObject | undefined {
    return this.objects.get(normalisePath(path));
  }

  require(path: string): WorkspaceObject {
    const object = this.get(path);
    if (!object) throw notFound(`Path (${path}) doesn't exist.`);
    return object;
  }

  mkdirs(path: string): void {
    const p = normalisePath(path);
    const existing = this.objects.get(p);
    if (existing) {
      if (existing.type !== 'DIRECTORY') throw new ApiError(400, 'RESOURCE_ALREADY_EXISTS', `Path (${path}) already exists.`);
      return;
    }
    if (p !== '/') this.mkdirs(parentOf(p));
    const now = Date.now();
    this.objects.set(p, { path: p, type: 'DIRECTORY', objectId: this.nextId++, content: Buffer.alloc(0), createdAt: now, modifiedAt: now });
  }

  /** Writes a file or notebook; the parent folder must exist. */
  put(path: string, object: { type: 'FILE' | 'NOTEBOOK' | 'DASHBOARD'; content: Buffer; language?: WorkspaceObject['language']; resourceId?: string }, overwrite: boolean): WorkspaceObject {
    const p = normalisePath(path);
    const parent = this.objects.get(parentOf(p));
    if (!parent || parent.type !== 'DIRECTORY') throw notFound(`The parent folder (${parentOf(p)}) does not exist.`);
    const existing = this.objects.get(p);
    if (existing && (!overwrite || existing.type === 'DIRECTORY')) throw new ApiError(400, 'RESOURCE_ALREADY_EXISTS', `Path (${p}) already exists.`);
    const now = Date.now();
    const stored: WorkspaceObject = {
      path: p,
      type: object.type,
      objectId: existing?.objectId ?? this.nextId++,
      content: object.content,
      language: object.language,
      createdAt: existing?.createdAt ?? now,
      modifiedAt: now,
      resourceId: object.resourceId,
    };
    this.objects.set(p, stored);
    return stored;
  }

  list(path: string): WorkspaceObject[] {
    const dir = this.require(path);
    if (dir.type !== 'DIRECTORY') return [dir];
    const prefix = dir.path === '/' ? '/' : `${dir.path}/`;
    return [...this.objects.values()].filter((o) => o.path !== dir.path && o.path.startsWith(prefix) && !o.path.slice(prefix.length).includes('/'));
  }

  delete(path: string, recursive: boolean): void {
    const target = this.require(path);
    const children = target.type === 'DIRECTORY' ? this.list(target.path) : [];
    if (children.length && !recursive) throw new ApiError(400, 'DIRECTORY_NOT_EMPTY', `Folder (${target.path}) is not empty.`);
    const prefix = `${target.path}/`;
    for (const key of [...this.objects.keys()]) if (key === target.path || key.startsWith(prefix)) this.objects.delete(key);
  }

  /** ObjectInfo as the API returns it. */
  info(o: WorkspaceObject): Record<string, unknown> {
    return {
      path: o.path,
      object_type: o.type,
      object_id: o.objectId,
      resource_id: o.resourceId ?? String(o.objectId),
      ...(o.language ? { language: o.language } : {}),
      ...(o.type === 'FILE' ? { size: o.content.length, created_at: o.createdAt, modified_at: o.modifiedAt } : {}),
    };
  }
}
