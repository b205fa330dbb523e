/**
 * A direct run (`--direct`, one task by key: the editor's Run Task): no job, each task's INSERT … SELECT sent
 * through the Statement Execution API on the warehouse, a few at once, with the run values as typed `:name`
 * parameters; a task whose statement fails records an ERROR row saying why. Each row is read back as its task
 * finishes, then the aggregate statements judge the run from what was recorded — the same rows and verdicts as a
 * job run. Its progress is kept for other processes to attach to (direct-run-record.ts, direct-attached-run.ts).
 */
import { hostname } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { AggregateOutcome, EngineRunResult } from '../../engine/engine';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { resultTablesFor } from '../../engine/result-tables';
import { localJobId, newRunId } from '../../engine/run-id';
import { runStatus } from '../../engine/run-status';
import type { Task } from '../../model/pact';
import type { TaskResult } from '../../model/results';
import { compileAggregate, compileRecordError, compileRecordResult, type TaskColumns } from '../../sql/index';
import type { Disposable, EngineHost, RunEvent, RunHandle, RunSnapshot } from '../engine-plugin';
import { RunTracker } from '../run-tracker';
import { pruneDirectRunRecords, writeDirectRunRecord, type DirectRunRecord } from './direct-run-record';
import { CANCELLED_MESSAGE } from './job-run';
import { readRunRows } from './results-tables';
import { runStatement, StatementFailed, type StatementParameter } from './statements';
import type { WorkspaceApi } from './workspace-api';

/** Statements at once on the warehouse (it queues the rest anyway; a few keep the editor's feedback quick). */
const STATEMENTS_AT_ONCE = 4;

export interface DirectRunContext {
  api: WorkspaceApi;
  host: EngineHost;
  config: ResolvedEngineConfig;
  warehouseId: string;
  pactPath: string;
  tasks: readonly Task[];
  /** Both tables' columns per task key, read by the run (task-columns.ts); a task without them compiles without. */
  columns?: ReadonlyMap<string, TaskColumns>;
}

export class DirectRunHandle implements RunHandle {
  readonly runId: string;
  readonly result: Promise<EngineRunResult>;
  private readonly tracker: RunTracker;
  private readonly params: StatementParameter[];
  private readonly inFlight = new Set<string>();
  private cancelled = false;
  private readonly tables;
  private readonly history;
  private readonly record: DirectRunRecord;
  private recordFailed = false;

