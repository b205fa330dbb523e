/**
 * The Databricks engine: a pact runs as a multi-task job (mode `job`, the default) or statement by statement on
 * the warehouse (mode `direct`); a job run is found again by its run id (`attach`).
 *
 * Calls of a job run besides polling: me, warehouses/list, CREATE SCHEMA, CREATE TABLE run_history, (mkdirs when
 * the job is new), one import per task + aggregate_results, jobs/get or jobs/list, reset or create, run-now, and
 * one statement reading every row back: tasks + 10 at most (creating a missing catalog or starting a stopped
 * warehouse adds one or two; a dashboard set up by `datapact dashboard` adds one get).
 */
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { liveDashboardId } from '../../dashboard/ensure-dashboard';
import type { Pact, Task } from '../../model/pact';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { HistoryEntry } from '../../engine/engine';
import { EngineConfigError, throwIfCancelled } from '../../engine/engine-errors';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { resultTablesFor } from '../../engine/result-tables';
import type { Engine, EngineHost, RunHandle, StartOptions } from '../engine-plugin';
import { DirectRunHandle } from './direct-run';
import { readTaskColumns } from './task-columns';
import { findJob, putJob, uploadFiles } from './job-deploy';
import { AGGREGATE_TASK_KEY, buildJobPlan, jobTaskKeys } from './job-plan';
import { JobRunHandle } from './job-run';
import { idText, isIdText } from './exact-json';
import { getRun, runNow } from './jobs-api';
import { ensureResultTables } from './results-tables';
import { resolveWarehouse } from './warehouse';
import { errorCode, statusCode, WorkspaceApi } from './workspace-api';

export class DatabricksEngine implements Engine {
  readonly type = 'databricks' as const;
  /** The last API used (tests read its call counts). */
  lastApi?: WorkspaceApi;
  private readonly handles = new Set<RunHandle>();

  constructor(
    private readonly config: ResolvedEngineConfig,
    private readonly host: EngineHost,
  ) {}

  private api(): WorkspaceApi {
    this.lastApi = new WorkspaceApi(this.config, this.host);
    return this.lastApi;
  }

  async start(pact: Pact, options: StartOptions): Promise<RunHandle> {
    const api = this.api();
    const tasks = selectTasks(pact.validations, options.taskKeys);
    if (options.recordHistory === false) {
      throw new EngineConfigError('a Databricks run records every task in its results table (--no-history is for local runs)');
    }
    // Every step before run-now stops on an abort (nothing has run yet); run-now itself is awaited, as its run
    // exists once sent, and core's startRun cancels it.
    const { signal } = options;
    throwIfCancelled(signal);
    const me = await api.call('safe', (c) => c.currentUser.me());
    const hostUrl = await api.hostUrl();
    throwIfCancelled(signal);
    const warehouse = await resolveWarehouse(api, this.config.warehouse, this.host);
    const tables = resultTablesFor(this.config.results_table);
    const direct = chooseMode(options, tasks) === 'direct';
    throwIfCancelled(signal);
    await ensureResultTables(api, warehouse.id, tables, direct);
    throwIfCancelled(signal);
    // The SQL compares columns by name and value, and sums exactly, only with both tables' columns.
    const columns = await readTaskColumns(api, warehouse.id, tasks, this.host.log);
    throwIfCancelled(signal);
    let handle: RunHandle;
    if (direct) {
      handle = new DirectRunHandle({ api, host: this.host, config: this.config, warehouseId: warehouse.id, pactPath: options.pactPath, tasks, columns });
    } else {
      // The dashboard `datapact dashboard` set up for this job is refreshed by the job's last task.
      const dashboardId = await api
        .call('safe', (c) => liveDashboardId(c, dirname(resolve(options.pactPath)), hostUrl, this.config.job_name))
        .catch((error: unknown) => {
          // The dashboard is a view of the results: a failed look-up never stops the run, it only skips the refresh.
          this.host.log?.(`the dashboard could not be looked up, so this run does not refresh it: ${oneLineEngineMessage(error)}`);
          return undefined;
        });
      const plan = buildJobPlan({ pact, config: this.config, userName: me.userName ?? '', warehouseId: warehouse.id, taskKeys: options.taskKeys, dashboardId, columns });
      const existing = await findJob(api, plan, options.pactPath, hostUrl, this.host);
      throwIfCancelled(signal);
      await uploadFiles(api, plan, existing === undefined, signal);
      throwIfCancelled(signal);
      const jobId = await putJob(api, plan, existing, options.pactPath, hostUrl, this.host);
      throwIfCancelled(signal);
      const runId = await runNow(api, jobId, randomUUID());
      this.host.log?.(`job run ${runId} started: ${hostUrl}/jobs/${jobId}/runs/${runId}`);
      handle = new JobRunHandle({
        api,
        host: this.host,
        config: this.config,
        hostUrl,
        jobId,
        runId,
        warehouseId: warehouse.id,
        pactPath: options.pactPath,
        taskKeys: plan.taskKeys,
        startedAt: new Date().toISOString(),
      });
    }
    this.track(handle);
    return handle;
  }

