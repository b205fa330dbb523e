/**
 * One local run: an in-memory DuckDB instance with the pact's catalogs attached (read-only) and the run's
 * in-memory result tables; tasks run on a small pool of connections, each computing its row into memory, which is
 * then copied into the results file in a short write (rows that finish close together share one); then the
 * aggregate step judges the run from what was recorded. `start` returns once the run is checked and its start
 * recorded; the tasks run in the background.
 */
import { availableParallelism, hostname } from 'node:os';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Pact, Task } from '../../model/pact';
import type { TaskResult } from '../../model/results';
import { compileAggregate, compileRecordError, compileRecordResult, getDialect, tableFqn, type SideColumn, type TaskColumns } from '../../sql/index';
import { readDuckDbTaskColumns } from './duckdb-task-columns';
import { attachCatalogs, CatalogConfigError } from '../../duckdb/attach-catalogs';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { AggregateOutcome, EngineRunResult } from '../../engine/engine';
import { EngineConfigError } from '../../engine/engine-errors';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { localJobId, newRunId } from '../../engine/run-id';
import { runStatus } from '../../engine/run-status';
import type { Disposable, RunEvent, RunHandle, RunSnapshot, StartOptions } from '../engine-plugin';
import { RunTracker } from '../run-tracker';
import { createDuckDbInstance } from './duckdb-instance';
import { attachStaging, EXPECTED_TASKS, LOCAL_RESULT_TABLES, recordExpectedTasks, RESULTS_CATALOG, ResultsFileWriter } from './duckdb-results-store';
import { runStatement, type RunParameters } from './duckdb-statement';
import { recordError, runTask, type PreparedTask } from './duckdb-task-runner';

/** More connections than cores only adds contention: DuckDB already parallelises each query internally. */
const MAX_CONCURRENT_TASKS = Math.max(2, Math.min(4, availableParallelism()));

export const CANCELLED_MESSAGE = 'the run was cancelled';

export class LocalDuckDbRun implements RunHandle {
  readonly runId: string;
  readonly result: Promise<EngineRunResult>;
  private readonly tracker: RunTracker;
  private readonly abort = new AbortController();
  private readonly busy = new Set<DuckDBConnection>();
  private readonly connections: DuckDBConnection[] = [];

