/**
 * The Unity Catalog implementation of the catalog seam: catalogs, schemas and tables with their columns through
 * the Unity Catalog REST lists (no warehouse needed), every page read (`max_results=0`, the server's page size,
 * until no `next_page_token`). Answers are cached per workspace for a TTL and shared by every provider on that
 * workspace; `refresh()` drops them. A request in flight is cancelled at the workspace (its HTTP call aborted) once
 * every caller waiting for it has given up: its signal aborted (the document that asked has changed) or its
 * provider was disposed.
 *
 * Declared primary keys: the list call never returns `table_constraints` (only `tables/get` does), so a table's
 * key is read with one `get` when the table is asked for by name (`getTable`), and then also shows in its schema's
 * list. A schema listing stays one paged call whatever its size.
 */
import type { WorkspaceClient } from '@databricks/sdk-experimental';
import type { CatalogInfo, CatalogProvider, CatalogRequestOptions, ColumnInfo, SchemaInfo, TableInfo } from '../../../catalog/catalog-provider';
import { CatalogRequestCancelledError, CatalogUnavailableError } from '../../../catalog/catalog-provider';
import { SharedRequest } from '../../../catalog/shared-request';

export type UnityCatalogClient = Pick<WorkspaceClient, 'catalogs' | 'schemas' | 'tables'>;

export const DEFAULT_UC_TTL_MS = 5 * 60_000;

interface Entry<T> {
  at: number;
  request: SharedRequest<T>;
  /** The value once loaded (lets a listing borrow keys read by getTable without waiting). */
  settled?: T;
}

/** The answers of one workspace, shared by its providers. */
class WorkspaceCache {
  readonly entries = new Map<string, Entry<unknown>>();
  readonly keys = new Map<string, string[]>();
}

const caches = new Map<string, WorkspaceCache>();

/** Drops the cached answers of one workspace (or all). */
export function refreshUnityCatalogCache(workspaceKey?: string): void {
  if (workspaceKey === undefined) caches.clear();
  else caches.delete(workspaceKey);
}

export interface UnityCatalogOptions {
  /** Identifies the workspace (host and profile): providers with the same key share answers. */
  workspaceKey: string;
  /** Names the workspace in messages, e.g. `profile 'dev'` (never a secret). */
  label: string;
  ttlMs?: number;
  now?: () => number;
  /** `max_results` of each list call; 0 (the default) lets the server choose, as the SDKs do. */
  pageSize?: number;
}

type SdkContext = InstanceType<typeof import('@databricks/sdk-experimental').Context>;

/** The SDK's cancellation token (read by its Context) over an AbortSignal: aborting it aborts the HTTP call. */
function cancellationToken(signal: AbortSignal) {
  return {
    get isCancellationRequested() {
      return signal.aborted;
    },
    onCancellationRequested(listener: () => void) {
      signal.addEventListener('abort', listener, { once: true });
      return { dispose: () => signal.removeEventListener('abort', listener) };
    },
  };
}

export class UnityCatalogProvider implements CatalogProvider {
  /** Aborts on dispose: this provider's callers all give up. */
  private readonly disposed = new AbortController();
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly pageSize: number;

  constructor(
    private readonly client: UnityCatalogClient,
    private readonly options: UnityCatalogOptions,
  ) {
    this.ttl = options.ttlMs ?? DEFAULT_UC_TTL_MS;
    this.now = options.now ?? Date.now;
    this.pageSize = options.pageSize ?? 0;
  }

  /** Drops this workspace's cached answers: the next question reads the workspace again. */
  refresh(): void {
    refreshUnityCatalogCache(this.options.workspaceKey);
  }

