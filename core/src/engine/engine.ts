/**
 * The seam between adapters (CLI, editor) and the places validations run. An adapter resolves the engine
 * configuration, asks `createEngine` for an engine and calls it; it never looks at how the engine works
 * (DuckDB today, Databricks next), so a new engine plugs in here without touching the adapters.
 */
import type { EngineType, Pact } from '../model/pact';
import type { RunResult, TaskResult, TaskStatus } from '../model/results';

/** Options of one run. */
export interface RunOptions {
  /** The pact file's path, for messages and the run's `pact` field. */
  pactPath: string;
  /** Only these tasks (in pact order); all tasks when absent. Unknown keys are the caller's error to report. */
  taskKeys?: readonly string[];
  /**
   * Called once per task as soon as its row is recorded, in completion order. If it throws, the run still runs
   * and records every task, then rejects with the first such error.
   */
  onTaskFinished?: (result: TaskResult) => void;
  /** Aborting stops queued tasks (they end as ERROR "cancelled") and interrupts running ones. */
  signal?: AbortSignal;
}

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
}

export interface HistoryQuery {
  /** How many runs (not rows) to return, newest first. */
  limit: number;
  /** Only rows of these tasks (a pact's task keys); all rows when absent. */
  taskKeys?: readonly string[];
}

/** An engine a pact can run on. */
export interface Engine {
  readonly type: EngineType;
  /** Runs the pact's tasks, records each task's row, then the aggregate step. Throws EngineConfigError only. */
  run(pact: Pact, options: RunOptions): Promise<EngineRunResult>;
  /** Recent history rows, newest run first (rows of one run in task order). Empty when nothing is recorded yet. */
  history(options: HistoryQuery): Promise<HistoryEntry[]>;
}
