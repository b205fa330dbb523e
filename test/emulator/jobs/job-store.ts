/**
 * Jobs and job runs: settings as stored by create/reset/update, and runs that really execute — each task waits for
 * its dependencies, is judged by its `run_if`, and a SQL file task runs its uploaded file statement by statement in
 * one SQL session after substituting `{{name}}` parameters (job parameters win over task parameters). Repair re-runs
 * tasks inside the same run id.
 */
import { ApiError, badRequest, invalidState, notFound, optionalId, requiredId } from '../api-error';
import type { EmulatorContext } from '../context';
import type { SqlSession } from '../sql/sql-engine';
import { toSqlError } from '../sql/sql-error';
import { splitStatements } from '../sql/split-statements';
import { type JsonObject, type RunIf, resolveDynamicValues, sparkStringLiteral, type TaskSpec, validateSettings } from './job-settings';

export interface Job {
  jobId: bigint;
  createdTime: number;
  creator: string;
  settings: JsonObject;
}

export type LifeCycle = 'QUEUED' | 'PENDING' | 'BLOCKED' | 'RUNNING' | 'TERMINATING' | 'TERMINATED' | 'SKIPPED' | 'INTERNAL_ERROR';
export type ResultState = 'SUCCESS' | 'FAILED' | 'CANCELED' | 'UPSTREAM_FAILED' | 'UPSTREAM_CANCELED' | 'EXCLUDED' | 'SUCCESS_WITH_FAILURES' | 'TIMEDOUT';

export interface TaskRun {
  taskKey: string;
  runId: bigint;
  spec: TaskSpec;
  lifeCycle: LifeCycle;
  result?: ResultState;
  message: string;
  startTime: number;
  endTime: number;
  attempt: number;
  resolvedParameters?: Record<string, string>;
  /** Statements executed (after fault injection), for tests. */
  statementsRun: number;
  errorCode?: string;
  session?: SqlSession;
  /** Ends a hold in RUNNING early (a poll reported the task RUNNING, or the run was cancelled). */
  endHold?: () => void;
}

/** A task key held in RUNNING: until `released`, or (untilPolled) until a runs/get reported the task RUNNING. */
export interface RunningHold {
  untilPolled: boolean;
  released: Promise<void>;
}

export interface RepairEntry {
  type: 'ORIGINAL' | 'REPAIR';
  id: bigint;
  startTime: number;
  endTime: number;
  taskRunIds: bigint[];
  result?: ResultState;
}

export interface Run {
  runId: bigint;
  jobId: bigint;
  runName: string;
  numberInJob: bigint;
  startTime: number;
  endTime: number;
  lifeCycle: LifeCycle;
  result?: ResultState;
  message: string;
  userCancelled: boolean;
  cancelRequested: boolean;
  tasks: TaskRun[];
  /** Final parameter values of this run (job defaults overridden by run-now). */
  jobParameters: Map<string, string>;
  /** Job parameter definitions at run start (name → default). */
  jobParameterDefaults: Map<string, string>;
  repairs: RepairEntry[];
  settings: JsonObject;
  idempotencyToken?: string;
  /** Resolves when the current attempt (original or repair) has finished. */
  finished: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FAILED_LIKE: ResultState[] = ['FAILED', 'TIMEDOUT', 'UPSTREAM_FAILED'];
const CANCELED_LIKE: ResultState[] = ['CANCELED', 'UPSTREAM_CANCELED'];

export class JobStore {
  /** Ids are int64, held as bigint (the API's ids pass 2^53: see issueIdsFrom). */
  readonly jobs = new Map<bigint, Job>();
  readonly runs = new Map<bigint, Run>();
  /** Every job name given to jobs/create, in order (tests assert a job was never created twice). */
  readonly createdNames: string[] = [];
  private nextJobId = 912_345_678_901_234n;
  private nextRunId = 1_098_765_432_101_234n;
  private readonly idempotency = new Map<string, bigint>();
  /** Tasks (by key) held in RUNNING before their work, in every run started while set. */
  readonly runningHolds = new Map<string, RunningHold>();

  constructor(private readonly ctx: EmulatorContext) {}

