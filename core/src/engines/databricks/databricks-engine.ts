/**
 * The Databricks engine: a pact runs as a multi-task job (mode `job`, the default for a pact) or statement by
 * statement on the warehouse (mode `direct`, the default for one task asked for by key); a job run is found again
 * by its run id (`attach`), a direct run by the record its process keeps beside the pact. History is read from
 * run_history on the warehouse.
 *
 * Calls of a job run besides polling: me, warehouses/list, CREATE SCHEMA, CREATE TABLE run_history, (mkdirs when
 * the job is new), one import per task + aggregate_results, jobs/get or jobs/list, reset or create, run-now, and
 * one statement reading every row back: tasks + 10 at most (creating a missing catalog or starting a stopped
 * warehouse adds one or two; a dashboard set up by `datapact dashboard` adds one get).
 */
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { dashboardUrl, liveDashboardId } from '../../dashboard/ensure-dashboard';
import type { Pact, Task } from '../../model/pact';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { HistoryEntry, HistoryQuery } from '../../engine/engine';
import { EngineConfigError, throwIfCancelled } from '../../engine/engine-errors';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { resultTablesFor } from '../../engine/result-tables';
import type { Engine, EngineHost, RunHandle, StartOptions } from '../engine-plugin';
import { readDatabricksHistory } from './databricks-history';
import { DirectAttachedRun } from './direct-attached-run';
import { DirectRunHandle } from './direct-run';
import { readDirectRunRecord } from './direct-run-record';
import { readTaskColumns } from './task-columns';
import { findJob, putJob, uploadFiles } from './job-deploy';
import { AGGREGATE_TASK_KEY, buildJobPlan, jobTaskKeys } from './job-plan';
import { isFinalJobRun, JobRunHandle, readRecordedRows } from './job-run';
import { idText, isIdText } from './exact-json';
import { getRun, runNow } from './jobs-api';
import { ensureResultTables } from './results-tables';
import { jobRunPageUrl } from './run-page';
import { resolveWarehouse } from './warehouse';
import { errorCode, statusCode, WorkspaceApi } from './workspace-api';

/** Direct runs started by this process, by id, while they last (so `attach` in the same process gets the live handle). */
const liveDirectRuns = new Map<string, DirectRunHandle>();

export class DatabricksEngine implements Engine {
  readonly type = 'databricks' as const;
  /** The last API used (tests read its call counts). */
  lastApi?: WorkspaceApi;
  private readonly handles = new Set<RunHandle>();
  private readonly attached = new Set<DirectAttachedRun | JobRunHandle>();

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
    const direct = chooseMode(options) === 'direct';
    throwIfCancelled(signal);
    await ensureResultTables(api, warehouse.id, tables, direct);
    throwIfCancelled(signal);
    // The SQL compares columns by name and value, and sums exactly, only with both tables' columns.
    const columns = await readTaskColumns(api, warehouse.id, tasks, this.host.log);
    throwIfCancelled(signal);
    let handle: RunHandle;
    if (direct) {
      const run = new DirectRunHandle({ api, host: this.host, config: this.config, warehouseId: warehouse.id, pactPath: options.pactPath, tasks, columns });
      liveDirectRuns.set(run.runId, run);
      void run.result.finally(() => liveDirectRuns.delete(run.runId)).catch(() => undefined);
      handle = run;
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
      this.host.log?.(`job run ${runId} started: ${jobRunPageUrl(hostUrl, jobId, runId)}`);
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
        ...(dashboardId ? { dashboardUrl: dashboardUrl(hostUrl, dashboardId) } : {}),
      });
    }
    this.track(handle);
    return handle;
  }

  async attach(runId: string, pact: Pact, options: { pactPath: string }): Promise<RunHandle> {
    if (!isIdText(runId)) throw new EngineConfigError(`'${runId}' is not a Databricks run id`);
    // A direct run has no job run: it is followed through the record its process keeps (no network call).
    const live = liveDirectRuns.get(runId);
    if (live) return live;
    const direct = readDirectRunRecord(options.pactPath, runId);
    if (direct) {
      const t = resultTablesFor(this.config.results_table).runHistory;
      const handle = new DirectAttachedRun(options.pactPath, `${t.catalog}.${t.schema}.${t.table}`, direct);
      this.attached.add(handle);
      return handle;
    }
    const api = this.api();
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
    // The handle starts from the job run's state: an ended run is final at once, its results the rows its
    // aggregate step saw (one statement); a run in flight is followed once someone asks for its result or events.
    const final = isFinalJobRun(run);
    const recorded = final ? await readRecordedRows(api, warehouseId, this.config, idText(runId)!) : undefined;
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
    }, { run, ...(recorded ? { recorded } : {}) });
    if (!final) this.attached.add(handle);
    return handle;
  }

  /** The recorded runs, read from run_history on the warehouse (started first only when `startCompute`). */
  async history(options: HistoryQuery): Promise<HistoryEntry[]> {
    const api = this.api();
    const warehouse = await resolveWarehouse(api, this.config.warehouse, this.host, { start: options.startCompute === true });
    return readDatabricksHistory(api, warehouse.id, resultTablesFor(this.config.results_table), options);
  }

  async dispose(): Promise<void> {
    this.handles.clear();
    for (const handle of this.attached) handle.stop();
    this.attached.clear();
  }

  private track(handle: RunHandle): void {
    this.handles.add(handle);
    void handle.result.finally(() => this.handles.delete(handle)).catch(() => undefined);
  }
}

/**
 * Job or direct: the user's choice when given (`--direct`, `--job`); otherwise one task asked for by key (the
 * editor's Run Task, `datapact run --task X`) runs directly — quick feedback, no job deployed for one statement —
 * and a whole pact, or several tasks, as a job.
 */
export function chooseMode(options: Pick<StartOptions, 'mode' | 'taskKeys'>): 'job' | 'direct' {
  return options.mode ?? (options.taskKeys?.length === 1 ? 'direct' : 'job');
}

function selectTasks(all: readonly Task[], keys: readonly string[] | undefined): Task[] {
  if (!keys) return [...all];
  const wanted = new Set(keys);
  return all.filter((task) => wanted.has(task.task_key));
}