  constructor(private readonly ctx: DirectRunContext) {
    const now = new Date();
    this.runId = newRunId(now).toString();
    this.params = [
      { name: 'run_id', value: this.runId, type: 'BIGINT' },
      { name: 'job_id', value: localJobId(ctx.config.job_name).toString(), type: 'BIGINT' },
      { name: 'job_start_ms', value: String(now.getTime()), type: 'BIGINT' },
    ];
    this.tables = resultTablesFor(ctx.config.results_table);
    this.history = { tables: this.tables, jobName: ctx.config.job_name };
    this.tracker = new RunTracker(
      { run_id: this.runId, engine: 'databricks', pact: ctx.pactPath, started_at: now.toISOString() },
      ctx.tasks.map((t) => t.task_key),
    );
    // Written before the run id is handed out, so a process told the id can attach at once.
    this.record = {
      run_id: this.runId,
      pact: resolvePath(ctx.pactPath),
      task_keys: ctx.tasks.map((t) => t.task_key),
      started_at: now.toISOString(),
      host: hostname(),
      pid: process.pid,
      state: 'RUNNING',
      results: [],
    };
    pruneDirectRunRecords(ctx.pactPath, now.getTime());
    this.persist();
    this.result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute());
    this.result.catch(() => undefined);
  }

  snapshot(): RunSnapshot {
    return this.tracker.snapshot();
  }

  onEvent(listener: (event: RunEvent) => void): Disposable {
    return this.tracker.onEvent(listener);
  }

  /** Queued tasks end as ERROR "cancelled"; statements in flight are cancelled; resolves once the run ended. */
  async cancel(): Promise<void> {
    if (!this.cancelled) {
      this.cancelled = true;
      await Promise.all(
        [...this.inFlight].map((id) => this.ctx.api.call('safe', (c) => c.statementExecution.cancelExecution({ statement_id: id })).catch(() => undefined)),
      );
    }
    await this.result.catch(() => undefined);
  }

  private async execute(): Promise<EngineRunResult> {
    const results: TaskResult[] = new Array(this.ctx.tasks.length);
    this.tracker.running();
    let next = 0;
    const worker = async () => {
      while (next < this.ctx.tasks.length) {
        const index = next++;
        const result = await this.runTask(this.ctx.tasks[index]!);
        results[index] = result;
        this.record.results.push(result);
        this.persist();
        this.tracker.emit({ kind: 'task-finished', result });
      }
    };
    await Promise.all(Array.from({ length: Math.min(STATEMENTS_AT_ONCE, this.ctx.tasks.length) }, worker));
    const aggregate: AggregateOutcome = this.cancelled ? { passed: false, message: CANCELLED_MESSAGE } : await this.aggregate();
    if (!this.cancelled) this.tracker.emit({ kind: 'aggregate-finished', aggregate });
    const result: EngineRunResult = {
      pact: this.ctx.pactPath,
      engine: 'databricks',
      run_id: this.runId,
      status: runStatus(results),
      tasks: results,
      aggregate,
      resultsLocation: `${this.tables.runHistory.catalog}.${this.tables.runHistory.schema}.${this.tables.runHistory.table}`,
    };
    this.record.state = this.cancelled ? 'CANCELLED' : 'FINISHED';
    this.record.result = result;
    this.persist();
    this.tracker.finish(this.cancelled ? 'CANCELLED' : 'FINISHED', { kind: 'run-finished', result });
    if (this.tracker.listenerFailure) throw this.tracker.listenerFailure.error;
    return result;
  }

  /** The run's record for processes that attach to it; one that cannot be written costs only attaching (said once). */
  private persist(): void {
    try {
      writeDirectRunRecord(this.ctx.pactPath, this.record);
    } catch (error) {
      if (!this.recordFailed) this.ctx.host.log?.(`the run's progress cannot be kept for others to follow it: ${oneLineEngineMessage(error)}`);
      this.recordFailed = true;
    }
  }

  private async statement(sql: string, extra: StatementParameter[] = []): Promise<void> {
    let id: string | undefined;
    try {
      await runStatement(this.ctx.api, this.ctx.warehouseId, sql, {
        // Only the markers the statement holds (a statement's parameters must all be used).
        parameters: [...this.params, ...extra].filter((p) => new RegExp(`:${p.name}\\b`).test(sql)),
        rows: false,
        onId: (statementId) => {
          id = statementId;
          this.inFlight.add(statementId);
        },
      });
    } finally {
      if (id) this.inFlight.delete(id);
    }
  }

  private async runTask(task: Task): Promise<TaskResult> {
    const started_at = new Date().toISOString();
    let failure: string | undefined;
    if (this.cancelled) failure = CANCELLED_MESSAGE;
    else {
      this.tracker.emit({ kind: 'task-running', task_key: task.task_key, at: started_at });
      try {
        const columns = this.ctx.columns?.get(task.task_key);
        await this.statement(compileRecordResult(task, 'databricks', { ...this.history, ...(columns ? { columns } : {}) }));
      } catch (error) {
        failure = this.cancelled ? CANCELLED_MESSAGE : oneLineEngineMessage(error);
        if (!(error instanceof StatementFailed) && !this.cancelled) failure = `cannot run: ${failure}`;
      }
    }
    if (failure !== undefined) {
      try {
        await this.statement(compileRecordError(task, 'databricks', this.history), [{ name: 'error_message', value: failure, type: 'STRING' }]);
      } catch (error) {
        failure = `${failure} (and recording the error failed: ${oneLineEngineMessage(error)})`;
      }
    }
    const finished_at = new Date().toISOString();
    try {
      const row = (await readRunRows(this.ctx.api, this.ctx.warehouseId, this.tables, this.runId, task.task_key)).get(task.task_key);
      if (!row) return { task_key: task.task_key, status: 'ERROR', error: failure ?? 'the task recorded no row in run_history', payload: null, started_at, finished_at };
      const error = row.status === 'ERROR' ? { error: failure ?? (typeof row.payload?.error === 'string' ? row.payload.error : 'ERROR') } : {};
      return { task_key: task.task_key, status: row.status, ...error, payload: row.payload, started_at, finished_at };
    } catch (error) {
      const why = `its row could not be read back: ${oneLineEngineMessage(error)}`;
      return { task_key: task.task_key, status: 'ERROR', error: failure ? `${failure} (and ${why})` : why, payload: null, started_at, finished_at };
    }
  }

  private async aggregate(): Promise<AggregateOutcome> {
    try {
      const statements = compileAggregate('databricks', { ...this.history, taskKeys: this.ctx.tasks.map((t) => t.task_key) });
      for (const sql of statements) await this.statement(sql);
      return { passed: true };
    } catch (error) {
      return { passed: false, message: oneLineEngineMessage(error) };
    }
  }
}
