/** Reading recent runs back from a local results file, newest run first. */
import { existsSync } from 'node:fs';
import { createDuckDbInstance } from './duckdb-instance';
import type { TaskStatus } from '../model/results';
import { duckDbStringLiteral } from '../duckdb/duckdb-quote';
import type { HistoryEntry, HistoryQuery } from './engine';
import { attachResultsReadOnly, qualifiedResultTable } from './duckdb-results-store';
import { EngineConfigError } from './engine-errors';
import { oneLineEngineMessage } from './engine-message';

/**
 * @param resultsPath the results DuckDB file; a file that does not exist yet means "no runs", not an error
 * @param options `limit` counts runs; `taskKeys` keeps only rows of those tasks (e.g. one pact's)
 */
export async function readHistory(resultsPath: string, options: HistoryQuery): Promise<HistoryEntry[]> {
  if (!existsSync(resultsPath)) return [];
  const instance = await createDuckDbInstance();
  const connection = await instance.connect();
  try {
    await attachResultsReadOnly(connection, resultsPath);
    const table = qualifiedResultTable('runHistory');
    const keyFilter =
      options.taskKeys === undefined
        ? 'TRUE'
        : options.taskKeys.length === 0
          ? 'FALSE'
          : `task_key IN (${options.taskKeys.map(duckDbStringLiteral).join(', ')})`;
    // ERROR rows carry the engine's message in the payload (`{"error": ...}`).
    const errorColumn = `CASE WHEN h.status = 'ERROR' THEN json_extract_string(CAST(h.result_payload AS VARCHAR), '$.error') END`;
    const limit = Math.max(0, Math.floor(options.limit));
    const reader = await connection.runAndReadAll(
      `WITH rows AS (SELECT * FROM ${table} WHERE ${keyFilter}),
            runs AS (SELECT run_id, max(job_start_ts) AS started FROM rows GROUP BY run_id
                     ORDER BY started DESC NULLS LAST, run_id DESC LIMIT ${limit})
       SELECT CAST(h.run_id AS VARCHAR) AS run_id, h.task_key, h.status, h.job_name,
              strftime(h.job_start_ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS job_start_ts,
              strftime(h.validation_complete_ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS validation_complete_ts,
              CAST(${errorColumn} AS VARCHAR) AS error_message
       FROM rows h JOIN runs USING (run_id)
       ORDER BY runs.started DESC NULLS LAST, h.run_id DESC, h.validation_complete_ts, h.task_key`,
    );
    return reader.getRowObjectsJson().map((row) => ({
      run_id: String(row.run_id),
      task_key: String(row.task_key),
      status: String(row.status) as TaskStatus,
      job_name: row.job_name === null ? null : String(row.job_name),
      job_start_ts: row.job_start_ts === null ? null : String(row.job_start_ts),
      validation_complete_ts: row.validation_complete_ts === null ? null : String(row.validation_complete_ts),
      error_message: row.error_message === null ? null : String(row.error_message),
    }));
  } catch (error) {
    if (error instanceof EngineConfigError) throw error;
    throw new EngineConfigError(`cannot read history from ${resultsPath}: ${oneLineEngineMessage(error)}`);
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}
