/**
 * Job settings validation (what jobs/create, reset and update reject) and dynamic value references
 * (`{{job.run_id}}` …) resolved in task parameter values before a task starts.
 */
import { badRequest } from '../api-error';

export type JsonObject = Record<string, unknown>;

export interface TaskSpec extends JsonObject {
  task_key: string;
  depends_on?: Array<{ task_key: string; outcome?: string }>;
  run_if?: RunIf;
  sql_task?: { warehouse_id: string; file?: { path: string; source?: string }; parameters?: Record<string, string>; query?: unknown; dashboard?: unknown; alert?: unknown };
  dashboard_task?: { dashboard_id: string; warehouse_id?: string };
}

export type RunIf = 'ALL_SUCCESS' | 'AT_LEAST_ONE_SUCCESS' | 'NONE_FAILED' | 'ALL_DONE' | 'AT_LEAST_ONE_FAILED' | 'ALL_FAILED';
export const RUN_IF: RunIf[] = ['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED', 'ALL_DONE', 'AT_LEAST_ONE_FAILED', 'ALL_FAILED'];

const TASK_TYPES = [
  'sql_task',
  'dashboard_task',
  'notebook_task',
  'spark_jar_task',
  'spark_python_task',
  'python_wheel_task',
  'pipeline_task',
  'run_job_task',
  'condition_task',
  'for_each_task',
  'dbt_task',
  'alert_task',
  'spark_submit_task',
  'clean_rooms_notebook_task',
  'gen_ai_compute_task',
  'power_bi_task',
];

