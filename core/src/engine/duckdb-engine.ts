/**
 * The local engine: one in-memory DuckDB instance per run with the pact's catalogs attached (read-only) and the
 * results file attached read-write; tasks run on a small pool of connections, each recording its own row as it
 * finishes; then the aggregate step judges the run from what was recorded.
 */
import { availableParallelism } from 'node:os';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbInstance } from './duckdb-instance';
import type { Pact, Task } from '../model/pact';
import type { TaskResult } from '../model/results';
import { compileAggregate, compileRecordError, compileRecordResult, getDialect, tableFqn } from '../sql/index';
import { attachCatalogs } from '../duckdb/attach-catalogs';
import type { ResolvedEngineConfig } from './engine-config';
import type { AggregateOutcome, Engine, EngineRunResult, HistoryQuery, RunOptions } from './engine';
import { readHistory } from './duckdb-history';
import { attachResultsStore, LOCAL_RESULT_TABLES, RESULTS_CATALOG } from './duckdb-results-store';
import { runStatement, type RunParameters } from './duckdb-statement';
import { recordError, runTask, type PreparedTask } from './duckdb-task-runner';
import { EngineConfigError } from './engine-errors';
import { oneLineEngineMessage } from './engine-message';
import { localJobId, newRunId } from './run-id';
import { runStatus } from './run-status';

/** More connections than cores only adds contention: DuckDB already parallelises each query internally. */
const MAX_CONCURRENT_TASKS = Math.max(2, Math.min(4, availableParallelism()));

export class DuckDbEngine implements Engine {
  readonly type = 'duckdb' as const;

  constructor(private readonly config: ResolvedEngineConfig) {}

  history(options: HistoryQuery) {
    return readHistory(this.config.results, options);
  }

  async run(pact: Pact, options: RunOptions): Promise<EngineRunResult> {
    // DuckDB catalog names ignore case: `DataPact_Results` would collide with the results file too.
    const reserved = Object.keys(this.config.catalogs).find((name) => name.toLowerCase() === RESULTS_CATALOG);
    if (reserved !== undefined) {
      throw new EngineConfigError(`catalog name "${reserved}" is reserved for the results file; rename it`);
    }
    const tasks = selectTasks(pact.validations, options.taskKeys);
    const prepared = tasks.map((task) => prepareTask(task, this.config.job_name));
    const runId = newRunId();
    const params: RunParameters = {
      run_id: runId.toString(),
      job_id: localJobId(this.config.job_name).toString(),
      job_start_ts: sqlTimestamp(new Date()),
    };

    const instance = await createDuckDbInstance();
    const connections: DuckDBConnection[] = [];
    try {
      const main = await instance.connect();
      connections.push(main);
      await attachCatalogs(main, this.config.catalogs, { hivePartitioning: this.config.hive_partitioning });
      await attachResultsStore(main, this.config.results);
      const { results, listenerFailure } = await runAll(instance, connections, prepared, params, options);
      const aggregate = options.signal?.aborted
        ? { passed: false, message: 'the run was cancelled' }
        : await runAggregate(main, this.config.job_name, prepared, params);
      // Every row is recorded and the aggregate step has run: only now does a failing listener surface.
      if (listenerFailure) throw listenerFailure.error;
      return {
        pact: options.pactPath,
        engine: 'duckdb',
        run_id: runId.toString(),
        status: runStatus(results),
        tasks: results,
        aggregate,
        resultsLocation: this.config.results,
      };
    } finally {
      for (const connection of connections) connection.disconnectSync();
      instance.closeSync();
    }
  }
}

function selectTasks(all: readonly Task[], keys: readonly string[] | undefined): Task[] {
  if (!keys) return [...all];
  const wanted = new Set(keys);
  return all.filter((task) => wanted.has(task.task_key));
}

function prepareTask(task: Task, jobName: string): PreparedTask {
  const context = { tables: LOCAL_RESULT_TABLES, jobName };
  const duckdb = getDialect('duckdb');
  const tables = { source: tableFqn(duckdb, task, 'source'), target: tableFqn(duckdb, task, 'target') };
  let recordErrorSql: string | undefined;
  try {
    recordErrorSql = compileRecordError(task, 'duckdb', context);
    return { taskKey: task.task_key, tables, recordErrorSql, recordSql: compileRecordResult(task, 'duckdb', context) };
  } catch (error) {
    return { taskKey: task.task_key, tables, recordErrorSql, compileError: `cannot generate SQL: ${oneLineEngineMessage(error)}` };
  }
}

/**
 * Runs tasks on up to MAX_CONCURRENT_TASKS connections; results come back in pact order. A listener that throws
 * (an adapter's display) does not stop the run: its first error is handed back to be raised once every task is
 * recorded, so the run is neither cut short nor left with connections closed under running tasks.
 */
async function runAll(
  instance: DuckDBInstance,
  connections: DuckDBConnection[],
  tasks: readonly PreparedTask[],
  params: RunParameters,
  options: RunOptions,
): Promise<{ results: TaskResult[]; listenerFailure?: { error: unknown } }> {
  const results: TaskResult[] = new Array(tasks.length);
  let listenerFailure: { error: unknown } | undefined;
  const busy = new Set<DuckDBConnection>();
  const onAbort = () => busy.forEach((c) => c.interrupt());
  options.signal?.addEventListener('abort', onAbort);
  let next = 0;
  const worker = async (connection: DuckDBConnection) => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index]!;
      busy.add(connection);
      const result = options.signal?.aborted
        ? await recordError(connection, task, params, 'the run was cancelled', new Date().toISOString())
        : await runTask(connection, task, params);
      busy.delete(connection);
      results[index] = result;
      try {
        options.onTaskFinished?.(result);
      } catch (error) {
        listenerFailure ??= { error };
      }
    }
  };
  try {
    const size = Math.min(MAX_CONCURRENT_TASKS, tasks.length);
    while (connections.length < size) connections.push(await instance.connect());
    await Promise.all(connections.slice(0, Math.max(size, 0)).map(worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { results, listenerFailure };
}

async function runAggregate(
  connection: DuckDBConnection,
  jobName: string,
  tasks: readonly PreparedTask[],
  params: RunParameters,
): Promise<AggregateOutcome> {
  try {
    const statements = compileAggregate('duckdb', {
      tables: LOCAL_RESULT_TABLES,
      jobName,
      taskKeys: tasks.map((t) => t.taskKey),
    });
    for (const statement of statements) await runStatement(connection, statement, params);
    return { passed: true };
  } catch (error) {
    return { passed: false, message: oneLineEngineMessage(error).replace(/^Invalid Input Error: /, '') };
  }
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: what a DuckDB TIMESTAMP parameter accepts from text. */
function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
