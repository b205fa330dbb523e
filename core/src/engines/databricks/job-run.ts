/**
 * A pact's run as a Databricks job run, started here or attached to by run id: the run is polled with back-off
 * (2 s rising to 10 s), each task's state change becomes a line and an event; once the job run ends, each task's
 * latest row is read back from run_history in one statement. A task with no row is ERROR (never a pass because its
 * job task succeeded); the aggregate step's verdict is the aggregate_results task's.
 *
 * A handle attached by id starts from the job run as Jobs reports it (`first`): a terminated run is final at once,
 * its results the rows read back from run_history, and is never polled; a run in flight starts RUNNING (PENDING
 * while Jobs queues it) and is followed from the first use of its result or events (a listing only looks).
 */
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { AggregateOutcome, EngineRunResult } from '../../engine/engine';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { resultTablesFor } from '../../engine/result-tables';
import { runStatus } from '../../engine/run-status';
import type { TaskResult } from '../../model/results';
import { NO_ROW_RECORDED_MESSAGE } from '../../sql/index';
import type { Disposable, EngineHost, RunEvent, RunHandle, RunSnapshot } from '../engine-plugin';
import { RunTracker } from '../run-tracker';
import { AGGREGATE_TASK_KEY } from './job-plan';
import { cancelRun, getRun, type JobRun, type JobRunTask } from './jobs-api';
import { readRunRows, type RecordedRow } from './results-tables';
import { jobRunPageUrl } from './run-page';
import type { WorkspaceApi } from './workspace-api';

export const CANCELLED_MESSAGE = 'the run was cancelled';
const FINAL_LIFE_CYCLES = new Set(['TERMINATED', 'SKIPPED', 'INTERNAL_ERROR']);
/** Life cycles of a run whose tasks are handed out (TERMINATING: its last tasks are ending). */
const RUNNING_LIFE_CYCLES = new Set(['RUNNING', 'TERMINATING']);
const FIRST_POLL_MS = 2000;
const MAX_POLL_MS = 10_000;

export interface JobRunContext {
  api: WorkspaceApi;
  host: EngineHost;
  config: ResolvedEngineConfig;
  hostUrl: string;
  /** Decimal ids, exact (int64 ids past 2^53 are not exact as JS numbers). */
  jobId: string;
  runId: string;
  warehouseId: string;
  pactPath: string;
  /** Job task key → pact task key, for the run's validation tasks in pact order. */
  taskKeys: Map<string, string>;
  startedAt: string;
  /** The published dashboard the job's last task refreshes, when the job has one. */
  dashboardUrl?: string;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

/** True when Jobs reports the run ended (it will not change again). */
export function isFinalJobRun(run: JobRun): boolean {
  return FINAL_LIFE_CYCLES.has(String(run.state?.life_cycle_state ?? ''));
}

/** A run's rows read back from run_history, or why they could not be. */
export interface RecordedRows {
  rows: Map<string, RecordedRow>;
  readFailure?: string;
}

/** Reads the run's latest row per task; a failed read is kept as the reason (each task then ends ERROR). */
export async function readRecordedRows(api: WorkspaceApi, warehouseId: string, config: ResolvedEngineConfig, runId: string): Promise<RecordedRows> {
  try {
    return { rows: await readRunRows(api, warehouseId, resultTablesFor(config.results_table), runId) };
  } catch (error) {
    return { rows: new Map(), readFailure: `its row could not be read back from run_history: ${oneLineEngineMessage(error)}` };
  }
}

/** The job run as found when attaching by id: for a terminated run, with its rows already read back. */
export interface AttachedJobRun {
  run: JobRun;
  recorded?: RecordedRows;
}

export class JobRunHandle implements RunHandle {
  readonly runId: string;
  private resultPromise?: Promise<EngineRunResult>;
  private readonly tracker: RunTracker;
  private cancelRequested = false;
  private stopped = false;
  private wake?: () => void;
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly ctx: JobRunContext,
    first?: AttachedJobRun,
  ) {
    this.runId = ctx.runId;
    this.tracker = new RunTracker(
      {
        run_id: this.runId,
        engine: 'databricks',
        pact: ctx.pactPath,
        started_at: ctx.startedAt,
        url: jobRunPageUrl(ctx.hostUrl, ctx.jobId, ctx.runId),
        job_id: ctx.jobId,
        ...(ctx.dashboardUrl ? { dashboard_url: ctx.dashboardUrl } : {}),
      },
      [...ctx.taskKeys.values()],
    );
    if (first && isFinalJobRun(first.run) && first.recorded) {
      this.resultPromise = Promise.resolve(this.settle(first.run, first.recorded));
    } else if (first) {
      this.startFrom(first.run);
    }
  }

