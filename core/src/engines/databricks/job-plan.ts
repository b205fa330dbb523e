/**
 * The job a pact runs as, computed without any network call: the settings exactly as jobs/create receives them and
 * every file uploaded before it (path and content). `datapact plan` prints it; a run creates or resets the job
 * with it. Layout (original §4.2): one `sql_task` (a workspace file) per validation with the run values as task
 * parameters, then `aggregate_results` depending on all of them with `run_if: ALL_DONE`, then — when
 * `datapact dashboard` set up the job's dashboard — `refresh_dashboard` after it, whatever the verdict.
 */
import type { Pact, Task } from '../../model/pact';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import { resultTablesFor } from '../../engine/result-tables';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { compileAggregateScript, compileErrorScript, compileTaskScript, JOB_TASK_PARAMETERS, type TaskColumns } from '../../sql/index';
import { dashboardRefreshTask } from '../../dashboard/ensure-dashboard';

export const AGGREGATE_TASK_KEY = 'aggregate_results';

/** One file uploaded to the workspace. */
export interface PlannedFile {
  path: string;
  content: string;
}

/** A job task as jobs/create receives it (the subset DataPact writes). */
export interface PlannedSqlTask {
  task_key: string;
  description?: string;
  depends_on?: Array<{ task_key: string }>;
  run_if?: 'ALL_DONE';
  sql_task: {
    warehouse_id: string;
    file: { path: string; source: 'WORKSPACE' };
    parameters: Record<string, string>;
  };
}

/** The last task when the pact has a dashboard: refreshes it once the run's rows are in (`refresh_dashboard`). */
export type PlannedDashboardTask = ReturnType<typeof dashboardRefreshTask>;

export type PlannedJobTask = PlannedSqlTask | PlannedDashboardTask;

export interface PlannedJobSettings {
  name: string;
  description: string;
  tags: Record<string, string>;
  max_concurrent_runs: number;
  queue: { enabled: boolean };
  tasks: PlannedJobTask[];
}

export interface JobPlan {
  settings: PlannedJobSettings;
  /** The folder the files go to. */
  folder: string;
  files: PlannedFile[];
  /** Job task key → pact task key (job task keys allow only letters, digits, '-' and '_'). */
  taskKeys: Map<string, string>;
}

/**
 * Job task keys for the pact's task keys: letters, digits, '-' and '_', at most 100 characters, unique, never the
 * aggregate step's key. Equal keys stay equal across runs (same pact → same job).
 */
export function jobTaskKeys(taskKeys: readonly string[]): string[] {
  const used = new Set<string>([AGGREGATE_TASK_KEY]);
  return taskKeys.map((key) => {
    const base = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 90) || 'task';
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    return candidate;
  });
}

/** A folder name for the job: its name without path separators or control characters. */
function folderName(jobName: string): string {
  return jobName.replace(/[\\/\u0000-\u001f]/g, '_').trim() || 'datapact';
}

export interface PlanInput {
  pact: Pact;
  config: ResolvedEngineConfig;
  /** The signed-in user's name (`/Users/<me>`). */
  userName: string;
  warehouseId: string;
  /** Only these tasks (pact order); all when absent. */
  taskKeys?: readonly string[];
  /** The job's Lakeview dashboard (its id), refreshed by the job's last task. */
  dashboardId?: string;
  /** Both tables' columns per task key, read by a run (task-columns.ts); an offline plan has none. */
  columns?: ReadonlyMap<string, TaskColumns>;
}

export function buildJobPlan(input: PlanInput): JobPlan {
  const { config } = input;
  const wanted = input.taskKeys ? new Set(input.taskKeys) : undefined;
  // Keys from the whole pact, so a task keeps its job task key whichever tasks a run selects (attach relies on it).
  const allKeys = jobTaskKeys(input.pact.validations.map((t) => t.task_key));
  const selected = input.pact.validations.map((task, i) => ({ task, key: allKeys[i]! })).filter(({ task }) => !wanted || wanted.has(task.task_key));
  const tasks = selected.map((s) => s.task);
  const folder = `/Users/${input.userName}/datapact/job_assets/${folderName(config.job_name)}`;
  const context = { tables: resultTablesFor(config.results_table), jobName: config.job_name };
  const keys = selected.map((s) => s.key);
  const files: PlannedFile[] = [];
  const jobTasks: PlannedJobTask[] = [];
  const mapping = new Map<string, string>();
  tasks.forEach((task, i) => {
    const key = keys[i]!;
    mapping.set(key, task.task_key);
    const path = `${folder}/${key}.sql`;
    const columns = input.columns?.get(task.task_key);
    files.push({ path, content: taskFile(task, { ...context, ...(columns ? { columns } : {}) }) });
    jobTasks.push({
      task_key: key,
      ...(key !== task.task_key ? { description: `DataPact task ${task.task_key}`.slice(0, 1000) } : {}),
      sql_task: sqlTask(input.warehouseId, path),
    });
  });
  const aggregatePath = `${folder}/${AGGREGATE_TASK_KEY}.sql`;
  files.push({ path: aggregatePath, content: compileAggregateScript({ ...context, tasks }) });
  jobTasks.push({
    task_key: AGGREGATE_TASK_KEY,
    ...(keys.length > 0 ? { depends_on: keys.map((task_key) => ({ task_key })) } : {}),
    run_if: 'ALL_DONE',
    sql_task: sqlTask(input.warehouseId, aggregatePath),
  });
  if (input.dashboardId) jobTasks.push(dashboardRefreshTask(input.dashboardId, input.warehouseId, [AGGREGATE_TASK_KEY]));
  return {
    settings: {
      name: config.job_name,
      description: 'DataPact validation run (generated; changes here are replaced on the next run).',
      tags: { datapact: 'true' },
      max_concurrent_runs: 1,
      queue: { enabled: true },
      tasks: jobTasks,
    },
    folder,
    files,
    taskKeys: mapping,
  };
}

function sqlTask(warehouseId: string, path: string): PlannedSqlTask['sql_task'] {
  return { warehouse_id: warehouseId, file: { path, source: 'WORKSPACE' }, parameters: { ...JOB_TASK_PARAMETERS } };
}

/** A task's file; a task whose SQL cannot be generated gets a file that records an ERROR row saying why. */
function taskFile(task: Task, context: { tables: ReturnType<typeof resultTablesFor>; jobName: string; columns?: TaskColumns }): string {
  try {
    return compileTaskScript(task, context);
  } catch (error) {
    return compileErrorScript(task, `cannot generate SQL: ${oneLineEngineMessage(error)}`, context);
  }
}
