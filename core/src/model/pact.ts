/**
 * The pact model: what a validated pact file means, after defaults are merged and values normalised.
 *
 * Keys keep the YAML spelling (snake_case) so that the schema, the docs, the model and the payload share
 * one vocabulary. Every optional key is absent (not undefined-valued) when the file does not set it.
 */

/** Aggregate functions a pact may ask for; the YAML value is matched case-insensitively. */
export const AGG_FUNCTIONS = ['SUM', 'AVG', 'MIN', 'MAX', 'COUNT', 'COUNT_DISTINCT', 'STDDEV'] as const;
export type AggFunction = (typeof AGG_FUNCTIONS)[number];

export const BUSINESS_PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type BusinessPriority = (typeof BUSINESS_PRIORITIES)[number];

/** `native`: the engine's fast 64-bit hash (DuckDB `hash`, Databricks `xxhash64`); `md5`: the original's. */
export const HASH_ALGORITHMS = ['native', 'md5'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/**
 * How the row hash compares values: `values` (default) by their canonical value, so a change of storage type
 * within a family (INT → BIGINT, DECIMAL → DOUBLE, TIMESTAMP → TIMESTAMPTZ) is no difference; `strict` also
 * requires each column's type to be the same, and reports a type that differs as such.
 */
export const COMPARE_MODES = ['values', 'strict'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export const ENGINE_TYPES = ['duckdb', 'databricks'] as const;
export type EngineType = (typeof ENGINE_TYPES)[number];

/**
 * A task's keys in the order the model, the docs, `init` and the builder write them: the one list of them (a new key
 * of a task is added here, and every writer places it the same way).
 */
export const TASK_KEY_ORDER = [
  'task_key', 'source_catalog', 'source_schema', 'source_table', 'target_catalog', 'target_schema', 'target_table',
  'primary_keys', 'filter', 'count_tolerance', 'pk_row_hash_check', 'pk_hash_tolerance', 'hash_columns',
  'hash_algorithm', 'sample_size', 'exclude_columns', 'compare', 'allow_empty', 'naive_timestamp_zone', 'null_validation_tolerance', 'null_validation_columns', 'agg_validations',
  'uniqueness_columns', 'uniqueness_tolerance', 'custom_sql_tests', 'business_domain', 'business_owner',
  'business_priority', 'expected_sla_hours', 'estimated_impact_usd',
] as const;

export const DEFAULT_SAMPLE_SIZE = 10;

export interface AggValidation {
  agg: AggFunction;
  tolerance: number;
}

export interface AggValidationColumn {
  column: string;
  validations: AggValidation[];
}

export interface CustomSqlTest {
  name: string;
  /** One query; may use the original's template variables such as `{{ table_fqn }}`. */
  sql: string;
  description?: string;
}

/** One validation task: a source table, a target table and the checks that must hold between them. */
export interface Task {
  task_key: string;
  source_catalog: string;
  source_schema: string;
  source_table: string;
  target_catalog: string;
  target_schema: string;
  target_table: string;
  primary_keys?: string[];
  /** One SQL boolean expression, trimmed, applied to both sides of the built-in checks. */
  filter?: string;
  count_tolerance?: number;
  pk_row_hash_check?: boolean;
  pk_hash_tolerance?: number;
  hash_columns?: string[];
  hash_algorithm?: HashAlgorithm;
  sample_size?: number;
  /** Columns left out of the all-column row hash (and not reported as present on one side only). */
  exclude_columns?: string[];
  compare?: CompareMode;
  /** An empty comparison (both sides empty after the filter) passes only when this is true. */
  allow_empty?: boolean;
  /**
   * The time zone (an IANA name: `Europe/Paris`) whose wall clock a TIMESTAMP without time zone (DuckDB TIMESTAMP,
   * Databricks TIMESTAMP_NTZ) shows, when it is compared with an instant (DuckDB TIMESTAMPTZ, Databricks TIMESTAMP).
   * Absent: UTC.
   */
  naive_timestamp_zone?: string;
  null_validation_tolerance?: number;
  null_validation_columns?: string[];
  agg_validations?: AggValidationColumn[];
  uniqueness_columns?: string[];
  uniqueness_tolerance?: number;
  custom_sql_tests?: CustomSqlTest[];
  business_domain?: string;
  business_owner?: string;
  business_priority?: BusinessPriority;
  expected_sla_hours?: number;
  estimated_impact_usd?: number;
}

/**
 * Where and how a pact runs. Paths are kept as written; `resolveEngineConfig` (engine/) resolves them
 * against the pact file's folder and applies CLI flags and editor settings on top.
 */
export interface EngineConfig {
  type?: EngineType;
  /** duckdb: catalog name -> a DuckDB database file, or a folder of schema folders of Parquet/CSV files. */
  catalogs?: Record<string, string>;
  /** duckdb: read `key=value` folders of a partitioned table folder as columns (off unless set). */
  hive_partitioning?: boolean;
  /** duckdb: the database file that keeps run history. */
  results?: string;
  /** databricks: a profile of ~/.databrickscfg. */
  profile?: string;
  host?: string;
  /** databricks: a SQL warehouse name or id. */
  warehouse?: string;
  /** databricks: catalog.schema.table of run history. */
  results_table?: string;
  job_name?: string;
}

export interface Pact {
  version?: string;
  engine?: EngineConfig;
  /** Tasks in file order, each with the `defaults` block already merged in. */
  validations: Task[];
}
