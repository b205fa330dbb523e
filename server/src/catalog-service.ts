/**
 * Which catalogs a pact sees, and the cache of their answers. The provider follows the pact's `engine` block
 * (with the `datapact.engine` setting on top). Answers are cached per catalog configuration, keyed by the
 * resolved paths (never by catalog name, so two pacts with a `lake` catalog in different folders never share).
 */
import {
  CatalogMemo,
  getEnginePlugin,
  isEngineType,
  processEngineHost,
  resolveEngineConfig,
  type EngineConfig,
  type EngineType,
  type ResolvedEngineConfig,
} from '../../core/src/index';
import type { ServerSettings } from '../../protocol/protocol';
import type { ParsedPact } from './documents';

export interface PactEngine {
  type: EngineType;
  /** The cache key of the catalog configuration; undefined when the engine has no catalog provider yet. */
  catalogKey?: string;
  catalogs: Record<string, string>;
  config: ResolvedEngineConfig;
}

export function engineOf(pact: ParsedPact, settings: ServerSettings): PactEngine {
  const raw = pact.loaded.raw as { engine?: unknown } | undefined;
  const block = raw && typeof raw.engine === 'object' && raw.engine !== null ? (raw.engine as EngineConfig) : undefined;
  const safeBlock: EngineConfig | undefined = block
    ? {
        ...(isEngineType(block.type) ? { type: block.type } : {}),
        ...(isStringRecord(block.catalogs) ? { catalogs: block.catalogs } : {}),
      }
    : undefined;
  const resolved = resolveEngineConfig(safeBlock, pact.path, settings.engine ? { type: settings.engine } : {});
  // The engine's plug-in says which catalogs this configuration reads (none: nothing to look up).
  const catalogKey = getEnginePlugin(resolved.type).catalogKey(resolved);
  return { type: resolved.type, catalogs: resolved.catalogs, config: resolved, ...(catalogKey ? { catalogKey } : {}) };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

export class CatalogService {
  private readonly memos = new Map<string, CatalogMemo>();

  /** The cached answers for a pact's catalogs, or undefined when its engine has no catalog to ask. */
  memoFor(engine: PactEngine): CatalogMemo | undefined {
    if (!engine.catalogKey) return undefined;
    let memo = this.memos.get(engine.catalogKey);
    if (!memo) {
      memo = new CatalogMemo(getEnginePlugin(engine.type).openCatalogProvider(engine.config, processEngineHost()));
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