  async attach(runId: string, pact: Pact, options: { pactPath: string }): Promise<RunHandle> {
    const api = this.api();
    if (!isIdText(runId)) throw new EngineConfigError(`'${runId}' is not a Databricks run id`);
    const hostUrl = await api.hostUrl();
    let run;
    try {
      run = await getRun(api, runId, 'safe');
    } catch (error) {
      const code = errorCode(error);
      if (code === 'RESOURCE_DOES_NOT_EXIST' || code === 'INVALID_PARAMETER_VALUE' || statusCode(error) === 404) {
        throw new EngineConfigError(`no job run ${runId} in ${hostUrl}`);
      }
      throw error;
    }
    const all = pact.validations.map((t) => t.task_key);
    const keys = jobTaskKeys(all);
    const inRun = new Set((run.tasks ?? []).map((t) => t.task_key ?? ''));
    const taskKeys = new Map<string, string>();
    keys.forEach((key, i) => {
      if (inRun.has(key)) taskKeys.set(key, all[i]!);
    });
    const warehouseId = (run.tasks ?? []).find((t) => t.task_key === AGGREGATE_TASK_KEY)?.sql_task?.warehouse_id ?? (run.tasks ?? [])[0]?.sql_task?.warehouse_id;
    if (!warehouseId || !inRun.has(AGGREGATE_TASK_KEY)) throw new EngineConfigError(`job run ${runId} is not a DataPact run of this pact`);
    const handle = new JobRunHandle({
      api,
      host: this.host,
      config: this.config,
      hostUrl,
      jobId: run.job_id ?? '0',
      runId: idText(runId)!,
      warehouseId,
      pactPath: options.pactPath,
      taskKeys,
      startedAt: run.start_time ? new Date(run.start_time).toISOString() : new Date().toISOString(),
    });
    this.track(handle);
    return handle;
  }

  /** Rows of the recorded runs are read through the warehouse; not offered yet (the history view says so). */
  async history(): Promise<HistoryEntry[]> {
    throw new EngineConfigError(`history of Databricks runs is read from ${this.config.results_table} on the warehouse; this version does not list it yet`);
  }

  async dispose(): Promise<void> {
    this.handles.clear();
  }

  private track(handle: RunHandle): void {
    this.handles.add(handle);
    void handle.result.finally(() => this.handles.delete(handle)).catch(() => undefined);
  }
}

/**
 * Job or direct: the user's choice when given (`--direct`, or the CLI's default, a job); otherwise (the editor's Run
 * Task, Test Explorer) one task runs directly — quick feedback, no job for one statement — and more as a job.
 */
export function chooseMode(options: Pick<StartOptions, 'mode'>, tasks: readonly Task[]): 'job' | 'direct' {
  return options.mode ?? (tasks.length === 1 ? 'direct' : 'job');
}

function selectTasks(all: readonly Task[], keys: readonly string[] | undefined): Task[] {
  if (!keys) return [...all];
  const wanted = new Set(keys);
  return all.filter((task) => wanted.has(task.task_key));
}

