/**
 * run_history and alert_history: their columns (defined once, typed per dialect), DDL, and the INSERT
 * statements that record one task's result or error.
 */
import type { Dialect, DialectTypes } from '../dialects/dialect';
import type { Task } from '../model/pact';
import type { ResultTables, TableName } from './compiled';

type ColumnType = keyof DialectTypes;

/** run_history columns in INSERT order (the original's 20 columns). */
export const RUN_HISTORY_COLUMNS = [
  ['task_key', 'string'],
  ['status', 'string'],
  ['run_id', 'runId'],
  ['job_id', 'runId'],
  ['job_name', 'string'],
  ['job_start_ts', 'timestamp'],
  ['validation_begin_ts', 'timestamp'],
  ['validation_complete_ts', 'timestamp'],
  ['source_catalog', 'string'],
  ['source_schema', 'string'],
  ['source_table', 'string'],
  ['target_catalog', 'string'],
  ['target_schema', 'string'],
  ['target_table', 'string'],
  ['business_domain', 'string'],
  ['business_owner', 'string'],
  ['business_priority', 'string'],
  ['expected_sla_hours', 'double'],
  ['estimated_impact_usd', 'double'],
  ['result_payload', 'payload'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

export type RunHistoryColumn = (typeof RUN_HISTORY_COLUMNS)[number][0];

/** alert_history: one summary row per failed job run. */
export const ALERT_HISTORY_COLUMNS = [
  ['job_name', 'string'],
  ['run_id', 'runId'],
  ['failed_task_keys', 'stringArray'],
  ['failure_count', 'bigint'],
  ['alert_ts', 'timestamp'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

export function quoteTable(d: Dialect, t: TableName): string {
  return [t.catalog, t.schema, t.table].map((p) => d.quoteIdentifier(p)).join('.');
}

/** A named run parameter cast to its column type (untyped markers would leave DuckDB guessing). */
export function runParameter(d: Dialect, name: string, type: ColumnType): string {
  return `CAST(${d.parameter(name)} AS ${d.types[type]})`;
}

function createTable(d: Dialect, t: TableName, columns: ReadonlyArray<readonly [string, ColumnType]>): string {
  const body = columns.map(([name, type]) => `  ${d.quoteIdentifier(name)} ${d.types[type]}`).join(',\n');
  return `CREATE TABLE IF NOT EXISTS ${quoteTable(d, t)} (\n${body}\n)${d.tableOptions}`;
}

/** CREATE SCHEMA IF NOT EXISTS for the schema(s) of both result tables. */
export function schemaDdl(d: Dialect, tables: ResultTables): string[] {
  const schemas = new Map<string, string>();
  for (const t of [tables.runHistory, tables.alertHistory]) {
    const sql = `CREATE SCHEMA IF NOT EXISTS ${d.quoteIdentifier(t.catalog)}.${d.quoteIdentifier(t.schema)}`;
    schemas.set(sql, sql);
  }
  return [...schemas.values()];
}

export function runHistoryDdl(d: Dialect, tables: ResultTables): string {
  return createTable(d, tables.runHistory, RUN_HISTORY_COLUMNS);
}

export function alertHistoryDdl(d: Dialect, tables: ResultTables): string {
  return createTable(d, tables.alertHistory, ALERT_HISTORY_COLUMNS);
}

/** CREATE SCHEMA / CREATE TABLE IF NOT EXISTS for both result tables. */
export function resultsDdl(d: Dialect, tables: ResultTables): string[] {
  return [...schemaDdl(d, tables), runHistoryDdl(d, tables), alertHistoryDdl(d, tables)];
}

/** The per-row expressions that vary between result, error and script inserts. */
export interface HistoryRowValues {
  status: string;
  validationBeginTs: string;
  resultPayload: string;
}

function optionalString(d: Dialect, v: string | undefined): string {
  return v === undefined || v === null ? d.typedNull(d.types.string) : d.stringLiteral(v);
}

function optionalDouble(d: Dialect, v: number | undefined): string {
  return v === undefined || v === null ? d.typedNull(d.types.double) : d.doubleLiteral(v);
}

/** `INSERT INTO run_history (…) SELECT <values>` followed by `from` (may be empty). */
export function historyInsert(d: Dialect, task: Task, tables: ResultTables, jobName: string, row: HistoryRowValues, from: string): string {
  const values = historyValues(d, task, jobName, row);
  const names = RUN_HISTORY_COLUMNS.map(([name]) => d.quoteIdentifier(name)).join(', ');
  const exprs = RUN_HISTORY_COLUMNS.map(([name]) => `  ${values[name]}`).join(',\n');
  return `INSERT INTO ${quoteTable(d, tables.runHistory)} (${names})\nSELECT\n${exprs}${from ? `\n${from}` : ''}`;
}

/** The task's own columns of a run_history row (its key, tables and business metadata), as literals. */
export const TASK_HISTORY_COLUMNS = [
  'task_key', 'source_catalog', 'source_schema', 'source_table', 'target_catalog', 'target_schema', 'target_table',
  'business_domain', 'business_owner', 'business_priority', 'expected_sla_hours', 'estimated_impact_usd',
] as const satisfies readonly RunHistoryColumn[];

/** Every column's expression of one task's run_history row. */
export function historyValues(d: Dialect, task: Task, jobName: string, row: HistoryRowValues): Record<RunHistoryColumn, string> {
  return {
    task_key: d.stringLiteral(task.task_key),
    status: row.status,
    run_id: runParameter(d, 'run_id', 'runId'),
    job_id: runParameter(d, 'job_id', 'runId'),
    job_name: d.stringLiteral(jobName),
    // Epoch milliseconds, not a timestamp text: a text would be read in the session's time zone.
    job_start_ts: d.timestampFromEpochMillis(runParameter(d, 'job_start_ms', 'bigint')),
    validation_begin_ts: row.validationBeginTs,
    validation_complete_ts: d.currentTimestamp(),
    source_catalog: d.stringLiteral(task.source_catalog),
    source_schema: d.stringLiteral(task.source_schema),
    source_table: d.stringLiteral(task.source_table),
    target_catalog: d.stringLiteral(task.target_catalog),
    target_schema: d.stringLiteral(task.target_schema),
    target_table: d.stringLiteral(task.target_table),
    business_domain: optionalString(d, task.business_domain),
    business_owner: optionalString(d, task.business_owner),
    business_priority: optionalString(d, task.business_priority),
    expected_sla_hours: optionalDouble(d, task.expected_sla_hours),
    estimated_impact_usd: optionalDouble(d, task.estimated_impact_usd),
    result_payload: row.resultPayload,
  };
}

/** 'SUCCESS' when the verdict is true, 'FAILURE' when false, 'ERROR' when NULL. */
export function statusFromVerdict(d: Dialect, verdict: string): string {
  return (
    `CASE WHEN ${verdict} THEN ${d.stringLiteral('SUCCESS')} ` +
    `WHEN NOT ${verdict} THEN ${d.stringLiteral('FAILURE')} ELSE ${d.stringLiteral('ERROR')} END`
  );
}
