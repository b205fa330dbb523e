/** What a run produces: the same shapes for DuckDB and Databricks, read by the CLI, the tree view and the dashboard. */
import type { EngineType } from './pact';

export type TaskStatus = 'SUCCESS' | 'FAILURE' | 'ERROR';
export type CheckStatus = 'PASS' | 'FAIL';

/**
 * One JSON object per task. Keys follow the original DataPact: `count_validation`, `row_hash_validation`,
 * `null_validation_<col>`, `agg_validation_<col>_<AGG>`, `uniqueness_validation_<cols>`,
 * `custom_sql_validation_<name>`, plus `applied_filter` and `configured_primary_keys`.
 * Each check object has `status` and its metrics as JSON numbers.
 */
export type Payload = Record<string, unknown>;

export interface TaskResult {
  task_key: string;
  status: TaskStatus;
  /** The engine's message when the task could not be computed (status ERROR). */
  error?: string;
  payload: Payload | null;
  started_at: string;
  finished_at: string;
}

export interface RunResult {
  pact: string;
  engine: EngineType;
  run_id: string;
  status: TaskStatus;
  tasks: TaskResult[];
}
