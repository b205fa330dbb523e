/**
 * The catalog provider of a resolved engine configuration, for `datapact validate` and the builder: whatever the
 * engine's plug-in brings (DuckDB files, Unity Catalog). Without catalogs to read no catalog findings are made,
 * and `skipped` says why in words a user can act on.
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { EngineHost } from '../engines/engine-plugin';
import { processEngineHost } from '../engines/create-engine';
import { getEnginePlugin } from '../engines/registry';
import type { CatalogProvider } from './catalog-provider';

export type PactCatalog = { provider: Promise<CatalogProvider>; skipped?: undefined } | { provider?: undefined; skipped: string };

export function openCatalogProvider(config: ResolvedEngineConfig, host: EngineHost = processEngineHost()): PactCatalog {
  const plugin = getEnginePlugin(config.type);
  if (plugin.catalogKey(config) === undefined) return { skipped: `the ${plugin.label} engine of this pact has no catalog to read` };
  return { provider: plugin.openCatalogProvider(config, host) };
}
