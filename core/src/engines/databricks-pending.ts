/**
 * Databricks until its engine lands in `engines/databricks/` (which then replaces this file's line in
 * `builtin.ts`): its dialect and job task scripts are here, running is refused with a message saying how to run
 * locally, and the editor looks up no catalog.
 */
import { compileTaskScript, getDialect } from '../sql/index';
import { resultTablesFor } from '../engine/result-tables';
import { EngineConfigError } from '../engine/engine-errors';
import { openUnityCatalogProvider, unityCatalogWorkspace } from './databricks/catalog/index';
import type { EnginePlugin } from './engine-plugin';

/** Why a Databricks run is refused for now, and the two ways to run locally instead. */
export const DATABRICKS_NOT_AVAILABLE =
  'this pact runs on Databricks (the default when the pact has no engine block), and running on Databricks ' +
  'is not available in this version yet. To run it locally on DuckDB, add to the pact:\n' +
  '  engine:\n    type: duckdb\n    catalogs:\n      <catalog>: <path to a .duckdb file or a folder of Parquet/CSV>\n' +
  'or pass --engine duckdb (with the catalogs in the engine block).';

export const databricksPendingPlugin: EnginePlugin = {
  type: 'databricks',
  label: 'Databricks',
  dialect: getDialect('databricks'),
  open() {
    throw new EngineConfigError(DATABRICKS_NOT_AVAILABLE);
  },
  openCatalogProvider: openUnityCatalogProvider,
  catalogKey: (config) => unityCatalogWorkspace(config)?.key,
  // The job task script: what a job task executes, history INSERT included.
  explainTask: (task, config) => compileTaskScript(task, { tables: resultTablesFor(config.results_table), jobName: config.job_name }),
};
