/**
 * The SQL generator's public API. Dialects are named (`'duckdb'`, `'databricks'`) or passed as plug-in objects.
 */
import type { Dialect } from '../dialects/dialect';
import { getDialect, listDialects as listRegistered, resolveDialect, type DialectRef } from '../dialects/registry';
import type { Task } from '../model/pact';
import { aggregateStatements, expectedTasksDdl, type ExpectedTasks } from './aggregate-results';
import type { CompiledTask, DialectName, ResultTables, TableName } from './compiled';
import { compileTask as compileTaskQuery } from './compile-task';
import type { TaskColumns } from './value-types';
import { alertHistoryDdl, historyInsert, resultsDdl, runHistoryDdl, runParameter, schemaDdl, statusFromVerdict } from './run-history';
import { aggregateScript, errorScript, taskScript } from './task-script';

export * from './compiled';
export { RUN_HISTORY_COLUMNS, ALERT_HISTORY_COLUMNS, type RunHistoryColumn } from './run-history';
export { JOB_TASK_PARAMETERS, JobScriptError } from './task-script';
export { latestRowPerTask, NO_ROW_RECORDED_MESSAGE, type ExpectedTasks } from './aggregate-results';
export { splitSparkScript, UnterminatedSqlError } from './spark-script-split';
export { renderTemplate, sanitizeName, tableFqn, templateVariables, type Role } from './custom-sql-template';
export { ROW_ALIAS, roleOfRowAlias } from './row-alias';
export { parseValueKind, familyOf, type SideColumn, type TaskColumns, type ValueKind } from './value-types';
export * from '../dialects/index';

/** Options of the history statements. */
export interface HistoryOptions {
  tables: ResultTables;
  jobName: string;
  /** Both tables' columns, read by the engine (see compileTask); absent: compiled without them. */
  columns?: TaskColumns;
}

/** The metrics query of one task: ONE SELECT returning one row (see CompiledTask). */
export function compileTask(task: Task, dialect: DialectName | Dialect, columns?: TaskColumns): CompiledTask {
  return compileTaskQuery(task, dialect, columns);
}

/**
 * Why SQL compiled without the tables' column lists is not the SQL a run executes, or undefined when the task
 * has no check that reads them (row hash, aggregates). A run reads the lists first (an engine's task columns).
 */
export function columnListsNote(task: Task): string | undefined {
  const rowHash = Boolean(task.pk_row_hash_check) && (task.primary_keys ?? []).length > 0;
  const aggregates = (task.agg_validations ?? []).length > 0;
  if (!rowHash && !aggregates) return undefined;
  const what = [
    ...(rowHash ? ['the row hash compares columns by position with the engine\'s own hash'] : []),
    ...(aggregates ? ['SUM/AVG are DOUBLE and MIN/MAX compare by text'] : []),
  ];
  return `compiled without the tables' column lists, so ${what.join(' and ')}; a run reads both tables' columns first and compares by name and canonical value (docs/checks.md)`;
}

/** CREATE SCHEMA / TABLE IF NOT EXISTS for run_history and alert_history. */
export function compileResultsDdl(dialect: DialectName | Dialect, tables: ResultTables): string[] {
  return resultsDdl(resolveDialect(dialect as DialectRef), tables);
}

/** The table of a run's expected task keys an engine fills for the aggregate step (`compileAggregate`'s `expectedTasks`). */
export function compileExpectedTasksDdl(dialect: DialectName | Dialect, table: TableName): string {
  return expectedTasksDdl(resolveDialect(dialect as DialectRef), table);
}

/** The same DDL in its parts, for an engine that creates what is missing step by step (catalog on demand). */
export function compileResultsSetup(dialect: DialectName | Dialect, tables: ResultTables): {
  catalogs: string[];
  schemas: string[];
  runHistory: string;
  alertHistory: string;
} {
  const d = resolveDialect(dialect as DialectRef);
  const catalogs = [...new Set([tables.runHistory.catalog, tables.alertHistory.catalog])].map((c) => `CREATE CATALOG IF NOT EXISTS ${d.quoteIdentifier(c)}`);
  return { catalogs, schemas: schemaDdl(d, tables), runHistory: runHistoryDdl(d, tables), alertHistory: alertHistoryDdl(d, tables) };
}

/**
 * INSERT INTO run_history … SELECT … FROM (<metrics query>): one row. Parameters run_id, job_id, job_start_ts.
 * Status SUCCESS / FAILURE / ERROR for a true / false / NULL verdict.
 */
export function compileRecordResult(task: Task, dialect: DialectName | Dialect, opts: HistoryOptions): string {
  const d = resolveDialect(dialect as DialectRef);
  const compiled = compileTaskQuery(task, d, opts.columns);
  return historyInsert(d, task, opts.tables, opts.jobName, {
    status: statusFromVerdict(d, 'm.overall_validation_passed'),
    validationBeginTs: d.currentTimestamp(),
    resultPayload: d.storePayload('m.result_payload'),
  }, `FROM (\n${compiled.metricsSql}\n) AS m`);
}

/** INSERT of an ERROR row whose payload is {"error": <param error_message>}, for a task whose SQL failed. */
export function compileRecordError(task: Task, dialect: DialectName | Dialect, opts: HistoryOptions): string {
  const d = resolveDialect(dialect as DialectRef);
  const payload = d.toJsonText(d.jsonObject([['error', runParameter(d, 'error_message', 'string')]]));
  return historyInsert(d, task, opts.tables, opts.jobName, {
    status: d.stringLiteral('ERROR'),
    validationBeginTs: d.currentTimestamp(),
    resultPayload: d.storePayload(payload),
  }, '');
}

/**
 * The aggregate_results step (param run_id): records an alert row, then fails, when a task failed or is missing.
 * The expected tasks are keys written into the SQL, or a table of them the engine filled (`expectedTasks`).
 */
export function compileAggregate(dialect: DialectName | Dialect, opts: HistoryOptions & ExpectedTasks): string[] {
  return aggregateStatements(resolveDialect(dialect as DialectRef), opts);
}

/**
 * Databricks only: the multi-statement file of one job SQL task (parameters as `{{run_id}}` references).
 * @throws JobScriptError when the task's filter or custom SQL would change how the file splits
 */
export function compileTaskScript(task: Task, opts: HistoryOptions): string {
  const d = getDialect('databricks');
  return taskScript(d, task, compileTaskQuery(task, d, opts.columns).metricsSql, opts);
}

/** Databricks only: the job file of a task whose SQL cannot be generated (records an ERROR row saying why). */
export function compileErrorScript(task: Task, message: string, opts: HistoryOptions): string {
  return errorScript(getDialect('databricks'), task, message, opts);
}

/** Databricks only: the aggregate_results job file (alert_history DDL, rows of tasks that recorded none, alert row, verdict). */
export function compileAggregateScript(opts: HistoryOptions & { tasks: readonly Task[] }): string {
  return aggregateScript(getDialect('databricks'), opts);
}

export function listDialects(): DialectName[] {
  return listRegistered();
}

export { getDialect };
