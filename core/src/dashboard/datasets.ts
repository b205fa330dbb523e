/**
 * The dashboard's datasets: Spark SQL over run_history, restricted to one job, quoted through the Databricks
 * dialect. "The last run" is the run of the job's newest `job_start_ts`. Each dataset lists the columns it returns,
 * which the widgets reference (a test checks both against the parsed SQL).
 */
import type { Dialect } from '../dialects/dialect';
import { getDialect } from '../dialects/registry';
import type { TableName } from '../sql/compiled';
import { quoteTable } from '../sql/run-history';

export interface DatasetSpec {
  name: string;
  displayName: string;
  sql: string;
  columns: readonly string[];
}

export interface DatasetOptions {
  runHistory: TableName;
  jobName: string;
  /** Days of history the trend covers. */
  trendDays?: number;
}

/** Payload keys that are not checks (they describe the task). */
const NOT_CHECKS = ['applied_filter', 'configured_primary_keys', 'message'];

export function dashboardDatasets(options: DatasetOptions): DatasetSpec[] {
  const d: Dialect = getDialect('databricks');
  const q = (name: string) => d.quoteIdentifier(name);
  const table = quoteTable(d, options.runHistory);
  const ofJob = `${q('job_name')} = ${d.stringLiteral(options.jobName)}`;
  const lastRun = `${q('run_id')} = (SELECT ${q('run_id')} FROM ${table} WHERE ${ofJob} ORDER BY ${q('job_start_ts')} DESC, ${q('run_id')} DESC LIMIT 1)`;
  const count = (status: string) => `COUNT_IF(${q('status')} = ${d.stringLiteral(status)})`;
  const notPassed = `COUNT_IF(${q('status')} <> ${d.stringLiteral('SUCCESS')})`;
  const days = Math.max(1, Math.floor(options.trendDays ?? 30));

  return [
    {
      name: 'dp_last_run',
      displayName: 'Last run',
      columns: ['run_id', 'started', 'tasks', 'passed', 'failed', 'errored'],
      sql: [
        `SELECT MAX(${q('run_id')}) AS ${q('run_id')}, MIN(${q('job_start_ts')}) AS ${q('started')}, COUNT(*) AS ${q('tasks')},`,
        `  ${count('SUCCESS')} AS ${q('passed')}, ${count('FAILURE')} AS ${q('failed')}, ${count('ERROR')} AS ${q('errored')}`,
        `FROM ${table}`,
        `WHERE ${ofJob} AND ${lastRun}`,
      ].join('\n'),
    },
    {
      name: 'dp_failures_by_day',
      displayName: 'Failures by day',
      columns: ['day', 'tasks', 'failed_tasks', 'failure_rate'],
      sql: [
        `SELECT date_trunc(${d.stringLiteral('DAY')}, ${q('job_start_ts')}) AS ${q('day')}, COUNT(*) AS ${q('tasks')}, ${notPassed} AS ${q('failed_tasks')},`,
        `  ${notPassed} / COUNT(*) AS ${q('failure_rate')}`,
        `FROM ${table}`,
        `WHERE ${ofJob} AND ${q('job_start_ts')} >= current_date() - INTERVAL ${days} DAYS`,
        `GROUP BY 1`,
        `ORDER BY 1`,
      ].join('\n'),
    },
    {
      name: 'dp_top_failing',
      displayName: 'Top failing tasks',
      columns: ['task_key', 'failures', 'runs', 'last_failure'],
      sql: [
        `SELECT ${q('task_key')}, ${notPassed} AS ${q('failures')}, COUNT(*) AS ${q('runs')},`,
        `  MAX(CASE WHEN ${q('status')} <> ${d.stringLiteral('SUCCESS')} THEN ${q('job_start_ts')} END) AS ${q('last_failure')}`,
        `FROM ${table}`,
        `WHERE ${ofJob}`,
        `GROUP BY ${q('task_key')}`,
        `HAVING ${notPassed} > 0`,
        `ORDER BY ${q('failures')} DESC, ${q('task_key')}`,
        `LIMIT 10`,
      ].join('\n'),
    },
    {
      // One row per check of the last run, read from the payload: each top-level object with a status is a check.
      name: 'dp_check_details',
      displayName: 'Checks of the last run',
      columns: ['task_key', 'task_status', 'check_name', 'check_status', 'details'],
      sql: [
        `SELECT r.${q('task_key')} AS ${q('task_key')}, r.${q('status')} AS ${q('task_status')}, c.${q('key')} AS ${q('check_name')},`,
        `  get_json_object(c.${q('value')}, ${d.stringLiteral('$.status')}) AS ${q('check_status')}, c.${q('value')} AS ${q('details')}`,
        `FROM ${table} AS r`,
        `LATERAL VIEW explode(from_json(to_json(r.${q('result_payload')}), ${d.stringLiteral('MAP<STRING, STRING>')})) c AS ${q('key')}, ${q('value')}`,
        `WHERE r.${ofJob} AND r.${lastRun}`,
        `  AND c.${q('key')} NOT IN (${NOT_CHECKS.map((k) => d.stringLiteral(k)).join(', ')})`,
        `ORDER BY CASE WHEN get_json_object(c.${q('value')}, ${d.stringLiteral('$.status')}) = ${d.stringLiteral('PASS')} THEN 1 ELSE 0 END, r.${q('task_key')}, c.${q('key')}`,
      ].join('\n'),
    },
    {
      name: 'dp_runs',
      displayName: 'Run history',
      columns: ['run_id', 'started', 'tasks', 'passed', 'failed', 'errored', 'status'],
      sql: [
        `SELECT ${q('run_id')}, MIN(${q('job_start_ts')}) AS ${q('started')}, COUNT(*) AS ${q('tasks')},`,
        `  ${count('SUCCESS')} AS ${q('passed')}, ${count('FAILURE')} AS ${q('failed')}, ${count('ERROR')} AS ${q('errored')},`,
        `  CASE WHEN ${count('SUCCESS')} = COUNT(*) THEN ${d.stringLiteral('SUCCESS')} WHEN ${count('ERROR')} > 0 THEN ${d.stringLiteral('ERROR')} ELSE ${d.stringLiteral('FAILURE')} END AS ${q('status')}`,
        `FROM ${table}`,
        `WHERE ${ofJob}`,
        `GROUP BY ${q('run_id')}`,
        `ORDER BY ${q('started')} DESC`,
        `LIMIT 100`,
      ].join('\n'),
    },
  ];
}