  /** The final result; following the job run starts on first use (or on the first listener). */
  get result(): Promise<EngineRunResult> {
    if (!this.resultPromise) {
      // Listeners are added once the handle is returned; following starts on the next turn so they see it all.
      this.resultPromise = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.follow());
      this.resultPromise.catch(() => undefined);
    }
    return this.resultPromise;
  }

  snapshot(): RunSnapshot {
    return this.tracker.snapshot();
  }

  onEvent(listener: (event: RunEvent) => void): Disposable {
    const disposable = this.tracker.onEvent(listener);
    void this.result.catch(() => undefined);
    return disposable;
  }

  /** Stops following (the engine is being disposed); a pending result then rejects. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Cancels the job run and resolves once Jobs reports it ended. */
  async cancel(): Promise<void> {
    if (!this.cancelRequested && this.tracker.runState !== 'FINISHED' && this.tracker.runState !== 'CANCELLED') {
      this.cancelRequested = true;
      this.ctx.host.log?.(`cancelling job run ${this.runId}…`);
      await cancelRun(this.ctx.api, this.runId);
      this.wake?.();
    }
    await this.result.catch(() => undefined);
  }

  private async follow(): Promise<EngineRunResult> {
    let run: JobRun;
    let wait = FIRST_POLL_MS;
    for (;;) {
      if (this.stopped) throw new Error(`stopped following job run ${this.runId}`);
      run = await getRun(this.ctx.api, this.runId);
      this.report(run);
      if (isFinalJobRun(run)) break;
      if (this.stopped) throw new Error(`stopped following job run ${this.runId}`);
      // After a cancel, look again soon: the caller waits for the confirmation.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.cancelRequested ? 500 : wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      wait = Math.min(Math.round(wait * 1.5), MAX_POLL_MS);
    }
    const recorded = await readRecordedRows(this.ctx.api, this.ctx.warehouseId, this.ctx.config, this.runId);
    return this.settle(run, recorded);
  }

  /**
   * The state of a run in flight as found on attaching, without a line or an event (no one listens yet): the
   * first poll then reports each task's state as news.
   */
  private startFrom(run: JobRun): void {
    if (RUNNING_LIFE_CYCLES.has(String(run.state?.life_cycle_state ?? ''))) this.tracker.running();
    for (const task of run.tasks ?? []) {
      const pactKey = this.ctx.taskKeys.get(task.task_key ?? '');
      if (pactKey !== undefined && String(task.state?.life_cycle_state ?? '') === 'RUNNING') {
        this.tracker.emit({ kind: 'task-running', task_key: pactKey, at: iso(task.start_time) ?? new Date().toISOString() });
      }
    }
  }

  /** A line and an event per task state change. */
  private report(run: JobRun): void {
    const runState = String(run.state?.life_cycle_state ?? '');
    if (RUNNING_LIFE_CYCLES.has(runState)) this.tracker.running();
    for (const task of run.tasks ?? []) {
      const key = task.task_key ?? '';
      const life = String(task.state?.life_cycle_state ?? 'PENDING');
      const outcome = task.state?.result_state ? ` ${String(task.state.result_state)}` : '';
      const state = `${life}${outcome}`;
      if (this.seen.get(key) === state) continue;
      this.seen.set(key, state);
      const pactKey = key === AGGREGATE_TASK_KEY ? AGGREGATE_TASK_KEY : this.ctx.taskKeys.get(key);
      if (pactKey === undefined) continue;
      this.ctx.host.log?.(`${pactKey}: ${state.toLowerCase().replace(/_/g, ' ')}`);
      if (life === 'RUNNING' && key !== AGGREGATE_TASK_KEY) {
        this.tracker.emit({ kind: 'task-running', task_key: pactKey, at: iso(task.start_time) ?? new Date().toISOString() });
      }
      this.tracker.emit({ kind: 'note', message: `${pactKey}: ${state}` });
    }
  }

  /** The result of an ended job run from its rows: each task's latest row, ERROR where it has none. */
  private settle(run: JobRun, { rows, readFailure }: RecordedRows): EngineRunResult {
    const cancelled = this.cancelRequested || run.state?.result_state === 'CANCELED' || run.state?.user_cancelled_or_timedout === true;
    const tables = resultTablesFor(this.ctx.config.results_table);
    const byKey = new Map((run.tasks ?? []).map((t) => [t.task_key ?? '', t]));
    const results: TaskResult[] = [];
    for (const [jobKey, pactKey] of this.ctx.taskKeys) {
      const task = byKey.get(jobKey);
      const started_at = iso(task?.start_time) ?? this.ctx.startedAt;
      const finished_at = iso(task?.end_time) ?? new Date().toISOString();
      const row = rows.get(pactKey);
      let result: TaskResult;
      if (row) {
        const recorded = row.status === 'ERROR' && typeof row.payload?.error === 'string' ? row.payload.error : undefined;
        // The row aggregate_results wrote for a task that wrote none: its job task's own state says why.
        const error = recorded === undefined ? {} : { error: recorded === NO_ROW_RECORDED_MESSAGE ? this.noRowMessage(task, cancelled) : recorded };
        result = { task_key: pactKey, status: row.status, ...error, payload: row.payload, started_at, finished_at };
      } else {
        result = { task_key: pactKey, status: 'ERROR', error: readFailure ?? this.noRowMessage(task, cancelled), payload: null, started_at, finished_at };
      }
      results.push(result);
      this.tracker.emit({ kind: 'task-finished', result });
    }
    const aggregateTask = byKey.get(AGGREGATE_TASK_KEY);
    const aggregate: AggregateOutcome = cancelled
      ? { passed: false, message: CANCELLED_MESSAGE }
      : aggregateTask?.state?.result_state === 'SUCCESS'
        ? { passed: true }
        : { passed: false, message: oneLine(aggregateTask?.state?.state_message) ?? `the aggregate_results task ended ${describe(aggregateTask)}` };
    if (!cancelled) this.tracker.emit({ kind: 'aggregate-finished', aggregate });
    const result: EngineRunResult = {
      pact: this.ctx.pactPath,
      engine: 'databricks',
      run_id: this.runId,
      status: runStatus(results),
      tasks: results,
      aggregate,
      resultsLocation: `${tables.runHistory.catalog}.${tables.runHistory.schema}.${tables.runHistory.table}`,
    };
    this.tracker.finish(cancelled ? 'CANCELLED' : 'FINISHED', { kind: 'run-finished', result });
    if (this.tracker.listenerFailure) throw this.tracker.listenerFailure.error;
    return result;
  }

  private noRowMessage(task: JobRunTask | undefined, cancelled: boolean): string {
    if (cancelled && task?.state?.result_state !== 'SUCCESS' && task?.state?.result_state !== 'FAILED') return CANCELLED_MESSAGE;
    const why = oneLine(task?.state?.state_message);
    return `the task recorded no row in run_history (its job task ended ${describe(task)}${why ? `: ${why}` : ''})`;
  }
}

function describe(task: JobRunTask | undefined): string {
  if (!task) return 'without running';
  return String(task.state?.result_state ?? task.state?.life_cycle_state ?? 'UNKNOWN');
}

function oneLine(text: string | undefined): string | undefined {
  return text && text.trim() !== '' ? oneLineEngineMessage(text) : undefined;
}