  listCatalogs(options: CatalogRequestOptions = {}): Promise<CatalogInfo[]> {
    return this.cached('catalogs', options, async (ctx) => {
      const catalogs: CatalogInfo[] = [];
      for await (const c of this.client.catalogs.list({ max_results: this.pageSize }, ctx)) {
        if (c.name) catalogs.push(withComment({ name: c.name }, c.comment));
      }
      return catalogs.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  listSchemas(catalog: string, options: CatalogRequestOptions = {}): Promise<SchemaInfo[]> {
    return this.cached(JSON.stringify(['schemas', catalog]), options, async (ctx) => {
      const schemas: SchemaInfo[] = [];
      try {
        for await (const s of this.client.schemas.list({ catalog_name: catalog, max_results: this.pageSize }, ctx)) {
          if (s.name) schemas.push(withComment({ catalog, name: s.name }, s.comment));
        }
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
      return schemas.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  listTables(catalog: string, schema: string, options: CatalogRequestOptions = {}): Promise<TableInfo[]> {
    return this.cached(JSON.stringify(['tables', catalog, schema]), options, async (ctx) => {
      const tables: TableInfo[] = [];
      try {
        const request = { catalog_name: catalog, schema_name: schema, max_results: this.pageSize, omit_properties: true, omit_username: true };
        for await (const t of this.client.tables.list(request, ctx)) {
          if (t.name) tables.push(toTableInfo(catalog, schema, t));
        }
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
      return tables.sort((a, b) => a.name.localeCompare(b.name));
    }).then((tables) => tables.map((t) => this.withKnownKey(t)));
  }

  async getTable(catalog: string, schema: string, table: string, options: CatalogRequestOptions = {}): Promise<TableInfo | undefined> {
    return this.cached(JSON.stringify(['table', catalog, schema, table.toLowerCase()]), options, async (ctx) => {
      try {
        const found = await this.client.tables.get({ full_name: [catalog, schema, table].join('.') }, ctx);
        return found.name ? toTableInfo(catalog, schema, found) : undefined;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async dispose(): Promise<void> {
    this.disposed.abort();
  }

  /** A listed table with the key a `getTable` already read (lists never carry keys). */
  private withKnownKey(table: TableInfo): TableInfo {
    if (table.primaryKey.length > 0) return table;
    const entry = this.cache().entries.get(JSON.stringify(['table', table.catalog, table.schema, table.name.toLowerCase()]));
    const known = entry?.settled as TableInfo | undefined;
    return known && known.primaryKey.length > 0 ? { ...table, primaryKey: known.primaryKey } : table;
  }

  private cache(): WorkspaceCache {
    let cache = caches.get(this.options.workspaceKey);
    if (!cache) {
      cache = new WorkspaceCache();
      caches.set(this.options.workspaceKey, cache);
    }
    return cache;
  }

  /**
   * The cached answer, or one request shared by every caller of this workspace. This caller gives up when its
   * signal aborts or this provider is disposed; the HTTP call is aborted when every caller has given up.
   */
  private cached<T>(key: string, options: CatalogRequestOptions, load: (ctx: SdkContext) => Promise<T>): Promise<T> {
    const mine = options.signal ? AbortSignal.any([options.signal, this.disposed.signal]) : this.disposed.signal;
    const cache = this.cache();
    const hit = cache.entries.get(key) as Entry<T> | undefined;
    if (hit && !hit.request.cancelled && this.now() - hit.at < this.ttl) return hit.request.join(mine);
    const entry: Entry<T> = {
      at: this.now(),
      request: new SharedRequest<T>(async (shared) => {
        const { Context } = await import('@databricks/sdk-experimental');
        try {
          const value = await load(new Context({ cancellationToken: cancellationToken(shared) }));
          entry.settled = value;
          return value;
        } catch (error) {
          // Neither a failure nor a cancelled request is cached: the next question asks again.
          if (cache.entries.get(key) === entry) cache.entries.delete(key);
          if (shared.aborted) throw new CatalogRequestCancelledError();
          throw this.unavailable(error);
        }
      }),
    };
    cache.entries.set(key, entry as Entry<unknown>);
    return entry.request.join(mine);
  }

  private unavailable(error: unknown): Error {
    if (error instanceof CatalogUnavailableError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.split(/\. Config: |\n/)[0]!.trim();
    return new CatalogUnavailableError(`Unity Catalog of the Databricks workspace (${this.options.label}) cannot be reached: ${reason}`);
  }
}


function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === 404;
}

interface UcTable {
  name?: string;
  table_type?: string;
  comment?: string;
  columns?: Array<{ name?: string; type_text?: string; type_name?: string; nullable?: boolean; comment?: string; position?: number }>;
  table_constraints?: Array<{ primary_key_constraint?: { child_columns?: string[] } }>;
}

function toTableInfo(catalog: string, schema: string, t: UcTable): TableInfo {
  const columns: ColumnInfo[] = [...(t.columns ?? [])]
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    .filter((c) => c.name)
    .map((c) => withComment({ name: c.name!, type: c.type_text ?? c.type_name ?? 'unknown', nullable: c.nullable !== false }, c.comment));
  const key = t.table_constraints?.find((c) => c.primary_key_constraint)?.primary_key_constraint?.child_columns ?? [];
  const kind = /VIEW/.test(t.table_type ?? '') ? 'view' : 'table';
  return withComment({ catalog, schema, name: t.name!, kind, columns, primaryKey: [...key] }, t.comment);
}

function withComment<T extends object>(value: T, comment: string | undefined): T & { comment?: string } {
  return comment ? { ...value, comment } : value;
}
