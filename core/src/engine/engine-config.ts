/**
 * The effective engine configuration of a pact: the file's `engine` block, with relative paths resolved
 * against the pact's folder, and overrides (CLI flags, editor settings) applied on top.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ENGINE_TYPES, type EngineConfig, type EngineType } from '../model/pact';

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

/**
 * The parts of a document's `engine` block that tooling can use before the pact validates (the editor while
 * typing, `datapact validate` on a file with findings): the type when it is a known one, the catalogs when they
 * are a name -> path mapping. Anything else is the schema's finding, not a reason to guess.
 */
export function engineBlockOf(raw: unknown): EngineConfig | undefined {
  const block = isRecord(raw) && isRecord(raw.engine) ? raw.engine : undefined;
  if (!block) return undefined;
  const text = (key: 'profile' | 'host' | 'warehouse') => (typeof block[key] === 'string' ? { [key]: block[key] as string } : {});
  return {
    ...(ENGINE_TYPES.includes(block.type as EngineType) ? { type: block.type as EngineType } : {}),
    ...(isStringRecord(block.catalogs) ? { catalogs: block.catalogs } : {}),
    ...(typeof block.hive_partitioning === 'boolean' ? { hive_partitioning: block.hive_partitioning } : {}),
    ...text('profile'),
    ...text('host'),
    ...text('warehouse'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}
