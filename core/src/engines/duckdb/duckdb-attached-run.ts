/**
 * A handle for a local run started by another process (or before a window reload), rebuilt from the results
 * store: it polls the store with backoff (0.1 s rising to 2 s) and reports each newly recorded task until the run
 * is final: FINISHED or CANCELLED as recorded, or INCOMPLETE once its process is gone without recording its end.
 */
import { hostname } from 'node:os';
import type { TaskResult } from '../../model/results';
import type { AggregateOutcome } from '../../engine/engine';
import { parsePayload } from '../../engine/payload-json';
import { runStatus } from '../../engine/run-status';
import type { RunState } from '../engine-plugin';
import { PolledAttachedRun } from '../polled-attached-run';
import { readResultsStore, storeTable } from './duckdb-results-store';
import { INCOMPLETE_TASK_MESSAGE, readStoredRun, type StoredRun, type StoredTaskRow } from './duckdb-history';

const LAST_POLL_MS = 2_000;

export class AttachedDuckDbRun extends PolledAttachedRun {
  constructor(
    runId: string,
    private readonly resultsPath: string,
    private readonly pactPath: string,
    first: { run?: StoredRun; rows: StoredTaskRow[] },
  ) {
    super(
      runId,
      { run_id: runId, engine: 'duckdb', pact: first.run?.pact ?? pactPath, started_at: first.run?.started_at ?? new Date(0).toISOString() },
      first.run?.task_keys ?? first.rows.map((r) => r.task_key),
      LAST_POLL_MS,
    );
    this.apply(first);
  }

  /** The owner's pid while the run is RUNNING and its process is on this machine (`datapact run` cancels on SIGINT). */
  protected async runningOwnerPid(): Promise<number | undefined> {
    const stored = await readStoredRun(this.resultsPath, this.runId);
    return stored?.run?.state === 'RUNNING' ? ownerPid(this.resultsPath, this.runId) : undefined;
  }

  protected async readOnce(): Promise<boolean> {
    const stored = await readStoredRun(this.resultsPath, this.runId);
    return stored ? this.apply(stored) : false;
  }

  /** Reports rows not seen before and, once the run is final, its result; true when anything changed. */
  private apply(stored: { run?: StoredRun; rows: StoredTaskRow[] }): boolean {
    let progressed = false;
    for (const row of stored.rows) {
      if (!this.reported(row.task_key)) progressed = this.report(taskResult(row)) || progressed;
    }
    // A store written before runs were recorded has only rows: such a run is finished as far as anyone can tell.
    const state: RunState = stored.run?.state ?? 'FINISHED';
    if (state === 'RUNNING') return progressed;
    const taskKeys = stored.run?.task_keys ?? stored.rows.map((r) => r.task_key);
    const byKey = new Map(stored.rows.map((r) => [r.task_key, r]));
    const missing = taskKeys.filter((key) => !byKey.has(key));
    const tasks = taskKeys.map((key) => {
      const row = byKey.get(key);
      if (row) return taskResult(row);
      const absent: TaskResult = {
        task_key: key,
        status: 'ERROR',
        error: state === 'INCOMPLETE' ? INCOMPLETE_TASK_MESSAGE : 'the task recorded no row',
        payload: null,
        // It never ran to an end anyone recorded: no duration to show.
        started_at: stored.run?.started_at ?? new Date(0).toISOString(),
        finished_at: stored.run?.started_at ?? new Date(0).toISOString(),
      };
      this.tracker.emit({ kind: 'task-finished', result: absent });
      return absent;
    });
    const aggregate: AggregateOutcome =
      state === 'INCOMPLETE'
        ? { passed: false, message: 'the run did not finish: its process stopped before recording its end' }
        : stored.run?.aggregate_passed === false
          ? { passed: false, ...(stored.run.aggregate_message ? { message: stored.run.aggregate_message } : {}) }
          : { passed: stored.run?.aggregate_passed ?? runStatus(tasks) === 'SUCCESS' };
    this.finalResult = {
      pact: this.pactPath,
      engine: 'duckdb',
      run_id: this.runId,
      status: runStatus(tasks),
      tasks,
      aggregate,
      resultsLocation: this.resultsPath,
      ...(missing.length > 0 ? { unrecorded: { reason: 'these tasks recorded no row', taskKeys: missing } } : {}),
    };
    this.tracker.finish(state, { kind: 'run-finished', result: this.finalResult });
    return true;
  }
}

function taskResult(row: StoredTaskRow): TaskResult {
  const payload = parsePayload(row.payload);
  const error = row.status === 'ERROR' && payload && typeof payload.error === 'string' ? payload.error : undefined;
  const begin = row.begin_ts ?? row.complete_ts ?? new Date(0).toISOString();
  return {
    task_key: row.task_key,
    status: row.status,
    ...(error !== undefined ? { error } : {}),
    payload: error !== undefined ? null : payload,
    started_at: begin,
    finished_at: row.complete_ts ?? begin,
  };
}

/** The pid of the process running `runId` when it runs on this machine. */
async function ownerPid(resultsPath: string, runId: string): Promise<number | undefined> {
  return readResultsStore(resultsPath, async (connection) => {
    const row = (
      await connection.runAndReadAll(`SELECT host, pid FROM ${storeTable('datapact_runs')} WHERE run_id = ${runId} LIMIT 1`)
    ).getRowObjectsJson()[0];
    return row && row.host === hostname() && typeof row.pid === 'number' ? row.pid : undefined;
  });
}
