/**
 * The aggregate_results step of a run. A run fails when the latest run_history row of any expected task is not
 * SUCCESS or when an expected task wrote no row at all (crashed before its INSERT; the original missed those).
 * Only the latest row per task counts: a repaired or retried job run keeps its run id, so the first attempt's
 * FAILURE row stays beside the repair's SUCCESS row. On failure a summary row goes to alert_history first, then
 * the last statement raises.
 */
import type { Dialect } from '../dialects/dialect';
import type { Task } from '../model/pact';
import type { ResultTables, TableName } from './compiled';
import { historyValues, quoteTable, RUN_HISTORY_COLUMNS, runParameter, TASK_HISTORY_COLUMNS } from './run-history';

/**
 * The error of the row the aggregate step records for a task of the run that recorded none (a job task that
 * failed before its INSERT: a missing table or column, a warehouse error). The engine that follows the run reads
 * it back and says why from the job task's own state.
 */
export const NO_ROW_RECORDED_MESSAGE = 'the task recorded no row in run_history (its job task failed before writing it, or wrote none)';

/**
 * One INSERT of an ERROR row for each of `tasks` with no row in run `:run_id`, so the history holds every task of
 * every run. One VALUES list carries the tasks' own columns (a statement per task would cost a call each).
 */
export function missingRowsInsert(d: Dialect, tasks: readonly Task[], opts: { tables: ResultTables; jobName: string }): string {
  const history = quoteTable(d, opts.tables.runHistory);
  const own = new Set<string>(TASK_HISTORY_COLUMNS);
  const row = {
    status: d.stringLiteral('ERROR'),
    validationBeginTs: d.currentTimestamp(),
    resultPayload: d.storePayload(d.toJsonText(d.jsonObject([['error', d.stringLiteral(NO_ROW_RECORDED_MESSAGE)]]))),
  };
  const unique = [...new Map(tasks.map((t) => [t.task_key, t])).values()];
  const tuples = unique.map((task) => {
    const values = historyValues(d, task, opts.jobName, row);
    return `(${TASK_HISTORY_COLUMNS.map((c) => values[c]).join(', ')})`;
  });
  // Every other column is the same for all tasks: its expression as a run's own INSERT writes it.
  const shared = historyValues(d, unique[0]!, opts.jobName, row);
  const select = RUN_HISTORY_COLUMNS.map(([name]) => (own.has(name) ? `e.${d.quoteIdentifier(name)}` : shared[name])).join(',\n  ');
  const names = RUN_HISTORY_COLUMNS.map(([name]) => d.quoteIdentifier(name)).join(', ');
  const aliases = TASK_HISTORY_COLUMNS.map((c) => d.quoteIdentifier(c)).join(', ');
  return (
    `INSERT INTO ${history} (${names})\nSELECT\n  ${select}\n` +
    `FROM (VALUES ${tuples.join(',\n  ')}) AS e(${aliases})\n` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${history} AS h WHERE h.run_id = ${runParameter(d, 'run_id', 'runId')} AND h.task_key = e.${d.quoteIdentifier('task_key')})`
  );
}

/**
 * The latest row of each task of run `:run_id` (task_key, status): by validation_complete_ts, then (same instant)
 * a non-SUCCESS row first, so a tie can never turn a failure into a pass.
 */
export function latestRowPerTask(d: Dialect, tables: ResultTables): string {
  const history = quoteTable(d, tables.runHistory);
  const runId = runParameter(d, 'run_id', 'runId');
  const success = d.stringLiteral('SUCCESS');
  return (
    `SELECT r.task_key, r.status FROM (SELECT h.task_key, h.status, ROW_NUMBER() OVER (PARTITION BY h.task_key ` +
    `ORDER BY h.validation_complete_ts DESC, CASE WHEN h.status = ${success} THEN 1 ELSE 0 END) AS dp_rank ` +
    `FROM ${history} AS h WHERE h.run_id = ${runId}) AS r WHERE r.dp_rank = 1`
  );
}

/**
 * The tasks a run expects: their keys written into the statement, or a table (column task_key) the engine filled
 * beforehand, so that the statement's size does not grow with the run.
 */
export type ExpectedTasks = { taskKeys: readonly string[] } | { expectedTasks: TableName };

/** The column of an expected-tasks table. */
const EXPECTED_TASK_KEY = 'task_key';

/** The table of a run's expected task keys that `{ expectedTasks }` names (the engine fills it before the step). */
export function expectedTasksDdl(d: Dialect, table: TableName): string {
  return `CREATE TABLE ${quoteTable(d, table)} (${d.quoteIdentifier(EXPECTED_TASK_KEY)} ${d.types.string} NOT NULL)`;
}

/** Distinct keys of failed or missing tasks of run `:run_id`, as one subquery with column task_key. */
function failedTasks(d: Dialect, tables: ResultTables, expectedTasks: ExpectedTasks): string {
  const history = quoteTable(d, tables.runHistory);
  const runId = runParameter(d, 'run_id', 'runId');
  const failed =
    `SELECT l.task_key FROM (${latestRowPerTask(d, tables)}) AS l ` +
    `WHERE l.status IS NULL OR l.status <> ${d.stringLiteral('SUCCESS')}`;
  let expected: string;
  if ('expectedTasks' in expectedTasks) {
    expected = `SELECT DISTINCT x.${d.quoteIdentifier(EXPECTED_TASK_KEY)} FROM ${quoteTable(d, expectedTasks.expectedTasks)} AS x`;
  } else {
    const { taskKeys } = expectedTasks;
    if (taskKeys.length === 0) return `SELECT DISTINCT task_key FROM (${failed}) AS f0`;
    // One VALUES list, not a UNION ALL per key: 3,000 UNION branches took DuckDB 28 s and 1.4 GB to plan.
    expected = `VALUES ${[...new Set(taskKeys)].map((k) => `(${d.stringLiteral(k)})`).join(', ')}`;
  }
  const missing =
    `SELECT e.task_key FROM (${expected}) AS e(task_key) WHERE NOT EXISTS ` +
    `(SELECT 1 FROM ${history} AS h2 WHERE h2.run_id = ${runId} AND h2.task_key = e.task_key)`;
  return `${failed}\n  UNION\n  ${missing}`;
}

export function aggregateStatements(d: Dialect, opts: { tables: ResultTables; jobName: string } & ExpectedTasks): string[] {
  const failed = failedTasks(d, opts.tables, opts);
  const alert = quoteTable(d, opts.tables.alertHistory);
  const columns = ['job_name', 'run_id', 'failed_task_keys', 'failure_count', 'alert_ts'].map((c) => d.quoteIdentifier(c)).join(', ');
  const insert =
    `INSERT INTO ${alert} (${columns})\n` +
    `SELECT ${d.stringLiteral(opts.jobName)}, ${runParameter(d, 'run_id', 'runId')}, ${d.collectSorted('f.task_key')}, ` +
    `COUNT(*), ${d.currentTimestamp()}\nFROM (\n  ${failed}\n) AS f\nHAVING COUNT(*) > 0`;
  const message = d.concat([d.stringLiteral('DataPact validation tasks failed: '), d.toJsonText(d.collectSorted('f.task_key'))]);
  const verdict =
    `SELECT CASE WHEN COUNT(*) > 0 THEN ${d.raiseError(message)} ` +
    `ELSE ${d.stringLiteral('All DataPact validations passed successfully!')} END AS result\nFROM (\n  ${failed}\n) AS f`;
  return [insert, verdict];
}
