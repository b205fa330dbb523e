/**
 * The effective engine configuration of a pact: the file's `engine` block, with relative paths resolved
 * against the pact's folder, and overrides (CLI flags, editor settings) applied on top.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { EngineConfig, EngineType } from '../model/pact';

export interface ResolvedEngineConfig {
  type: EngineType;
  /** duckdb: catalog name -> absolute path of a DuckDB file or a folder of Parquet/CSV files. */
  catalogs: Record<string, string>;
  /** duckdb: `key=value` folders of a partitioned table become columns (DuckDB hive partitioning); off by default. */
  hive_partitioning: boolean;
  /** duckdb: absolute path of the history database. */
  results: string;
  profile?: string;
  host?: string;
  warehouse?: string;
  results_table: string;
  job_name: string;
}

export const DEFAULT_ENGINE: EngineType = 'databricks';
export const DEFAULT_DUCKDB_RESULTS = '.datapact/history.duckdb';
export const DEFAULT_RESULTS_TABLE = 'datapact.results.run_history';
export const DEFAULT_JOB_NAME = 'datapact-validation-run';

/**
 * @param engine the pact's `engine` block (may be absent)
 * @param pactPath the pact file's path; relative paths resolve against its folder (or the cwd without one)
 * @param overrides settings that win over the file, e.g. `{ type: 'duckdb' }` from `--engine duckdb`
 */
export function resolveEngineConfig(
  engine: EngineConfig | undefined,
  pactPath: string | undefined,
  overrides: Partial<EngineConfig> = {},
): ResolvedEngineConfig {
  const merged: EngineConfig = { ...engine, ...definedOnly(overrides) };
  const base = pactPath ? dirname(resolve(pactPath)) : process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const catalogs: Record<string, string> = {};
  for (const [name, path] of Object.entries(merged.catalogs ?? {})) catalogs[name] = at(path);
  return {
    type: merged.type ?? DEFAULT_ENGINE,
    catalogs,
    hive_partitioning: merged.hive_partitioning === true,
    results: at(merged.results ?? DEFAULT_DUCKDB_RESULTS),
    profile: merged.profile,
    host: merged.host,
    warehouse: merged.warehouse,
    results_table: merged.results_table ?? DEFAULT_RESULTS_TABLE,
    job_name: merged.job_name ?? DEFAULT_JOB_NAME,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
