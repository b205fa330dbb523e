/**
 * `datapact history` on Databricks: the pact's recent runs read from run_history on the warehouse in one statement,
 * newest run first, rows of a run in the order they were recorded — the same entries the local engine reads from
 * its results file. Times come back as epoch milliseconds (a timestamp rendered as text would be in the session's
 * time zone); a results table that does not exist yet means "no runs", not an error. A job run's rows carry its
 * page in the workspace (from the row's job and run ids), so a past run opens there as a live one does.
 */
import type { HistoryEntry, HistoryQuery } from '../../engine/engine';
import { parsePayload } from '../../engine/payload-json';
import type { TaskStatus } from '../../model/results';
import type { ResultTables } from '../../sql/compiled';
import { getDialect } from '../../sql/index';
import { recordedRunPageUrl } from './run-page';
import { runStatement, StatementFailed } from './statements';
import type { WorkspaceApi } from './workspace-api';

const MISSING_TABLE = /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|NO_SUCH_CATALOG|CATALOG_NOT_FOUND/;

/** The statement reading the newest `limit` runs of the given tasks (all tasks when `taskKeys` is absent). */
export function historyStatement(tables: ResultTables, options: HistoryQuery): string {
  const d = getDialect('databricks');
  const t = tables.runHistory;
  const history = [t.catalog, t.schema, t.table].map((p) => d.quoteIdentifier(p)).join('.');
  const keys = options.taskKeys;
  const keyFilter = keys === undefined ? 'TRUE' : keys.length === 0 ? 'FALSE' : `h.task_key IN (${keys.map((k) => d.stringLiteral(k)).join(', ')})`;
  const limit = Math.max(0, Math.floor(options.limit));
  return (
    `WITH dp_rows AS (SELECT * FROM ${history} AS h WHERE ${keyFilter}),\n` +
    `dp_runs AS (SELECT run_id, max(job_start_ts) AS started FROM dp_rows GROUP BY run_id ` +
    `ORDER BY started DESC NULLS LAST, run_id DESC LIMIT ${limit})\n` +
    `SELECT CAST(h.run_id AS STRING) AS run_id, CAST(h.job_id AS STRING) AS job_id, h.task_key, h.status, h.job_name, ` +
    `unix_millis(h.job_start_ts) AS job_start_ms, unix_millis(h.validation_begin_ts) AS begin_ms, ` +
    `unix_millis(h.validation_complete_ts) AS complete_ms, ${d.toJsonText('h.result_payload')} AS payload\n` +
    `FROM dp_rows AS h JOIN dp_runs AS r ON h.run_id = r.run_id\n` +
    `ORDER BY r.started DESC NULLS LAST, r.run_id DESC, h.validation_complete_ts ASC NULLS LAST, h.task_key ASC`
  );
}

export async function readDatabricksHistory(api: WorkspaceApi, warehouseId: string, tables: ResultTables, options: HistoryQuery): Promise<HistoryEntry[]> {
  const hostUrl = await api.hostUrl();
  let rows;
  try {
    rows = await runStatement(api, warehouseId, historyStatement(tables, options));
  } catch (error) {
    if (error instanceof StatementFailed && MISSING_TABLE.test(error.message)) return [];
    throw error;
  }
  return rows.map((row) => {
    const status = (row.status === 'SUCCESS' || row.status === 'FAILURE' ? row.status : 'ERROR') as TaskStatus;
    const payload = parsePayload(row.payload);
    // As the local engine reports them: an ERROR row's message (its payload's `error`), other rows' payloads.
    const error = status === 'ERROR' && typeof payload?.error === 'string' ? payload.error : null;
    const runUrl = recordedRunPageUrl(hostUrl, { run_id: row.run_id ?? '', job_id: row.job_id ?? null, job_name: row.job_name ?? null });
    return {
      run_id: row.run_id ?? '',
      task_key: row.task_key ?? '',
      status,
      job_name: row.job_name ?? null,
      job_start_ts: isoFromMillis(row.job_start_ms),
      validation_begin_ts: isoFromMillis(row.begin_ms),
      validation_complete_ts: isoFromMillis(row.complete_ms),
      error_message: error,
      payload: status === 'ERROR' ? null : payload,
      ...(runUrl ? { run_url: runUrl } : {}),
    };
  });
}

function isoFromMillis(text: string | null | undefined): string | null {
  if (text === null || text === undefined || !/^-?\d+$/.test(text)) return null;
  return new Date(Number(text)).toISOString();
}
