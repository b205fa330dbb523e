/**
 * The init source for a resolved engine configuration, found by engine type in a table (one line per engine), so
 * the CLI never names an engine.
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { EngineType } from '../model/pact';
import { InitError, type InitSource } from './init-source';
import { openDuckDbInitSource } from './sources/duckdb-init-source';

/** What the process around init provides (as for engines): environment and home folder for credentials. */
export interface InitHost {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

type OpenInitSource = (config: ResolvedEngineConfig, host: InitHost) => Promise<InitSource>;

const INIT_SOURCES: Partial<Record<EngineType, OpenInitSource>> = {
  duckdb: (config) => openDuckDbInitSource(config.catalogs),
};

export async function openInitSource(config: ResolvedEngineConfig, host: InitHost): Promise<InitSource> {
  const open = INIT_SOURCES[config.type];
  if (!open) throw new InitError(`init cannot read ${config.type} catalogs yet`);
  return open(config, host);
}