  /** Jobs carrying this name (case-insensitive, as jobs/list?name= matches). */
  named(name: string): Job[] {
    return [...this.jobs.values()].filter((j) => String(j.settings.name ?? '').toLowerCase() === name.toLowerCase());
  }

  /** The next job and run ids issued (e.g. past 2^53, where a JSON number read as a double is no longer exact). */
  issueIdsFrom(next: { jobId?: bigint; runId?: bigint }): void {
    if (next.jobId !== undefined) this.nextJobId = next.jobId;
    if (next.runId !== undefined) this.nextRunId = next.runId;
  }

  create(body: JsonObject): bigint {
    const settings = { ...body };
    delete settings.access_control_list;
    validateSettings(settings);
    const jobId = this.nextJobId++;
    settings.name ??= 'Untitled';
    settings.max_concurrent_runs ??= 1;
    settings.queue ??= { enabled: true };
    this.jobs.set(jobId, { jobId, createdTime: Date.now(), creator: this.ctx.user.userName, settings });
    this.createdNames.push(String(settings.name));
    return jobId;
  }

  require(jobId: bigint): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw badRequest(`Job ${jobId} does not exist.`, 'INVALID_PARAMETER_VALUE');
    return job;
  }

  reset(jobId: bigint, newSettings: JsonObject): void {
    const job = this.require(jobId);
    validateSettings(newSettings);
    job.settings = { name: 'Untitled', max_concurrent_runs: 1, queue: { enabled: true }, ...newSettings };
  }

  update(jobId: bigint, newSettings: JsonObject | undefined, fieldsToRemove: string[] | undefined): void {
    const job = this.require(jobId);
    const next: JsonObject = { ...job.settings };
    for (const [key, value] of Object.entries(newSettings ?? {})) {
      if (key === 'tasks' && Array.isArray(value)) {
        // arrays are merged by key: tasks by task_key
        const tasks = [...((next.tasks as TaskSpec[] | undefined) ?? [])];
        for (const t of value as TaskSpec[]) {
          const at = tasks.findIndex((x) => x.task_key === t.task_key);
          if (at >= 0) tasks[at] = t;
          else tasks.push(t);
        }
        next.tasks = tasks;
      } else next[key] = value;
    }
    for (const field of fieldsToRemove ?? []) {
      const task = /^tasks\/(.+)$/.exec(field);
      if (task) {
        const tasks = (next.tasks as TaskSpec[] | undefined) ?? [];
        if (!tasks.some((t) => t.task_key === task[1])) throw badRequest(`Cannot remove task ${task[1]}: no such task.`);
        next.tasks = tasks.filter((t) => t.task_key !== task[1]);
      } else delete next[field];
    }
    validateSettings(next);
    job.settings = next;
  }

  delete(jobId: bigint): void {
    this.require(jobId);
    this.jobs.delete(jobId);
  }

  getRun(runId: bigint): { run: Run; task?: TaskRun } {
    const run = this.runs.get(runId);
    if (run) return { run };
    for (const r of this.runs.values()) {
      const task = r.tasks.find((t) => t.runId === runId);
      if (task) return { run: r, task };
    }
    throw badRequest(`Run ${runId} does not exist.`, 'INVALID_PARAMETER_VALUE');
  }

