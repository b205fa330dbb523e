/**
 * Runs one compiled task on one DuckDB connection: its INSERT ... SELECT records the task's row in the run's
 * in-memory run_history (one statement, so the row is either fully written or not at all), then the row is read
 * back for the caller (the run then copies it into the results file).
 * When the task's SQL fails (a missing table or column, mismatched custom queries), the task becomes ERROR and an
 * ERROR row is recorded instead, with the engine's message reduced to one line.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TaskResult } from '../../model/results';
import { roleOfRowAlias, type Role } from '../../sql/index';
import { quoteDuckDbIdentifier } from '../../duckdb/duckdb-quote';
import { LOCAL_RESULT_TABLES } from './duckdb-results-store';
import { runStatement, type RunParameters } from './duckdb-statement';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { parsePayload } from '../../engine/payload-json';

/** A task ready to run: its two statements, compiled just before it runs (a compile problem is that task's ERROR). */
export interface PreparedTask {
  taskKey: string;
  recordSql?: string;
  recordErrorSql?: string;
  /** Why the task could not be compiled; it is then recorded as ERROR without touching the data. */
  compileError?: string;
  /** Quoted 3-part name of each side's table, to say which table lacks a column. */
  tables: Readonly<Record<Role, string>>;
}

/**
 * @param cancelled says why the task stopped when the run was cancelled meanwhile (the engine's interrupt message
 *   would only say "Interrupted")
 * @param computed called once the task's statement has ended, before its row is read or an error row recorded
 *   (a cancel interrupts the computation only, never the recording)
 */
export async function runTask(
  connection: DuckDBConnection,
  task: PreparedTask,
  params: RunParameters,
  cancelled: () => string | undefined = () => undefined,
  computed: () => void = () => undefined,
): Promise<TaskResult> {
  const started_at = new Date().toISOString();
  if (task.recordSql && !task.compileError) {
    try {
      try {
        await runStatement(connection, task.recordSql, params);
      } finally {
        computed();
      }
      const recorded = await readRecordedRow(connection, task.taskKey, params);
      return { task_key: task.taskKey, ...recorded, started_at, finished_at: new Date().toISOString() };
    } catch (error) {
      const message = cancelled() ?? nameMissingColumnSide(oneLineEngineMessage(error), task.tables);
      return recordError(connection, task, params, message, started_at);
    }
  }
  return recordError(connection, task, params, task.compileError ?? 'the task has no SQL', started_at);
}

/** Records an ERROR row; if even that fails, the result still says why (never lost, never thrown). */
export async function recordError(
  connection: DuckDBConnection,
  task: PreparedTask,
  params: RunParameters,
  message: string,
  started_at: string,
): Promise<TaskResult> {
  let error = message;
  if (task.recordErrorSql) {
    const values = { ...params, error_message: message };
    try {
      // An interrupt aimed at the computation that lands on this statement instead is not a reason to lose the row.
      await runStatement(connection, task.recordErrorSql, values).catch((first: unknown) =>
        /INTERRUPT/i.test(String(first)) ? runStatement(connection, task.recordErrorSql!, values) : Promise.reject(first),
      );
    } catch (recordFailure) {
      error = `${message} (and recording the error failed: ${oneLineEngineMessage(recordFailure)})`;
    }
  }
  return { task_key: task.taskKey, status: 'ERROR', error, payload: null, started_at, finished_at: new Date().toISOString() };
}

const stagingHistory = [LOCAL_RESULT_TABLES.runHistory.catalog, LOCAL_RESULT_TABLES.runHistory.schema, LOCAL_RESULT_TABLES.runHistory.table]
  .map(quoteDuckDbIdentifier)
  .join('.');

async function readRecordedRow(
  connection: DuckDBConnection,
  taskKey: string,
  params: RunParameters,
): Promise<Pick<TaskResult, 'status' | 'payload'>> {
  const reader = await connection.runAndReadAll(
    `SELECT status, CAST(result_payload AS VARCHAR) AS payload FROM ${stagingHistory}
     WHERE run_id = $run_id AND task_key = $task_key LIMIT 1`,
    { run_id: params.run_id ?? null, task_key: taskKey },
  );
  const row = reader.getRowObjectsJson()[0];
  if (!row) throw new Error(`task ${taskKey} recorded no row in run_history`);
  const payload = parsePayload(row.payload);
  const status = row.status === 'SUCCESS' || row.status === 'FAILURE' ? row.status : 'ERROR';
  return { status, payload };
}

/**
 * The generated SQL reads each side's rows under an alias naming its role (sql/row-alias.ts), so DuckDB's
 * `Table "tgt_row" does not have a column named "amount"` tells the side: name that side and its table instead of
 * an alias the user never wrote. Any other message, or an alias that is not a side's, is left as it is.
 */
function nameMissingColumnSide(message: string, tables: Readonly<Record<Role, string>>): string {
  // DuckDB says `Table "…"` over a table and `Values list "…"` over a CTE (a filtered side); the binding's name is
  // what tells the side. Lazy column name: a "Did you mean" hint kept by oneLineEngineMessage may follow.
  const match = /^(\w+ Error): \w[\w ]* "([^"]*)" does not have a column named "(.*?)"(?: (Did you mean.*))?$/.exec(message);
  const role = match ? roleOfRowAlias(match[2]!) : undefined;
  if (!match || !role) return message;
  const hint = match[4] ? ` ${match[4]}` : '';
  return `${match[1]}: the ${role} table ${tables[role]} has no column "${match[3]}"${hint}`;
}
