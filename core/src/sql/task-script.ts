/**
 * The Databricks job SQL files (original §3): one per task — compute the metrics once into session variables,
 * INSERT one run_history row, then fail the task (raise_error) unless the verdict is true — and the
 * aggregate_results file.
 *
 * Run values reach a file task as task parameters (`run_id: "{{job.run_id}}"`, `job_id: "{{job.id}}"`,
 * `job_start_ms: "{{job.start_time.timestamp_ms}}"`); inside the file Jobs replaces `{{run_id}}` by the value as a
 * quoted string literal, so the file writes `CAST({{run_id}} AS BIGINT)`. `:name` markers are not bound in file
 * tasks. Jobs splits the file at `;` outside literals, identifiers and comments (spark-script-split.ts): every
 * script is checked to split into exactly the statements it was built from, so a filter or custom SQL holding
 * `;`, `'` or `--` can never cut a statement in two or glue two together.
 */
import type { Dialect } from '../dialects/dialect';
import type { Task } from '../model/pact';
import { aggregateStatements, missingRowsInsert } from './aggregate-results';
import type { ResultTables } from './compiled';
import { RUN_PARAMETERS } from './compiled';
import { alertHistoryDdl, historyInsert, statusFromVerdict } from './run-history';
import { splitSparkScript, UnterminatedSqlError } from './spark-script-split';

/** The task parameters every DataPact SQL file task gets: name → dynamic value reference. */
export const JOB_TASK_PARAMETERS: Readonly<Record<(typeof RUN_PARAMETERS)[number], string>> = {
  run_id: '{{job.run_id}}',
  job_id: '{{job.id}}',
  job_start_ms: '{{job.start_time.timestamp_ms}}',
};

/** Raised when a task's own SQL (filter, custom SQL) would change how the job file splits or what Jobs substitutes. */
export class JobScriptError extends Error {
  override readonly name = 'JobScriptError';
}

/**
 * `d` for job files: parameters are `{{name}}` references, and literals never hold `{{` (Jobs would substitute it
 * even inside a literal; `\{` reads as `{` in a Spark literal).
 */
export function jobFileDialect(d: Dialect): Dialect {
  return Object.create(d, {
    parameter: { value: (name: string) => `{{${name}}}` },
    stringLiteral: { value: (value: string) => d.stringLiteral(value).replace(/\{(?=\{)/g, '{\\') },
  }) as Dialect;
}

export function taskScript(base: Dialect, task: Task, metricsSql: string, opts: { tables: ResultTables; jobName: string }): string {
  const d = jobFileDialect(base);
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
  return jobScript(statements, `task ${task.task_key}`);
}

/**
 * The file of a task whose SQL could not be generated: records an ERROR row saying why, then fails the job task,
 * so the run reports the task as ERROR the same way wherever it ran.
 */
export function errorScript(base: Dialect, task: Task, message: string, opts: { tables: ResultTables; jobName: string }): string {
  const d = jobFileDialect(base);
  const payload = d.toJsonText(d.jsonObject([['error', d.stringLiteral(message)]]));
  return jobScript([
    historyInsert(d, task, opts.tables, opts.jobName, {
      status: d.stringLiteral('ERROR'),
      validationBeginTs: d.currentTimestamp(),
      resultPayload: d.storePayload(payload),
    }, ''),
    `SELECT ${d.raiseError(d.stringLiteral(`DataPact task ${task.task_key} could not be generated: ${message}`))} AS result`,
  ], `task ${task.task_key}`);
}

/**
 * The aggregate_results file: alert_history created when missing, an ERROR row for each task that recorded none
 * (a job task cannot catch its own failure, so a missing table would otherwise leave no trace in the history), the
 * alert row, then the verdict.
 */
export function aggregateScript(base: Dialect, opts: { tables: ResultTables; jobName: string; tasks: readonly Task[] }): string {
  const d = jobFileDialect(base);
  const taskKeys = opts.tasks.map((t) => t.task_key);
  const missing = opts.tasks.length > 0 ? [missingRowsInsert(d, opts.tasks, opts)] : [];
  return jobScript([alertHistoryDdl(d, opts.tables), ...missing, ...aggregateStatements(d, { ...opts, taskKeys })], 'aggregate_results');
}

/** Joins statements into a file, after proving the file splits back into exactly them. */
export function jobScript(statements: readonly string[], what: string): string {
  const script = statements.map((s) => `${s};`).join('\n\n') + '\n';
  let split: string[];
  try {
    split = splitSparkScript(script);
  } catch (error) {
    if (error instanceof UnterminatedSqlError) {
      throw new JobScriptError(`${what}: its filter or custom SQL leaves a literal, identifier or comment open (${error.message}), so the job file would not split into its statements`);
    }
    throw error;
  }
  const same = split.length === statements.length && split.every((s, i) => s === statements[i]!.trim());
  if (!same) {
    throw new JobScriptError(`${what}: its filter or custom SQL holds a ';' outside a literal or a comment that hides one, so the job file would split into ${split.length} statements instead of ${statements.length}`);
  }
  const references = script.match(/\{\{[^}]*\}\}/g) ?? [];
  const stray = references.find((r) => !(RUN_PARAMETERS as readonly string[]).includes(r.slice(2, -2)));
  if (stray !== undefined) {
    throw new JobScriptError(`${what}: its filter or custom SQL holds ${stray}, which Databricks Jobs would replace with a parameter value`);
  }
  return script;
}
