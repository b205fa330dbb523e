/**
 * The contract between the SQL generator and the engines that run its output.
 * The generator (core/src/sql + core/src/dialects) produces these; engines (core/src/engine) consume them.
 */
export type DialectName = 'databricks' | 'duckdb';

/** A three-part table name as written in the pact or settings (unquoted parts). */
export interface TableName {
  catalog: string;
  schema: string;
  table: string;
}

/** Where run results go. */
export interface ResultTables {
  runHistory: TableName;
  /** Beside run_history: one summary row per failed job run. */
  alertHistory: TableName;
}

/**
 * The SQL of one task, frozen. `metricsSql` is a single SELECT statement returning exactly one row with every
 * metric column, `result_payload` (the payload as JSON text) and `overall_validation_passed`
 * (BOOLEAN: true = every check passed, false = some check failed, NULL = a check could not be computed).
 */
export interface CompiledTask {
  readonly taskKey: string;
  readonly dialect: DialectName;
  readonly metricsSql: string;
  /** The payload keys the task produces, in payload order (e.g. `count_validation`, `null_validation_email`). */
  readonly checkKeys: readonly string[];
  /** Where each metric sits in the row (`m<i>_<field>`); check i's verdict is column `m<i>_passed`. */
  readonly metricColumns: readonly MetricColumn[];
  /** False when compiled without the tables' column lists (row hash by position, aggregates as DOUBLE). */
  readonly columnsKnown: boolean;
}

/**
 * Named parameters the history statements expect: the run's id, its job's id, and the run's start in milliseconds
 * since the epoch (UTC). DuckDB binds them as prepared-statement values (`$run_id`), a Databricks direct run as
 * typed Statement Execution parameters (`:run_id`); a Databricks job task file references them as `{{run_id}}`,
 * which Jobs substitutes as a quoted string literal (see task-script.ts).
 */
export const RUN_PARAMETERS = ['run_id', 'job_id', 'job_start_ms'] as const;
export type RunParameter = (typeof RUN_PARAMETERS)[number];

/** One metric column of a task's metrics row: `column` (a safe positional alias) holds `field` of `checkKey`. */
export interface MetricColumn {
  readonly column: string;
  readonly checkKey: string;
  readonly field: string;
}