  runNow(body: JsonObject): { run_id: bigint; number_in_job: bigint } {
    const jobId = requiredId(body, 'job_id');
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Job ${jobId} does not exist.`);
    const token = body.idempotency_token as string | undefined;
    if (token !== undefined) {
      if (token.length > 64) throw badRequest('idempotency_token must be at most 64 characters.');
      const existing = this.idempotency.get(token);
      if (existing !== undefined) return { run_id: existing, number_in_job: existing };
    }
    const defaults = new Map(((job.settings.parameters as Array<{ name: string; default: string }> | undefined) ?? []).map((p) => [p.name, String(p.default)]));
    const values = new Map(defaults);
    for (const [k, v] of Object.entries((body.job_parameters as Record<string, string> | undefined) ?? {})) {
      if (!defaults.has(k)) throw badRequest(`Job parameter '${k}' is not defined in job ${jobId}.`);
      values.set(k, String(v));
    }
    const runId = this.nextRunId;
    this.nextRunId += 7n;
    const settings = structuredClone(job.settings);
    const now = Date.now();
    const run: Run = {
      runId,
      jobId,
      runName: String(settings.name),
      numberInJob: runId,
      startTime: now,
      endTime: 0,
      lifeCycle: 'PENDING',
      message: 'Waiting for cluster',
      userCancelled: false,
      cancelRequested: false,
      tasks: ((settings.tasks as TaskSpec[] | undefined) ?? []).map((spec) => this.newTaskRun(spec, 0)),
      jobParameters: values,
      jobParameterDefaults: defaults,
      repairs: [],
      settings,
      idempotencyToken: token,
      finished: Promise.resolve(),
    };
    this.runs.set(runId, run);
    if (token !== undefined) this.idempotency.set(token, runId);
    run.repairs.push({ type: 'ORIGINAL', id: runId, startTime: now, endTime: 0, taskRunIds: run.tasks.map((t) => t.runId) });
    run.finished = this.execute(run, run.tasks.map((t) => t.taskKey), true);
    return { run_id: runId, number_in_job: runId };
  }

  private newTaskRun(spec: TaskSpec, attempt: number): TaskRun {
    const runId = this.nextRunId;
    this.nextRunId += 7n;
    return { taskKey: spec.task_key, runId, spec, lifeCycle: 'PENDING', message: '', startTime: 0, endTime: 0, attempt, statementsRun: 0 };
  }

  cancel(runId: bigint): void {
    const { run, task } = this.getRun(runId);
    if (task) {
      if (task.lifeCycle === 'TERMINATED' || task.lifeCycle === 'SKIPPED') return;
      this.cancelTask(task);
      return;
    }
    if (run.lifeCycle === 'TERMINATED' || run.lifeCycle === 'SKIPPED' || run.lifeCycle === 'INTERNAL_ERROR') return;
    run.cancelRequested = true;
    run.userCancelled = true;
    if (run.lifeCycle === 'RUNNING') run.lifeCycle = 'TERMINATING';
    for (const t of run.tasks) if (t.lifeCycle !== 'TERMINATED' && t.lifeCycle !== 'SKIPPED') this.cancelTask(t);
  }

  private cancelTask(task: TaskRun): void {
    task.endHold?.();
    if (task.lifeCycle === 'RUNNING') {
      task.lifeCycle = 'TERMINATING';
      task.result = 'CANCELED';
      task.session?.interrupt();
    } else {
      task.lifeCycle = 'TERMINATED';
      task.result = 'CANCELED';
      task.message = 'Run cancelled.';
      task.endTime = Date.now();
    }
  }

  cancelAll(jobId: bigint): void {
    this.require(jobId);
    for (const run of this.runs.values()) if (run.jobId === jobId) this.cancel(run.runId);
  }

  repair(body: JsonObject): bigint {
    const run = this.runs.get(requiredId(body, 'run_id'));
    if (!run) throw badRequest(`Run ${String(body.run_id)} does not exist.`);
    if (run.lifeCycle !== 'TERMINATED' && run.lifeCycle !== 'INTERNAL_ERROR' && run.lifeCycle !== 'SKIPPED')
      throw invalidState(`Run ${run.runId} is still active; only a terminated run can be repaired.`);
    const latestRepair = run.repairs.filter((r) => r.type === 'REPAIR').pop();
    if (latestRepair && optionalId(body.latest_repair_id) !== latestRepair.id)
      throw badRequest(
        body.latest_repair_id === undefined
          ? `Missing required field: latest_repair_id (run ${run.runId} was repaired before; its latest repair is ${latestRepair.id}).`
          : `latest_repair_id ${String(body.latest_repair_id)} is not the latest repair of run ${run.runId} (${latestRepair.id}).`,
      );
    let keys: string[];
    if (Array.isArray(body.rerun_tasks) && body.rerun_tasks.length) {
      keys = body.rerun_tasks as string[];
      for (const k of keys) if (!run.tasks.some((t) => t.taskKey === k)) throw badRequest(`Task ${k} does not exist in run ${run.runId}.`);
    } else if (body.rerun_all_failed_tasks === true) {
      keys = run.tasks.filter((t) => t.result !== 'SUCCESS').map((t) => t.taskKey);
    } else throw badRequest('Either rerun_tasks or rerun_all_failed_tasks must be set.');
    if (body.rerun_dependent_tasks === true) {
      let grew = true;
      while (grew) {
        grew = false;
        for (const t of run.tasks)
          if (!keys.includes(t.taskKey) && (t.spec.depends_on ?? []).some((d) => keys.includes(d.task_key))) {
            keys.push(t.taskKey);
            grew = true;
          }
      }
    }
    for (const [k, v] of Object.entries((body.job_parameters as Record<string, string> | undefined) ?? {})) {
      if (!run.jobParameterDefaults.has(k)) throw badRequest(`Job parameter '${k}' is not defined in job ${run.jobId}.`);
      run.jobParameters.set(k, String(v));
    }
    const repairId = this.nextRunId;
    this.nextRunId += 7n;
    run.tasks = run.tasks.map((t) => (keys.includes(t.taskKey) ? this.newTaskRun(t.spec, t.attempt + 1) : t));
    run.result = undefined;
    run.endTime = 0;
    run.userCancelled = false;
    run.cancelRequested = false;
    run.lifeCycle = 'RUNNING';
    run.repairs.push({
      type: 'REPAIR',
      id: repairId,
      startTime: Date.now(),
      endTime: 0,
      taskRunIds: run.tasks.filter((t) => keys.includes(t.taskKey)).map((t) => t.runId),
    });
    run.finished = this.execute(run, keys, false);
    return repairId;
  }

  /** Runs `keys` of the run (the others keep their outcome), then settles the run's state. */
  private async execute(run: Run, keys: string[], first: boolean): Promise<void> {
    if (first) {
      await this.waitForSlot(run);
      if (this.ctx.options.runStartDelayMs) await sleep(this.ctx.options.runStartDelayMs);
      if (run.cancelRequested) {
        this.finish(run);
        return;
      }
      run.lifeCycle = 'RUNNING';
      run.message = '';
    }
    const done = new Map<string, Promise<ResultState>>();
    const byKey = new Map(run.tasks.map((t) => [t.taskKey, t]));
    const outcome = (key: string): Promise<ResultState> => {
      let p = done.get(key);
      if (!p) {
        const task = byKey.get(key)!;
        p = keys.includes(key) ? this.runTask(run, task, outcome) : Promise.resolve(task.result ?? 'EXCLUDED');
        done.set(key, p);
      }
      return p;
    };
    await Promise.all(keys.map(outcome));
    this.finish(run);
  }

  private async waitForSlot(run: Run): Promise<void> {
    const limit = Number(run.settings.max_concurrent_runs ?? 1);
    const active = () => [...this.runs.values()].filter((r) => r.jobId === run.jobId && r.runId < run.runId && r.endTime === 0 && r.lifeCycle !== 'TERMINATED').length;
    while (active() >= limit && !run.cancelRequested) {
      run.lifeCycle = 'QUEUED';
      run.message = 'Queued: the job has reached its maximum number of concurrent runs.';
      await sleep(20);
    }
    run.lifeCycle = 'PENDING';
  }

  private finish(run: Run): void {
    const results = run.tasks.map((t) => t.result);
    const leaves = run.tasks.filter((t) => !run.tasks.some((o) => (o.spec.depends_on ?? []).some((d) => d.task_key === t.taskKey)));
    let result: ResultState;
    if (run.cancelRequested) result = 'CANCELED';
    else if (leaves.every((t) => t.result === 'SUCCESS')) result = results.every((r) => r === 'SUCCESS') ? 'SUCCESS' : 'SUCCESS_WITH_FAILURES';
    else if (results.some((r) => r && CANCELED_LIKE.includes(r)) && !results.some((r) => r && FAILED_LIKE.includes(r))) result = 'CANCELED';
    else result = 'FAILED';
    run.result = result;
    run.lifeCycle = 'TERMINATED';
    run.endTime = Date.now();
    const failed = run.tasks.filter((t) => t.result !== 'SUCCESS').map((t) => t.taskKey);
    run.message = result === 'SUCCESS' ? '' : result === 'CANCELED' ? 'Run cancelled.' : `${failed.length} of ${run.tasks.length} tasks did not succeed: ${failed.join(', ')}`;
    const attempt = run.repairs[run.repairs.length - 1]!;
    attempt.endTime = run.endTime;
    attempt.result = result;
  }

  private async runTask(run: Run, task: TaskRun, outcome: (key: string) => Promise<ResultState>): Promise<ResultState> {
    task.lifeCycle = (task.spec.depends_on ?? []).length ? 'BLOCKED' : 'PENDING';
    const deps = await Promise.all((task.spec.depends_on ?? []).map((d) => outcome(d.task_key)));
    if (task.result === 'CANCELED' || run.cancelRequested) {
      this.cancelTask(task);
      return 'CANCELED';
    }
    const verdict = runIfAllows((task.spec.run_if as RunIf | undefined) ?? 'ALL_SUCCESS', deps);
    if (verdict !== true) {
      task.lifeCycle = verdict === 'EXCLUDED' ? 'SKIPPED' : 'TERMINATED';
      task.result = verdict;
      task.message = verdict === 'EXCLUDED' ? `Skipped: run_if ${task.spec.run_if} was not met.` : 'Upstream task(s) failed.';
      task.endTime = task.startTime = Date.now();
      return verdict;
    }
    task.lifeCycle = 'RUNNING';
    task.startTime = Date.now();
    try {
      await this.hold(task);
      await this.perform(run, task);
      if (isCanceled(task)) throw new Error('canceled');
      task.result = 'SUCCESS';
      task.message = '';
    } catch (e) {
      if (isCanceled(task) || run.cancelRequested) {
        task.result = 'CANCELED';
        task.message = 'Run cancelled.';
      } else {
        task.result = 'FAILED';
        task.message = e instanceof ApiError || e instanceof Error ? toSqlError(e).message.replace(/^\[INTERNAL_ERROR\] (.*) SQLSTATE: XX000$/s, '$1') : String(e);
      }
    } finally {
      task.session?.close();
      task.session = undefined;
      task.lifeCycle = 'TERMINATED';
      task.endTime = Date.now();
    }
    return task.result!;
  }

  /** Waits while the task's key is held in RUNNING (see RunningHold); a cancel ends the wait. */
  private async hold(task: TaskRun): Promise<void> {
    const hold = this.runningHolds.get(task.taskKey);
    if (!hold) return;
    await Promise.race([
      hold.released,
      new Promise<void>((resolve) => {
        task.endHold = resolve;
      }),
    ]);
    task.endHold = undefined;
    if (isCanceled(task)) throw new Error('canceled');
  }

  /** Runs one task's work; throws its failure. */
  private async perform(run: Run, task: TaskRun): Promise<void> {
    const fault = this.ctx.faults.tasks.get(task.taskKey);
    if (fault === 'fail') {
      task.errorCode = 'RUN_EXECUTION_ERROR';
      throw new Error(`Task ${task.taskKey} failed: injected failure (emulator fault).`);
    }
    const spec = task.spec;
    if (spec.dashboard_task) {
      if (!this.ctx.dashboards.byId.has(spec.dashboard_task.dashboard_id)) {
        task.errorCode = 'RESOURCE_NOT_FOUND';
        throw new Error(`Dashboard ${spec.dashboard_task.dashboard_id} does not exist.`);
      }
      this.ctx.dashboards.refreshed.push(spec.dashboard_task.dashboard_id);
      return;
    }
    const sql = spec.sql_task;
    if (!sql?.file) {
      task.errorCode = 'INVALID_RUN_CONFIGURATION';
      throw new Error(`The workspace emulator runs only sql_task.file and dashboard_task tasks (task ${task.taskKey}).`);
    }
    const warehouse = this.ctx.warehouses.byId.get(sql.warehouse_id);
    if (!warehouse) {
      task.errorCode = 'RESOURCE_NOT_FOUND';
      throw new Error(`SQL warehouse ${sql.warehouse_id} does not exist or you do not have access to it.`);
    }
    const file = this.ctx.files.get(sql.file.path);
    if (!file || file.type !== 'FILE') {
      task.errorCode = 'RESOURCE_NOT_FOUND';
      throw new Error(file ? `${sql.file.path} is a ${file.type.toLowerCase()}, not a file.` : `File ${sql.file.path} does not exist in the workspace.`);
    }
    // task parameters (dynamic values resolved), then job parameters pushed down: the job's value wins
    const dynamic = {
      jobId: run.jobId,
      jobName: run.runName,
      runId: run.runId,
      repairCount: run.repairs.length - 1,
      startTimeMs: run.startTime,
      jobParameters: run.jobParameters,
      taskKey: task.taskKey,
      taskRunId: task.runId,
    };
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(sql.parameters ?? {})) params[k] = resolveDynamicValues(v, dynamic);
    for (const [k, v] of run.jobParameters) params[k] = resolveDynamicValues(v, dynamic);
    task.resolvedParameters = params;
    const text = file.content.toString('utf8').replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`[UNBOUND_SQL_PARAMETER] Found the unbound parameter: ${name}. Add it to the task's or the job's parameters. SQLSTATE: 42P02`);
      return sparkStringLiteral(params[name]!);
    });
    await warehouse.whenRunning();
    task.session = await this.ctx.sql.openSession();
    for (const statement of splitStatements(text)) {
      if (this.ctx.options.taskStatementDelayMs) await sleep(this.ctx.options.taskStatementDelayMs);
      if (task.result === 'CANCELED' || run.cancelRequested) throw new Error('canceled');
      if (fault === 'no-row' && /^\s*INSERT\b/i.test(statement.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ''))) continue;
      await task.session.execute(statement);
      task.statementsRun++;
    }
  }

  // ---------------------------------------------------------------------------------------------- shapes

  jobJson(job: Job, expandTasks = true): JsonObject {
    const settings = { ...job.settings };
    if (!expandTasks) delete settings.tasks;
    return { job_id: job.jobId, creator_user_name: job.creator, run_as_user_name: job.creator, created_time: job.createdTime, settings };
  }

  private stateJson(lifeCycle: LifeCycle, result: ResultState | undefined, message: string, userCancelled: boolean) {
    const terminal = lifeCycle === 'TERMINATED' || lifeCycle === 'SKIPPED' || lifeCycle === 'INTERNAL_ERROR';
    const v2: Record<string, string> = { QUEUED: 'QUEUED', PENDING: 'PENDING', BLOCKED: 'BLOCKED', RUNNING: 'RUNNING', TERMINATING: 'TERMINATING', TERMINATED: 'TERMINATED', SKIPPED: 'TERMINATED', INTERNAL_ERROR: 'TERMINATED' };
    const code = !terminal
      ? undefined
      : result === 'SUCCESS'
        ? 'SUCCESS'
        : result === 'SUCCESS_WITH_FAILURES'
          ? 'SUCCESS_WITH_FAILURES'
          : result === 'CANCELED' || result === 'UPSTREAM_CANCELED'
            ? userCancelled ? 'USER_CANCELED' : 'CANCELED'
            : result === 'EXCLUDED'
              ? 'SKIPPED'
              : 'RUN_EXECUTION_ERROR';
    return {
      state: {
        life_cycle_state: lifeCycle,
        ...(terminal && result ? { result_state: result } : {}),
        state_message: message,
        user_cancelled_or_timedout: userCancelled,
      },
      status: {
        state: v2[lifeCycle],
        ...(code ? { termination_details: { code, type: code === 'SUCCESS' || code === 'SUCCESS_WITH_FAILURES' || code === 'SKIPPED' ? 'SUCCESS' : code.endsWith('CANCELED') ? 'SUCCESS' : 'CLIENT_ERROR', message } } : {}),
      },
    };
  }

  taskJson(run: Run, t: TaskRun, resolved: boolean): JsonObject {
    // A task held until a poll saw it RUNNING is released by this very answer.
    if (t.lifeCycle === 'RUNNING' && this.runningHolds.get(t.taskKey)?.untilPolled) t.endHold?.();
    const { state, status } = this.stateJson(t.lifeCycle, t.result, t.message, run.userCancelled && t.result === 'CANCELED');
    const spec: JsonObject = { ...t.spec };
    return {
      ...spec,
      run_id: t.runId,
      task_key: t.taskKey,
      run_page_url: `${this.ctx.url()}/?o=${this.ctx.workspaceId}#job/${run.jobId}/run/${t.runId}`,
      state,
      status,
      start_time: t.startTime,
      end_time: t.endTime,
      setup_duration: 0,
      execution_duration: t.endTime && t.startTime ? t.endTime - t.startTime : 0,
      cleanup_duration: 0,
      run_if: t.spec.run_if ?? 'ALL_SUCCESS',
      attempt_number: t.attempt,
      ...(resolved && t.resolvedParameters ? { resolved_values: { sql_task: { parameters: t.resolvedParameters } } } : {}),
    };
  }

  runJson(run: Run, options: { history?: boolean; resolved?: boolean; tasks?: boolean } = {}): JsonObject {
    const { state, status } = this.stateJson(run.lifeCycle, run.result, run.message, run.userCancelled);
    return {
      job_id: run.jobId,
      run_id: run.runId,
      number_in_job: run.numberInJob,
      original_attempt_run_id: run.runId,
      run_name: run.runName,
      run_type: 'JOB_RUN',
      run_page_url: `${this.ctx.url()}/?o=${this.ctx.workspaceId}#job/${run.jobId}/run/${run.runId}`,
      creator_user_name: this.ctx.user.userName,
      state,
      status,
      start_time: run.startTime,
      end_time: run.endTime,
      setup_duration: 0,
      execution_duration: 0,
      cleanup_duration: 0,
      run_duration: run.endTime ? run.endTime - run.startTime : 0,
      queue_duration: 0,
      trigger: 'ONE_TIME',
      format: 'MULTI_TASK',
      job_parameters: [...run.jobParameterDefaults].map(([name, def]) => ({ name, default: def, value: run.jobParameters.get(name) ?? def })),
      ...(options.tasks === false ? {} : { tasks: run.tasks.map((t) => this.taskJson(run, t, options.resolved === true)) }),
      ...(options.history
        ? {
            repair_history: run.repairs.map((r) => ({
              type: r.type,
              id: r.id,
              start_time: r.startTime,
              end_time: r.endTime,
              task_run_ids: r.taskRunIds,
              ...this.stateJson(r.endTime ? 'TERMINATED' : 'RUNNING', r.result, '', false),
            })),
          }
        : {}),
    };
  }

  outputJson(runId: bigint): JsonObject {
    const { run, task } = this.getRun(runId);
    if (!task) {
      if (run.tasks.length !== 1)
        throw badRequest('Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.');
      return this.outputJson(run.tasks[0]!.runId);
    }
    const failed = task.result === 'FAILED';
    return {
      metadata: { job_id: run.jobId, run_id: task.runId, task_key: task.taskKey, ...this.taskJson(run, task, true) },
      ...(failed ? { error: task.message, error_trace: task.message } : {}),
      ...(task.spec.sql_task ? { sql_output: { query_output: { warehouse_id: task.spec.sql_task.warehouse_id, sql_statements: [] } } } : {}),
    };
  }
}

