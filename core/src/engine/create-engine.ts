/** Picks the engine for a resolved configuration; adapters call this and nothing engine-specific. */
import type { Pact } from '../model/pact';
import type { ResolvedEngineConfig } from './engine-config';
import type { Engine, EngineRunResult, RunOptions } from './engine';
import { DuckDbEngine } from './duckdb-engine';
import { EngineConfigError } from './engine-errors';

/** Why a Databricks run is refused for now, and the two ways to run locally instead. */
export const DATABRICKS_NOT_AVAILABLE =
  'this pact runs on Databricks (the default when the pact has no engine block), and running on Databricks ' +
  'is not available in this version yet. To run it locally on DuckDB, add to the pact:\n' +
  '  engine:\n    type: duckdb\n    catalogs:\n      <catalog>: <path to a .duckdb file or a folder of Parquet/CSV>\n' +
  'or pass --engine duckdb (with the catalogs in the engine block).';

/** @throws EngineConfigError when the engine cannot run here */
export function createEngine(config: ResolvedEngineConfig): Engine {
  switch (config.type) {
    case 'duckdb':
      return new DuckDbEngine(config);
    case 'databricks':
      throw new EngineConfigError(DATABRICKS_NOT_AVAILABLE);
  }
}

/** Runs `pact` on the engine its resolved configuration names. */
export function runPact(
  pact: Pact,
  options: RunOptions & { engineConfig: ResolvedEngineConfig },
): Promise<EngineRunResult> {
  const { engineConfig, ...runOptions } = options;
  return createEngine(engineConfig).run(pact, runOptions);
}
