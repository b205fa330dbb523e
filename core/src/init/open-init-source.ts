/**
 * The init source for a resolved engine configuration: the engine's plug-in brings it (`openInitSource`), found by
 * type through the registry, so neither init nor the CLI names an engine.
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { EngineHost } from '../engines/engine-plugin';
import { getEnginePlugin } from '../engines/registry';
import { InitError, type InitSource } from './init-source';

/** What the process around init provides (as for engines): environment and home folder for credentials. */
export type InitHost = EngineHost;

export async function openInitSource(config: ResolvedEngineConfig, host: InitHost): Promise<InitSource> {
  const plugin = getEnginePlugin(config.type);
  if (!plugin.openInitSource) throw new InitError(`init cannot read ${plugin.label} catalogs`);
  return plugin.openInitSource(config, host);
}
