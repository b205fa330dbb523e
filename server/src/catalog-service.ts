/**
 * Which catalogs a pact sees, and the cache of their answers. The provider follows the pact's `engine` block
 * (with the `datapact.engine` setting on top). Answers are cached per catalog configuration, keyed by the
 * resolved paths (never by catalog name, so two pacts with a `lake` catalog in different folders never share).
 */
import {
  CatalogMemo,
  engineBlockOf,
  openDuckDbCatalogProvider,
  resolveEngineConfig,
  type EngineType,
} from '../../core/src/index';
import type { ServerSettings } from '../../protocol/protocol';
import type { ParsedPact } from './documents';

export interface PactEngine {
  type: EngineType;
  /** The cache key of the catalog configuration; undefined when the engine has no catalog provider yet. */
  catalogKey?: string;
  catalogs: Record<string, string>;
}

export function engineOf(pact: ParsedPact, settings: ServerSettings): PactEngine {
  const resolved = resolveEngineConfig(engineBlockOf(pact.loaded.raw), pact.path, settings.engine ? { type: settings.engine } : {});
  const names = Object.keys(resolved.catalogs).sort();
  // Unity Catalog plugs in here later; until then only DuckDB catalogs are looked up.
  const catalogKey =
    resolved.type === 'duckdb' && names.length > 0
      ? JSON.stringify(['duckdb', ...names.map((n) => [n, resolved.catalogs[n]])])
      : undefined;
  return { type: resolved.type, catalogs: resolved.catalogs, ...(catalogKey ? { catalogKey } : {}) };
}

export class CatalogService {
  private readonly memos = new Map<string, CatalogMemo>();

  /** The cached answers for a pact's catalogs, or undefined when its engine has no catalog to ask. */
  memoFor(engine: PactEngine): CatalogMemo | undefined {
    if (!engine.catalogKey) return undefined;
    let memo = this.memos.get(engine.catalogKey);
    if (!memo) {
      memo = new CatalogMemo(openDuckDbCatalogProvider(engine.catalogs));
      this.memos.set(engine.catalogKey, memo);
    }
    return memo;
  }

  /** Drops cached answers (all, or one configuration); returns how many were dropped. */
  refresh(catalogKey?: string): number {
    const dropped = [...this.memos.entries()].filter(([key]) => catalogKey === undefined || key === catalogKey);
    for (const [key, memo] of dropped) {
      this.memos.delete(key);
      void memo.dispose();
    }
    return dropped.length;
  }
}
