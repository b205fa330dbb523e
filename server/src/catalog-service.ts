/**
 * Which catalogs a pact sees, and the cache of their answers. The provider follows the pact's `engine` block
 * (with the `datapact.engine` setting on top). Answers are cached per catalog configuration, keyed by the
 * resolved paths (never by catalog name, so two pacts with a `lake` catalog in different folders never share).
 */
import {
  CatalogMemo,
  CatalogUnavailableError,
  engineBlockOf,
  getEnginePlugin,
  processEngineHost,
  resolveEngineConfig,
  type EngineType,
  type ResolvedEngineConfig,
} from '../../core/src/index';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ServerSettings } from '../../protocol/protocol';
import { catalogSignature } from './catalog-signature';
import type { ParsedPact } from './documents';

export interface PactEngine {
  type: EngineType;
  /** The cache key of the catalog configuration; undefined when the engine has no catalog provider yet. */
  catalogKey?: string;
  catalogs: Record<string, string>;
  config: ResolvedEngineConfig;
}

/**
 * How long opening a pact's catalogs may take before the editor calls them unavailable. Special files are
 * refused before anything opens them (core/src/duckdb/attach-catalogs.ts); this bounds everything else
 * (a slow network share), so completion and diagnostics never wait on a catalog for good.
 */
export const CATALOG_OPEN_TIMEOUT_MS = 10_000;
/**
 * How long a check waits for the local catalogs' signatures (catalog-signature.ts) before it goes on with the
 * answers it has: a hung share must not hold diagnostics; the file watcher and Refresh Catalog still apply.
 */
export const SIGNATURE_TIMEOUT_MS = 2_000;

export function engineOf(pact: ParsedPact, settings: ServerSettings): PactEngine {
  // The editor's settings win over the file, as CLI flags do: engine type, Databricks profile and warehouse.
  const overrides = {
    ...(settings.engine ? { type: settings.engine } : {}),
    ...(settings.databricks?.profile ? { profile: settings.databricks.profile } : {}),
    ...(settings.databricks?.warehouse ? { warehouse: settings.databricks.warehouse } : {}),
  };
  const resolved = resolveEngineConfig(engineBlockOf(pact.loaded.raw), pact.path, overrides);
  // The engine's plug-in says which catalogs this configuration reads (none: nothing to look up).
  const catalogKey = getEnginePlugin(resolved.type).catalogKey(resolved);
  return { type: resolved.type, catalogs: resolved.catalogs, config: resolved, ...(catalogKey ? { catalogKey } : {}) };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CatalogUnavailableError(`the catalogs did not answer within ${ms / 1000} s; check their paths, then refresh the catalogs`)),
      ms,
    );
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class CatalogService {
  private readonly memos = new Map<string, CatalogMemo>();
  /** The local paths each cached configuration reads (DuckDB files and folders), for file-watcher events. */
  private readonly pathsOf = new Map<string, string[]>();
  /** What those paths looked like when the configuration's answers were first asked for (catalog-signature.ts). */
  private readonly signatures = new Map<string, Promise<string>>();

  /** The cached answers for a pact's catalogs, or undefined when its engine has no catalog to ask. */
  memoFor(engine: PactEngine): CatalogMemo | undefined {
    if (!engine.catalogKey) return undefined;
    let memo = this.memos.get(engine.catalogKey);
    if (!memo) {
      const paths = Object.values(engine.catalogs);
      // Signed before the provider reads anything: a file changed while it is read differs at the next check.
      if (paths.length > 0) this.signatures.set(engine.catalogKey, catalogSignature(paths));
      memo = new CatalogMemo(
        withTimeout(getEnginePlugin(engine.type).openCatalogProvider(engine.config, processEngineHost()), CATALOG_OPEN_TIMEOUT_MS),
      );
      this.memos.set(engine.catalogKey, memo);
      this.pathsOf.set(engine.catalogKey, paths);
    }
    return memo;
  }

  /**
   * Drops cached answers (all, or one configuration); returns how many were dropped. `reread`: the catalogs are
   * read again from their source, past any cache a provider shares beyond this service (Unity Catalog keeps one per
   * workspace for a TTL) — the user's "Refresh Catalog".
   */
  refresh(catalogKey?: string, options: { reread?: boolean } = {}): number {
    const dropped = [...this.memos.entries()].filter(([key]) => catalogKey === undefined || key === catalogKey);
    for (const [key, memo] of dropped) {
      this.memos.delete(key);
      this.pathsOf.delete(key);
      this.signatures.delete(key);
      if (options.reread) memo.refresh();
      void memo.dispose();
    }
    return dropped.length;
  }

  /**
   * Drops the answers of every configuration reading one of `changedPaths` (a catalog file itself, or a file
   * inside a folder catalog); returns how many were dropped.
   */
  refreshPaths(changedPaths: readonly string[]): number {
    const affected = [...this.pathsOf.entries()]
      .filter(([, roots]) => changedPaths.some((changed) => roots.some((root) => isWithin(changed, root))))
      .map(([key]) => key);
    return affected.reduce((count, key) => count + this.refresh(key), 0);
  }

  /**
   * Drops the answers of every configuration whose local catalogs changed on disk since they were read (stat calls
   * only); returns how many were dropped. The file watcher's events are not enough: VS Code's watcher drops some
   * (catalog-signature.ts), so each check asks this first.
   */
  async refreshChanged(timeoutMs = SIGNATURE_TIMEOUT_MS): Promise<number> {
    const compared = await Promise.all(
      [...this.signatures.entries()].map(async ([key, signed]) => {
        const now = catalogSignature(this.pathsOf.get(key) ?? []);
        try {
          const [before, after] = await withTimeout(Promise.all([signed, now]), timeoutMs);
          return { key, signed, changed: before !== after };
        } catch {
          return { key, signed, changed: false }; // not known in time: the answers stay until an event or a refresh
        }
      }),
    );
    // A configuration refreshed while its signature was read has new answers already: only the one compared is dropped.
    return compared
      .filter(({ key, signed, changed }) => changed && this.signatures.get(key) === signed)
      .reduce((count, { key }) => count + this.refresh(key), 0);
  }
}

function isWithin(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
