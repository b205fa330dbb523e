/**
 * Reading runs back from a local results file (read-only, in short reads that wait out a writer's lock): recent
 * history, newest run first, and one run's rows for `attach`. A run whose `datapact_runs` row has no completion is
 * RUNNING while its process lives and INCOMPLETE once it is gone.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TaskStatus } from '../../model/results';
import { duckDbStringLiteral } from '../../duckdb/duckdb-quote';
import type { HistoryEntry, HistoryQuery } from '../../engine/engine';
import { parsePayload } from '../../engine/payload-json';
import { readResultsStore, storeHasRunsTable, storeTable } from './duckdb-results-store';

/** What an unfinished task of a run whose process died says. */
export const INCOMPLETE_TASK_MESSAGE = 'no row recorded: the run stopped before this task finished (its process is gone)';

type RunStateName = NonNullable<HistoryEntry['run_state']>;

/** A run's row in `datapact_runs`. */
export interface StoredRun {
  run_id: string;
  job_name: string | null;
  pact: string | null;
  task_keys: string[];
  started_at: string | null;
  state: RunStateName;
  status: string | null;
  aggregate_passed: boolean | null;
  aggregate_message: string | null;
}

/** One task row of a run, as `attach` rebuilds results from it. */
export interface StoredTaskRow {
  task_key: string;
  status: TaskStatus;
  payload: string | null;
  begin_ts: string | null;
  complete_ts: string | null;
}

const ISO = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

/**
 * @param resultsPath the results DuckDB file; a file that does not exist yet means "no runs", not an error
 * @param options `limit` counts runs; `taskKeys` keeps only rows of those tasks (e.g. one pact's)
 */
