/**
 * The Databricks job SQL task script for one task (original §3): compute the metrics once into session
 * variables, INSERT one run_history row, then fail the task (RAISE_ERROR) unless the verdict is true.
 * run_id / job_id / job_start_ts arrive as job parameters (named markers).
 */
import type { Dialect } from '../dialects/dialect';
import type { Task } from '../model/pact';
import type { ResultTables } from './compiled';
import { historyInsert, statusFromVerdict } from './run-history';

export function taskScript(d: Dialect, task: Task, metricsSql: string, opts: { tables: ResultTables; jobName: string }): string {
  const statements = [
    `DECLARE OR REPLACE VARIABLE dp_validation_begin_ts TIMESTAMP DEFAULT ${d.currentTimestamp()}`,
    `DECLARE OR REPLACE VARIABLE dp_result_payload STRING`,
    `DECLARE OR REPLACE VARIABLE dp_verdict BOOLEAN`,
    `SET VARIABLE (dp_result_payload, dp_verdict) = (\n  SELECT result_payload, overall_validation_passed FROM (\n${metricsSql}\n  ) AS m\n)`,
    historyInsert(d, task, opts.tables, opts.jobName, {
      status: statusFromVerdict(d, 'dp_verdict'),
      validationBeginTs: 'dp_validation_begin_ts',
      resultPayload: d.storePayload('dp_result_payload'),
    }, ''),
    `SELECT CASE WHEN dp_verdict THEN dp_result_payload\n` +
      `  WHEN NOT dp_verdict THEN ${d.raiseError(d.concat([d.stringLiteral(`DataPact validation failed for task: ${task.task_key}. Payload:\n`), 'dp_result_payload']))}\n` +
      `  ELSE ${d.raiseError(d.concat([d.stringLiteral(`DataPact validation could not be computed for task: ${task.task_key}. Payload:\n`), 'dp_result_payload']))}\n` +
      `END AS result`,
  ];
  return statements.map((s) => `${s};`).join('\n\n') + '\n';
}
