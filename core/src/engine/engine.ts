/**
 * What runs produce and history reads return, shared by every engine. The seam itself (plug-ins, run handles)
 * is `engines/engine-plugin.ts`.
 */
import type { Payload, RunResult, TaskStatus } from '../model/results';

/** The outcome of the run's aggregate step (the last job task on Databricks). */
export interface AggregateOutcome {
  /** false when the step raised: some task failed, errored or recorded no row. */
  passed: boolean;
  /** The step's message when it raised (one line). */
  message?: string;
}

/** A run's result plus what the engine learnt while recording it. */
export interface EngineRunResult extends RunResult {
  aggregate: AggregateOutcome;
  /** Where the run's rows were written (a file for DuckDB, a table name for Databricks). */
  resultsLocation: string;
  /**
   * Rows that did not reach the results store, and why (`--no-history`, a store that failed mid-run). Absent when
   * every task's row was recorded: a report says "results recorded" only then.
   */
  unrecorded?: { reason: string; taskKeys: string[] };
}

/** One task row of run history, as the `history` views show it. */
export interface HistoryEntry {
  run_id: string;
  task_key: string;
  status: TaskStatus;
  job_name: string | null;
  /** ISO-8601 (UTC) start of the run. */
  job_start_ts: string | null;
  validation_complete_ts: string | null;
  /** The engine's message for ERROR rows, when recorded. */
  error_message?: string | null;
  /** The row's result payload (each check with its numbers and samples), when the engine reads it back. */
  payload?: Payload | null;
  /** ISO-8601 (UTC) start of the task, when the engine records it. */
  validation_begin_ts?: string | null;
  /**
   * Where the row's run stands: RUNNING while it is in flight, INCOMPLETE when its process died before the run
   * was recorded whole (its unfinished tasks then appear as ERROR rows that say so). Absent: a finished run.
   */
  run_state?: 'RUNNING' | 'FINISHED' | 'CANCELLED' | 'INCOMPLETE';
  /** The run's page in the engine's workspace, when it has one (a Databricks job run); the engine builds it. */
  run_url?: string;
}

export interface HistoryQuery {
  /** How many runs (not rows) to return, newest first. */
  limit: number;
  /** Only rows of these tasks (a pact's task keys); all rows when absent. */
  taskKeys?: readonly string[];
  /**
   * Start stopped compute to read the history (a SQL warehouse): true when a person asked for it (`datapact
   * history`); absent, an engine whose history needs stopped compute says so instead (an editor loading history in
   * the background never starts a warehouse).
   */
  startCompute?: boolean;
}