export async function readHistory(resultsPath: string, options: HistoryQuery): Promise<HistoryEntry[]> {
  if (!existsSync(resultsPath)) return [];
  return readResultsStore(resultsPath, async (connection) => {
    const history = storeTable('run_history');
    const hasRuns = await storeHasRunsTable(connection);
    const keys = options.taskKeys?.map(duckDbStringLiteral);
    const keyFilter = keys === undefined ? 'TRUE' : keys.length === 0 ? 'FALSE' : `task_key IN (${keys.join(', ')})`;
    const runKeyFilter = keys === undefined ? 'TRUE' : keys.length === 0 ? 'FALSE' : `list_has_any(task_keys, [${keys.join(', ')}])`;
    const limit = Math.max(0, Math.floor(options.limit));
    const known = hasRuns
      ? `SELECT run_id, max(job_start_ts) AS started FROM rows GROUP BY run_id
         UNION ALL SELECT run_id, started_at FROM ${storeTable('datapact_runs')} WHERE ${runKeyFilter}`
      : `SELECT run_id, max(job_start_ts) AS started FROM rows GROUP BY run_id`;
    const runsJoin = hasRuns
      ? `LEFT JOIN ${storeTable('datapact_runs')} r USING (run_id)`
      : `LEFT JOIN (SELECT NULL::BIGINT AS run_id, NULL::VARCHAR[] AS task_keys, NULL::TIMESTAMP AS finished_at,
           NULL::VARCHAR AS state, NULL::VARCHAR AS host, NULL::INTEGER AS pid, NULL::VARCHAR AS job_name) r USING (run_id)`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE picked AS
      WITH rows AS (SELECT * FROM ${history} WHERE ${keyFilter}), known AS (${known})
      SELECT run_id, max(started) AS started FROM known GROUP BY run_id
      ORDER BY started DESC NULLS LAST, run_id DESC LIMIT ${limit}`);
    const runs = (
      await connection.runAndReadAll(
        `SELECT CAST(p.run_id AS VARCHAR) AS run_id, ${ISO('p.started')} AS started, r.task_keys, r.state,
                r.finished_at IS NOT NULL AS finished, r.host, r.pid, r.job_name
         FROM picked p ${runsJoin} ORDER BY p.started DESC NULLS LAST, p.run_id DESC`,
      )
    ).getRowObjectsJson();
    // ERROR rows carry the engine's message in the payload (`{"error": ...}`).
    const errorColumn = `CASE WHEN h.status = 'ERROR' THEN json_extract_string(CAST(h.result_payload AS VARCHAR), '$.error') END`;
    const rows = (
      await connection.runAndReadAll(
        `SELECT CAST(h.run_id AS VARCHAR) AS run_id, h.task_key, h.status, h.job_name,
                ${ISO('h.job_start_ts')} AS job_start_ts, ${ISO('h.validation_begin_ts')} AS validation_begin_ts,
                ${ISO('h.validation_complete_ts')} AS validation_complete_ts, CAST(${errorColumn} AS VARCHAR) AS error_message,
                CASE WHEN h.status <> 'ERROR' THEN CAST(h.result_payload AS VARCHAR) END AS payload
         FROM ${history} h JOIN picked USING (run_id) WHERE ${keyFilter}
         ORDER BY h.validation_complete_ts, h.task_key`,
      )
    ).getRowObjectsJson();
    await connection.run('DROP TABLE picked');
    const entries: HistoryEntry[] = [];
    for (const run of runs) {
      const runId = String(run.run_id);
      const state = run.state === null ? undefined : runState(String(run.state), run.finished === true, run.host, run.pid);
      const own = rows.filter((row) => String(row.run_id) === runId);
      for (const row of own) {
        entries.push({
          run_id: runId,
          task_key: String(row.task_key),
          status: String(row.status) as TaskStatus,
          job_name: textOrNull(row.job_name),
          job_start_ts: textOrNull(row.job_start_ts),
          validation_begin_ts: textOrNull(row.validation_begin_ts),
          validation_complete_ts: textOrNull(row.validation_complete_ts),
          error_message: textOrNull(row.error_message),
          payload: parsePayload(row.payload),
          ...(state ? { run_state: state } : {}),
        });
      }
      if (state === 'INCOMPLETE' || state === 'CANCELLED') {
        const wanted = options.taskKeys ? new Set(options.taskKeys) : undefined;
        const seen = new Set(own.map((row) => String(row.task_key)));
        for (const key of (run.task_keys as string[] | null) ?? []) {
          if (seen.has(key) || (wanted && !wanted.has(key))) continue;
          entries.push({
            run_id: runId,
            task_key: key,
            status: 'ERROR',
            job_name: textOrNull(run.job_name),
            job_start_ts: textOrNull(run.started),
            validation_begin_ts: null,
            validation_complete_ts: null,
            error_message: INCOMPLETE_TASK_MESSAGE,
            run_state: state,
          });
        }
      }
    }
    return entries;
  });
}

/** One run's row and its task rows, or undefined when the store holds nothing of it. */
export async function readStoredRun(
  resultsPath: string,
  runId: string,
): Promise<{ run?: StoredRun; rows: StoredTaskRow[] } | undefined> {
  if (!/^\d+$/.test(runId) || !existsSync(resultsPath)) return undefined;
  return readResultsStore(resultsPath, async (connection) => {
    const run = (await storeHasRunsTable(connection)) ? await readRunRow(connection, runId) : undefined;
    const rows = (
      await connection.runAndReadAll(
        `SELECT task_key, status, CAST(result_payload AS VARCHAR) AS payload,
                ${ISO('validation_begin_ts')} AS begin_ts, ${ISO('validation_complete_ts')} AS complete_ts
         FROM ${storeTable('run_history')} WHERE run_id = ${runId} ORDER BY validation_complete_ts, task_key`,
      )
    ).getRowObjectsJson();
    if (!run && rows.length === 0) return undefined;
    return {
      ...(run ? { run } : {}),
      rows: rows.map((row) => ({
        task_key: String(row.task_key),
        status: (row.status === 'SUCCESS' || row.status === 'FAILURE' ? row.status : 'ERROR') as TaskStatus,
        payload: textOrNull(row.payload),
        begin_ts: textOrNull(row.begin_ts),
        complete_ts: textOrNull(row.complete_ts),
      })),
    };
  });
}

async function readRunRow(connection: DuckDBConnection, runId: string): Promise<StoredRun | undefined> {
  const row = (
    await connection.runAndReadAll(
      `SELECT CAST(run_id AS VARCHAR) AS run_id, job_name, pact, task_keys, ${ISO('started_at')} AS started_at, state,
              finished_at IS NOT NULL AS finished, host, pid, status, aggregate_passed, aggregate_message
       FROM ${storeTable('datapact_runs')} WHERE run_id = ${runId} LIMIT 1`,
    )
  ).getRowObjectsJson()[0];
  if (!row) return undefined;
  return {
    run_id: String(row.run_id),
    job_name: textOrNull(row.job_name),
    pact: textOrNull(row.pact),
    task_keys: ((row.task_keys as string[] | null) ?? []).map(String),
    started_at: textOrNull(row.started_at),
    state: runState(String(row.state), row.finished === true, row.host, row.pid),
    status: textOrNull(row.status),
    aggregate_passed: row.aggregate_passed === null ? null : row.aggregate_passed === true,
    aggregate_message: textOrNull(row.aggregate_message),
  };
}

/** A recorded state; an unfinished run is RUNNING while its process on this machine lives, else INCOMPLETE. */
function runState(state: string, finished: boolean, host: unknown, pid: unknown): RunStateName {
  if (finished) return state === 'CANCELLED' ? 'CANCELLED' : 'FINISHED';
  if (host === hostname() && typeof pid === 'number' && !processAlive(pid)) return 'INCOMPLETE';
  return 'RUNNING';
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
