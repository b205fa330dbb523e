/**
 * The catalog provider of a resolved engine configuration, for `datapact validate` and the editor: DuckDB catalogs
 * are read from their files; Unity Catalog plugs in here once it exists. Without a provider no catalog findings
 * are made, and `skipped` says why in words a user can act on.
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { CatalogProvider } from './catalog-provider';
import { openDuckDbCatalogProvider } from './duckdb-catalog-provider';

export type PactCatalog = { provider: Promise<CatalogProvider>; skipped?: undefined } | { provider?: undefined; skipped: string };

export function openCatalogProvider(config: ResolvedEngineConfig): PactCatalog {
  if (config.type === 'databricks') {
    return { skipped: 'Unity Catalog cannot be read in this version (the engine is databricks)' };
  }
  if (Object.keys(config.catalogs).length === 0) return { skipped: 'the engine block names no catalogs' };
  return { provider: openDuckDbCatalogProvider(config.catalogs) };
}
