/**
 * Runs one compiled task on one DuckDB connection: its INSERT ... SELECT records the task's row in run_history
 * (one statement, so the row is either fully written or not at all), then the row is read back for the caller.
 * When the task's SQL fails (a missing table or column, mismatched custom queries), the task becomes ERROR and an
 * ERROR row is recorded instead, with the engine's message reduced to one line.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Payload, TaskResult } from '../model/results';
import { qualifiedResultTable } from './duckdb-results-store';
import { runStatement, type RunParameters } from './duckdb-statement';
import { oneLineEngineMessage } from './engine-message';

/** A task ready to run: its two statements, compiled up front so that compile problems surface per task. */
export interface PreparedTask {
  taskKey: string;
  recordSql?: string;
  recordErrorSql?: string;
  /** Why the task could not be compiled; it is then recorded as ERROR without touching the data. */
  compileError?: string;
  /** `source → target` names, to say where a column was looked for. */
  tables: string;
}

export async function runTask(
  connection: DuckDBConnection,
  task: PreparedTask,
  params: RunParameters,
): Promise<TaskResult> {
  const started_at = new Date().toISOString();
  if (task.recordSql && !task.compileError) {
    try {
      await runStatement(connection, task.recordSql, params);
      const recorded = await readRecordedRow(connection, task.taskKey, params);
      return { task_key: task.taskKey, ...recorded, started_at, finished_at: new Date().toISOString() };
    } catch (error) {
      return recordError(connection, task, params, clarify(oneLineEngineMessage(error), task.tables), started_at);
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
      await runStatement(connection, task.recordErrorSql, values);
    } catch (recordFailure) {
      error = `${message} (and recording the error failed: ${oneLineEngineMessage(recordFailure)})`;
    }
  }
  return { task_key: task.taskKey, status: 'ERROR', error, payload: null, started_at, finished_at: new Date().toISOString() };
}

async function readRecordedRow(
  connection: DuckDBConnection,
  taskKey: string,
  params: RunParameters,
): Promise<Pick<TaskResult, 'status' | 'payload'>> {
  const reader = await connection.runAndReadAll(
    `SELECT status, CAST(result_payload AS VARCHAR) AS payload FROM ${qualifiedResultTable('runHistory')}
     WHERE run_id = $run_id AND task_key = $task_key LIMIT 1`,
    { run_id: params.run_id ?? null, task_key: taskKey },
  );
  const row = reader.getRowObjectsJson()[0];
  if (!row) throw new Error(`task ${taskKey} recorded no row in run_history`);
  const payload = parsePayload(row.payload);
  const status = row.status === 'SUCCESS' || row.status === 'FAILURE' ? row.status : 'ERROR';
  return { status, payload };
}

function parsePayload(text: unknown): Payload | null {
  if (typeof text !== 'string') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : null;
  } catch {
    return null;
  }
}

/**
 * The generated SQL reads each table under the alias `r`, so DuckDB names "r" where a reader wants the table:
 * say which tables the task reads instead.
 */
function clarify(message: string, tables: string): string {
  const match = /^(\w+ Error): Table "r" does not have a column named "(.*)"$/.exec(message);
  return match ? `${match[1]}: no column "${match[2]}" in ${tables}` : message;
}