/** Throws INVALID_PARAMETER_VALUE for settings the Jobs API rejects. */
export function validateSettings(settings: JsonObject): void {
  const name = settings.name;
  if (name !== undefined && (typeof name !== 'string' || Buffer.byteLength(name) > 4096)) throw badRequest('The job name must be a string of at most 4096 bytes.');
  const params = settings.parameters;
  if (params !== undefined) {
    if (!Array.isArray(params)) throw badRequest('parameters must be an array.');
    const seen = new Set<string>();
    for (const p of params as JsonObject[]) {
      if (typeof p.name !== 'string' || !p.name) throw badRequest('Missing required field: parameters.name');
      if (!/^[A-Za-z0-9_.-]+$/.test(p.name)) throw badRequest(`Invalid job parameter name '${p.name}': only alphanumeric characters, '_', '-' and '.' are allowed.`);
      if (p.default === undefined || p.default === null) throw badRequest(`Missing required field: default of job parameter ${p.name}`);
      if (seen.has(p.name)) throw badRequest(`Duplicate job parameter name: ${p.name}`);
      seen.add(p.name);
    }
  }
  const tasks = settings.tasks;
  if (tasks === undefined) return;
  if (!Array.isArray(tasks)) throw badRequest('tasks must be an array.');
  if (tasks.length > 1000) throw badRequest('A job can have at most 1000 tasks.');
  const keys = new Set<string>();
  for (const task of tasks as TaskSpec[]) {
    if (typeof task.task_key !== 'string' || !task.task_key) throw badRequest('Missing required field: task_key');
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(task.task_key))
      throw badRequest(`Invalid task_key '${task.task_key}': task keys may contain only alphanumeric characters, '-' and '_', at most 100.`);
    if (keys.has(task.task_key)) throw badRequest(`Task key ${task.task_key} is not unique.`);
    keys.add(task.task_key);
  }
  for (const task of tasks as TaskSpec[]) {
    for (const dep of task.depends_on ?? []) {
      if (!dep || typeof dep.task_key !== 'string') throw badRequest(`Missing required field: depends_on.task_key in task ${task.task_key}`);
      if (!keys.has(dep.task_key)) throw badRequest(`Invalid dependency graph, task '${task.task_key}' can not reference non-existent task '${dep.task_key}'.`);
      if (dep.task_key === task.task_key) throw badRequest(`Invalid dependency graph, task '${task.task_key}' depends on itself.`);
    }
    if (task.run_if !== undefined && !RUN_IF.includes(task.run_if)) throw badRequest(`Invalid run_if value '${String(task.run_if)}' in task ${task.task_key}.`);
    const types = TASK_TYPES.filter((t) => task[t] !== undefined);
    if (types.length !== 1) throw badRequest(`Task ${task.task_key} must specify exactly one task type (found ${types.length ? types.join(', ') : 'none'}).`);
    const sql = task.sql_task;
    if (sql) {
      if (!sql.warehouse_id) throw badRequest(`Missing required field: sql_task.warehouse_id in task ${task.task_key}`);
      const kinds = ['file', 'query', 'dashboard', 'alert'].filter((k) => (sql as JsonObject)[k] !== undefined);
      if (kinds.length !== 1) throw badRequest(`Task ${task.task_key}: sql_task must set exactly one of file, query, dashboard, alert.`);
      if (sql.file) {
        if (!sql.file.path) throw badRequest(`Missing required field: sql_task.file.path in task ${task.task_key}`);
        const source = sql.file.source ?? (settings.git_source ? 'GIT' : 'WORKSPACE');
        if (source !== 'WORKSPACE' && source !== 'GIT') throw badRequest(`Invalid sql_task.file.source '${source}'.`);
        if (source === 'WORKSPACE' && !sql.file.path.startsWith('/')) throw badRequest(`The sql_task.file.path of task ${task.task_key} must be an absolute workspace path.`);
        if (source === 'GIT') throw badRequest('Git sources are not supported by the workspace emulator.');
      }
      for (const [k, v] of Object.entries(sql.parameters ?? {}))
        if (typeof v !== 'string') throw badRequest(`sql_task.parameters.${k} of task ${task.task_key} must be a string.`);
    }
    if (task.dashboard_task && !task.dashboard_task.dashboard_id) throw badRequest(`Missing required field: dashboard_task.dashboard_id in task ${task.task_key}`);
  }
  // cycles
  const deps = new Map((tasks as TaskSpec[]).map((t) => [t.task_key, (t.depends_on ?? []).map((d) => d.task_key)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: string) => {
    if (state.get(k) === 'done') return;
    if (state.get(k) === 'visiting') throw badRequest(`Invalid dependency graph, the graph contains a cycle through task '${k}'.`);
    state.set(k, 'visiting');
    for (const d of deps.get(k) ?? []) visit(d);
    state.set(k, 'done');
  };
  for (const k of deps.keys()) visit(k);
}

export interface DynamicValues {
  jobId: bigint;
  jobName: string;
  runId: bigint;
  repairCount: number;
  startTimeMs: number;
  jobParameters: Map<string, string>;
  taskKey: string;
  taskRunId: bigint;
}

/** Resolves `{{job.*}}` / `{{task.*}}` references in a parameter value; unknown or malformed ones stay literal. */
export function resolveDynamicValues(value: string, v: DynamicValues): string {
  return value.replace(/\{\{\s*([A-Za-z0-9_.`-]+)\s*\}\}/g, (whole, ref: string) => {
    const start = new Date(v.startTimeMs);
    const table: Record<string, string> = {
      'job.id': String(v.jobId),
      'job.name': v.jobName,
      'job.run_id': String(v.runId),
      'job.repair_count': String(v.repairCount),
      'job.start_time.timestamp_ms': String(v.startTimeMs),
      'job.start_time.iso_date': start.toISOString().slice(0, 10),
      'job.start_time.iso_datetime': start.toISOString(),
      'job.start_time.year': String(start.getUTCFullYear()),
      'job.trigger.type': 'one_time',
      'task.name': v.taskKey,
      'task.run_id': String(v.taskRunId),
    };
    if (ref in table) return table[ref]!;
    const param = /^job\.parameters\.`?([^`]+)`?$/.exec(ref);
    if (param && v.jobParameters.has(param[1]!)) return v.jobParameters.get(param[1]!)!;
    return whole;
  });
}

/** A parameter value as the Spark string literal Jobs substitutes for `{{name}}` in a SQL file. */
export function sparkStringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