/** Read through a function: cancel() changes the result while the task awaits. */
const isCanceled = (task: TaskRun) => task.result === 'CANCELED';

/** true when run_if lets the task run given its dependencies' results; otherwise the result it gets instead. */
function runIfAllows(runIf: RunIf, deps: ResultState[]): true | ResultState {
  if (deps.length === 0) return true;
  const succeeded = deps.filter((d) => d === 'SUCCESS' || d === 'SUCCESS_WITH_FAILURES').length;
  const failed = deps.filter((d) => FAILED_LIKE.includes(d)).length;
  const canceled = deps.filter((d) => CANCELED_LIKE.includes(d)).length;
  const ok: Record<RunIf, boolean> = {
    ALL_SUCCESS: succeeded === deps.length,
    AT_LEAST_ONE_SUCCESS: succeeded > 0,
    NONE_FAILED: failed === 0 && canceled === 0,
    ALL_DONE: true,
    AT_LEAST_ONE_FAILED: failed > 0,
    ALL_FAILED: failed === deps.length,
  };
  if (ok[runIf]) return true;
  if (failed > 0 && runIf !== 'AT_LEAST_ONE_FAILED' && runIf !== 'ALL_FAILED') return 'UPSTREAM_FAILED';
  if (canceled > 0) return 'UPSTREAM_CANCELED';
  return 'EXCLUDED';
}
