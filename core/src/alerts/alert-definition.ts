/**
 * The Databricks SQL alert (Alerts API v2) DataPact sets up: every period it counts the job's rows in alert_history
 * (one row per failed run, written by the aggregate step) that appeared since the previous evaluation, and fires
 * when there is at least one. The window is the period plus a minute, so a row written while an evaluation runs is
 * not missed (it may then be reported twice rather than never).
 */
import { getDialect } from '../dialects/registry';
import type { TableName } from '../sql/compiled';
import { quoteTable } from '../sql/run-history';
import type { AlertSchedule } from './alert-schedule';

export interface AlertOptions {
  alertHistory: TableName;
  jobName: string;
  warehouseId: string;
  schedule: AlertSchedule;
  /** The notification destination's id. */
  destinationId: string;
}

/** The alert's fields DataPact owns (what it creates, and what an update rewrites). */
export interface AlertBody {
  display_name: string;
  query_text: string;
  warehouse_id: string;
  evaluation: {
    source: { name: string; display: string };
    comparison_operator: 'GREATER_THAN';
    threshold: { value: { double_value: number } };
    empty_result_state: 'OK';
    notification: { notify_on_ok: boolean; retrigger_seconds: number; subscriptions: { destination_id: string }[] };
  };
  schedule: { quartz_cron_schedule: string; timezone_id: string; pause_status: 'UNPAUSED' };
  custom_summary: string;
  custom_description: string;
}

/** The fields an update rewrites (Alerts v2 `update_mask`). */
export const ALERT_UPDATE_MASK = 'display_name,query_text,warehouse_id,evaluation,schedule,custom_summary,custom_description';

export function alertDisplayName(jobName: string): string {
  return `DataPact failures - ${jobName}`;
}

export function destinationDisplayName(jobName: string): string {
  return `DataPact - ${jobName}`;
}

export function alertQuery(alertHistory: TableName, jobName: string, schedule: AlertSchedule): string {
  const d = getDialect('databricks');
  const q = (name: string) => d.quoteIdentifier(name);
  const windowSeconds = schedule.seconds + 60;
  return [
    `SELECT COUNT(*) AS ${q('new_failures')}`,
    `FROM ${quoteTable(d, alertHistory)}`,
    `WHERE ${q('job_name')} = ${d.stringLiteral(jobName)}`,
    `  AND ${q('alert_ts')} > current_timestamp() - INTERVAL ${windowSeconds} SECONDS`,
  ].join('\n');
}

export function alertBody(options: AlertOptions): AlertBody {
  return {
    display_name: alertDisplayName(options.jobName),
    query_text: alertQuery(options.alertHistory, options.jobName, options.schedule),
    warehouse_id: options.warehouseId,
    evaluation: {
      source: { name: 'new_failures', display: 'new_failures' },
      comparison_operator: 'GREATER_THAN',
      threshold: { value: { double_value: 0 } },
      empty_result_state: 'OK',
      notification: { notify_on_ok: false, retrigger_seconds: 0, subscriptions: [{ destination_id: options.destinationId }] },
    },
    schedule: { quartz_cron_schedule: options.schedule.quartzCron, timezone_id: 'UTC', pause_status: 'UNPAUSED' },
    custom_summary: `DataPact: ${options.jobName} has failed validations`,
    custom_description: `A run of the DataPact job ${options.jobName} failed in the last ${options.schedule.text}; see alert_history and run_history for the tasks.`,
  };
}