  private constructor(
    private readonly config: ResolvedEngineConfig,
    private readonly instance: DuckDBInstance,
    private readonly main: DuckDBConnection,
    private readonly store: ResultsFileWriter | undefined,
    private readonly tasks: readonly PlannedTask[],
    private readonly params: RunParameters,
    private readonly options: StartOptions,
    startedAt: string,
  ) {
    this.runId = String(params.run_id);
    this.tracker = new RunTracker(
      { run_id: this.runId, engine: 'duckdb', pact: options.pactPath, started_at: startedAt },
      tasks.map((t) => t.task.task_key),
    );
    this.connections.push(main);
    // Listeners are added once `start` has returned the handle; the run begins on the next turn so they see it all.
    this.result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute());
    this.result.catch(() => undefined);
  }

  /** @throws EngineConfigError when the run cannot start (catalogs, results store); nothing has run then */
  static async start(config: ResolvedEngineConfig, pact: Pact, options: StartOptions): Promise<LocalDuckDbRun> {
    // DuckDB catalog names ignore case: `DataPact_Results` would collide with the run's result tables too.
    const reserved = Object.keys(config.catalogs).find((name) => name.toLowerCase() === RESULTS_CATALOG);
    if (reserved !== undefined) throw new EngineConfigError(`catalog name "${reserved}" is reserved for the results file; rename it`);
    const selected = selectTasks(pact.validations, options.taskKeys);
    // A catalog the engine block does not name would fail every task that reads it: a configuration error, found
    // before anything is written (no results store, no run record).
    const attached = new Set(Object.keys(config.catalogs).map((name) => name.toLowerCase()));
    const missing = [...new Set(selected.flatMap((t) => [t.source_catalog, t.target_catalog]))].filter((c) => !attached.has(c.toLowerCase()));
    if (missing.length > 0) {
      const named = missing.map((c) => `"${c}"`).join(', ');
      throw new CatalogConfigError(
        `the pact reads catalog${missing.length > 1 ? 's' : ''} ${named}, which engine.catalogs does not name; ` +
          'add each under engine.catalogs (name: path of a .duckdb file or a folder of Parquet/CSV)',
      );
    }
    const now = new Date();
    const params: RunParameters = {
      run_id: newRunId(now).toString(),
      job_id: localJobId(config.job_name).toString(),
      job_start_ms: String(now.getTime()),
    };
    const instance = await createDuckDbInstance();
    let main: DuckDBConnection | undefined;
    try {
      main = await instance.connect();
      await attachCatalogs(main, config.catalogs, { hivePartitioning: config.hive_partitioning });
      await attachStaging(main);
      // Each task is compiled with both tables' columns (compare by name and value, exact sums); a table several
      // tasks read is described once.
      const described = new Map<string, Promise<SideColumn[]>>();
      const tasks: PlannedTask[] = [];
      for (const task of selected) tasks.push({ task, columns: await readDuckDbTaskColumns(main, task, described) });
      await recordExpectedTasks(main, tasks.map((t) => t.task.task_key));
      let store: ResultsFileWriter | undefined;
      if (options.recordHistory !== false) {
        store = new ResultsFileWriter(await instance.connect(), config.results);
        await store.begin({
          runId: String(params.run_id),
          jobId: String(params.job_id),
          jobName: config.job_name,
          pact: options.pactPath,
          taskKeys: tasks.map((t) => t.task.task_key),
          startedAt: sqlTimestamp(now),
          host: hostname(),
          pid: process.pid,
        });
      }
      return new LocalDuckDbRun(config, instance, main, store, tasks, params, options, now.toISOString());
    } catch (error) {
      main?.disconnectSync();
      instance.closeSync();
      throw error;
    }
  }

  snapshot(): RunSnapshot {
    return this.tracker.snapshot();
  }

  onEvent(listener: (event: RunEvent) => void): Disposable {
    return this.tracker.onEvent(listener);
  }

  /** Stops queued tasks (recorded as ERROR "the run was cancelled"), interrupts running ones, awaits the end. */
  async cancel(): Promise<void> {
    if (!this.abort.signal.aborted) {
      this.abort.abort();
      // A task between statements (or still preparing) would miss a single interrupt: repeat until the run ends.
      const interrupt = () => this.busy.forEach((connection) => connection.interrupt());
      interrupt();
      const timer = setInterval(interrupt, 50);
      void this.result.catch(() => undefined).finally(() => clearInterval(timer));
    }
    await this.result.catch(() => undefined);
  }

  private async execute(): Promise<EngineRunResult> {
    try {
      for (const { task } of this.tasks) this.tracker.emit({ kind: 'task-queued', task_key: task.task_key });
      this.tracker.running();
      const results = await this.runAll();
      const cancelled = this.abort.signal.aborted;
      const aggregate: AggregateOutcome = cancelled ? { passed: false, message: CANCELLED_MESSAGE } : await this.runAggregate();
      if (!cancelled) this.tracker.emit({ kind: 'aggregate-finished', aggregate });
      const status = runStatus(results.map((r) => r.result));
      const unrecorded = results.filter((r) => r.unrecorded).map((r) => r.result.task_key);
      let finishFailure: string | undefined;
      if (this.store) {
        try {
          await this.store.finish(this.runId, {
            state: cancelled ? 'CANCELLED' : 'FINISHED',
            status,
            aggregatePassed: aggregate.passed,
            aggregateMessage: aggregate.message,
          });
        } catch (error) {
          finishFailure = oneLineEngineMessage(error);
        }
      }
      const result: EngineRunResult = {
        pact: this.options.pactPath,
        engine: 'duckdb',
        run_id: this.runId,
        status,
        tasks: results.map((r) => r.result),
        aggregate,
        resultsLocation: this.config.results,
        ...(this.store === undefined
          ? { unrecorded: { reason: 'recording was turned off for this run', taskKeys: this.tasks.map((t) => t.task.task_key) } }
          : unrecorded.length > 0 || finishFailure
            ? {
                unrecorded: {
                  reason: finishFailure
                    ? `the run's completion could not be recorded: ${finishFailure}`
                    : 'some rows could not be written to the results store',
                  taskKeys: unrecorded,
                },
              }
            : {}),
      };
      this.tracker.finish(cancelled ? 'CANCELLED' : 'FINISHED', { kind: 'run-finished', result });
      // Every row is recorded and the aggregate step has run: only now does a failing listener surface.
      if (this.tracker.listenerFailure) throw this.tracker.listenerFailure.error;
      return result;
    } finally {
      for (const connection of this.connections) connection.disconnectSync();
      this.instance.closeSync();
    }
  }

  /** Runs tasks on up to MAX_CONCURRENT_TASKS connections; results come back in pact order. */
  private async runAll(): Promise<{ result: TaskResult; unrecorded: boolean }[]> {
    const results: { result: TaskResult; unrecorded: boolean }[] = new Array(this.tasks.length);
    const size = Math.min(MAX_CONCURRENT_TASKS, this.tasks.length);
    const pool = [this.main];
    while (pool.length < size) {
      const connection = await this.instance.connect();
      this.connections.push(connection);
      pool.push(connection);
    }
    let next = 0;
    const recordings: Promise<void>[] = [];
    const cancelled = () => this.abort.signal.aborted;
    const worker = async (connection: DuckDBConnection) => {
      while (next < this.tasks.length) {
        const index = next++;
        // Compiled only now: a task's SQL (≈ 6 kB) is kept only while it runs, not for the whole run (62 MB of
        // SQL text held through a 10,000-task run when every task was compiled before the first ran).
        const planned = this.tasks[index]!;
        const task = prepareTask(planned.task, this.config.job_name, planned.columns);
        const begin = new Date();
        let result: TaskResult;
        if (cancelled()) {
          result = await recordError(connection, task, this.params, CANCELLED_MESSAGE, begin.toISOString());
        } else {
          this.tracker.emit({ kind: 'task-running', task_key: task.taskKey, at: begin.toISOString() });
          this.busy.add(connection);
          result = await runTask(
            connection,
            task,
            this.params,
            () => (cancelled() ? CANCELLED_MESSAGE : undefined),
            () => this.busy.delete(connection),
          );
          this.busy.delete(connection);
        }
        // The next task begins while this row waits for its write (rows go to the file in batches): a run is
        // never paced by its writes. The task is reported finished once its row is in the file.
        recordings.push(
          this.record(result, begin).then((recorded) => {
            results[index] = recorded;
            this.tracker.emit({ kind: 'task-finished', result: recorded.result });
          }),
        );
      }
    };
    await Promise.all(pool.slice(0, Math.max(size, 0)).map(worker));
    this.store?.settle();
    await Promise.all(recordings);
    return results;
  }

  /** Copies the task's row into the results file; a row that cannot be written makes the task ERROR, saying so. */
  private async record(result: TaskResult, begin: Date): Promise<{ result: TaskResult; unrecorded: boolean }> {
    if (!this.store) return { result, unrecorded: true };
    const end = new Date(result.finished_at);
    try {
      await this.store.copyTaskRow(this.runId, result.task_key, sqlTimestamp(begin), sqlTimestamp(end));
      return { result, unrecorded: false };
    } catch (error) {
      const why = `its row could not be written to ${this.store.path}: ${oneLineEngineMessage(error)}`;
      const error_message = result.status === 'ERROR' ? `${result.error ?? 'ERROR'} (and ${why})` : `computed ${result.status}, but ${why}`;
      return { result: { ...result, status: 'ERROR', error: error_message }, unrecorded: true };
    }
  }

  private async runAggregate(): Promise<AggregateOutcome> {
    try {
      const statements = compileAggregate('duckdb', { tables: LOCAL_RESULT_TABLES, jobName: this.config.job_name, expectedTasks: EXPECTED_TASKS });
      for (const statement of statements) await runStatement(this.main, statement, this.params);
      return { passed: true };
    } catch (error) {
      return { passed: false, message: oneLineEngineMessage(error).replace(/^Invalid Input Error: /, '') };
    }
  }
}

/** A task of the run with both tables' columns, read before the run starts; compiled when its turn comes. */
interface PlannedTask {
  task: Task;
  columns: TaskColumns | undefined;
}

function selectTasks(all: readonly Task[], keys: readonly string[] | undefined): Task[] {
  if (!keys) return [...all];
  const wanted = new Set(keys);
  return all.filter((task) => wanted.has(task.task_key));
}

function prepareTask(task: Task, jobName: string, columns: TaskColumns | undefined): PreparedTask {
  const context = { tables: LOCAL_RESULT_TABLES, jobName };
  const duckdb = getDialect('duckdb');
  const tables = { source: tableFqn(duckdb, task, 'source'), target: tableFqn(duckdb, task, 'target') };
  let recordErrorSql: string | undefined;
  try {
    recordErrorSql = compileRecordError(task, 'duckdb', context);
    return { taskKey: task.task_key, tables, recordErrorSql, recordSql: compileRecordResult(task, 'duckdb', { ...context, ...(columns ? { columns } : {}) }) };
  } catch (error) {
    return { taskKey: task.task_key, tables, recordErrorSql, compileError: `cannot generate SQL: ${oneLineEngineMessage(error)}` };
  }
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: what a DuckDB TIMESTAMP parameter accepts from text. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
