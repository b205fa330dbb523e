/** The local engine as a plug-in: DuckDB SQL, catalogs from DuckDB files and Parquet/CSV folders, runs in-process. */
import { openDuckDbCatalogProvider } from '../../catalog/duckdb-catalog-provider';
import { columnListsNote, compileTask, getDialect } from '../../sql/index';
import type { EnginePlugin } from '../engine-plugin';
import { DuckDbEngine } from './duckdb-engine';
import { openDuckDbInitSource } from './duckdb-init-source';

export const duckDbEnginePlugin: EnginePlugin = {
  type: 'duckdb',
  label: 'DuckDB',
  dialect: getDialect('duckdb'),
  connection: [
    { key: 'catalogs', label: 'Catalogs', kind: 'catalog-files', hint: 'a name and a DuckDB file or a folder of Parquet/CSV files, relative to the pact' },
  ],
  open: (config, host) => new DuckDbEngine(config, host),
  openCatalogProvider: (config) => openDuckDbCatalogProvider(config.catalogs, { hivePartitioning: config.hive_partitioning }),
  openInitSource: (config) => openDuckDbInitSource(config.catalogs),
  catalogKey(config) {
    const names = Object.keys(config.catalogs).sort();
    return names.length > 0
      ? JSON.stringify(['duckdb', config.hive_partitioning, ...names.map((n) => [n, config.catalogs[n]])])
      : undefined;
  },
  // The metrics query: one SELECT, runnable in any DuckDB shell with the pact's catalogs attached.
  // Compiled offline, without the tables' column lists: a leading comment says how a run differs.
  explainTask: (task) => {
    const note = columnListsNote(task);
    return `${note ? `-- note: ${note}\n` : ''}${compileTask(task, 'duckdb').metricsSql};`;
  },
  describeConfig(config) {
    const count = Object.keys(config.catalogs).length;
    return { icon: 'database', parts: [], detail: `${count} catalog${count === 1 ? '' : 's'}`, usesProfiles: false };
  },
};
