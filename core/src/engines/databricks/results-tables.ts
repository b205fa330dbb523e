/**
 * The run_history / alert_history tables on the warehouse: created when missing before a run (the catalog too,
 * only when the schema's creation says it is missing), and each task's latest row of a run read back afterwards.
 */
import { EngineConfigError } from '../../engine/engine-errors';
import { oneLineEngineMessage } from '../../engine/engine-message';
import type { ResultTables } from '../../sql/compiled';
import { compileResultsSetup, getDialect } from '../../sql/index';
import { parsePayload } from '../../engine/payload-json';
import type { Payload, TaskStatus } from '../../model/results';
import { runStatement, StatementFailed } from './statements';
import type { WorkspaceApi } from './workspace-api';

const MISSING_CATALOG = /NO_SUCH_CATALOG|CATALOG_NOT_FOUND|catalog .*(does not exist|not found)/i;

/**
 * CREATE SCHEMA / TABLE IF NOT EXISTS (alert_history too when `withAlertHistory`; a job creates it in its
 * aggregate_results file instead, which keeps a run's calls within its budget).
 */
export async function ensureResultTables(api: WorkspaceApi, warehouseId: string, tables: ResultTables, withAlertHistory: boolean): Promise<void> {
  const setup = compileResultsSetup('databricks', tables);
  try {
    for (const schema of setup.schemas) {
      try {
        await runStatement(api, warehouseId, schema, { rows: false });
      } catch (error) {
        if (!(error instanceof StatementFailed) || !MISSING_CATALOG.test(error.message)) throw error;
        for (const catalog of setup.catalogs) await runStatement(api, warehouseId, catalog, { rows: false });
        await runStatement(api, warehouseId, schema, { rows: false });
      }
    }
    await runStatement(api, warehouseId, setup.runHistory, { rows: false });
    if (withAlertHistory) await runStatement(api, warehouseId, setup.alertHistory, { rows: false });
  } catch (error) {
    if (error instanceof StatementFailed) {
      const name = `${tables.runHistory.catalog}.${tables.runHistory.schema}.${tables.runHistory.table}`;
      throw new EngineConfigError(`the results table ${name} cannot be created: ${oneLineEngineMessage(error)}`);
    }
    throw error;
  }
}

export interface RecordedRow {
  task_key: string;
  status: TaskStatus;
  payload: Payload | null;
}

/** The latest row of each task of run `runId` (one statement, whatever the number of tasks). */
export async function readRunRows(api: WorkspaceApi, warehouseId: string, tables: ResultTables, runId: string, taskKey?: string): Promise<Map<string, RecordedRow>> {
  const d = getDialect('databricks');
  const t = tables.runHistory;
  const history = [t.catalog, t.schema, t.table].map((p) => d.quoteIdentifier(p)).join('.');
  const success = d.stringLiteral('SUCCESS');
  const sql =
    // Null fields are part of the payload ("not computed"): kept, as the generator writes them.
    `SELECT r.task_key, r.status, ${d.toJsonText('r.result_payload')} AS payload FROM (` +
    `SELECT h.task_key, h.status, h.result_payload, ROW_NUMBER() OVER (PARTITION BY h.task_key ` +
    `ORDER BY h.validation_complete_ts DESC, CASE WHEN h.status = ${success} THEN 1 ELSE 0 END) AS dp_rank ` +
    `FROM ${history} AS h WHERE h.run_id = CAST(:run_id AS BIGINT)${taskKey !== undefined ? ' AND h.task_key = :task_key' : ''}) AS r ` +
    `WHERE r.dp_rank = 1`;
  const rows = await runStatement(api, warehouseId, sql, {
    parameters: [
      { name: 'run_id', value: runId, type: 'BIGINT' },
      ...(taskKey !== undefined ? [{ name: 'task_key', value: taskKey, type: 'STRING' }] : []),
    ],
  });
  const out = new Map<string, RecordedRow>();
  for (const row of rows) {
    const key = row.task_key ?? '';
    const status: TaskStatus = row.status === 'SUCCESS' || row.status === 'FAILURE' ? row.status : 'ERROR';
    out.set(key, { task_key: key, status, payload: parsePayload(row.payload) });
  }
  return out;
}
