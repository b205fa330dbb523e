/**
 * The runs the workbench knows: runs started or attached here (each with its RunHandle, live until final) and past
 * runs read from the pacts' results history. Every view (Runs tree, Pacts tree, editor annotations, Test Explorer,
 * status bar, results view) reads this one store and listens to its changes; none of them talks to an engine.
 * No `vscode` import: unit tests drive it with real engine handles.
 */
import type { EngineType, HistoryEntry, TaskResult, TaskStatus } from '../../../core/src/index';
import type { RunEvent, RunHandle, RunSnapshot, RunState, TaskProgress } from '../../../core/src/index';
import { historyByRun, runStatus } from '../../../core/src/index';

/** Where the store learnt of a run. */
export type RunOrigin = 'started' | 'attached' | 'history';

/** A run as the views show it. */
export interface RunView {
  runId: string;
  pactPath: string;
  engine: EngineType;
  startedAt: string;
  state: RunState;
  status?: TaskStatus;
  tasks: TaskProgress[];
  url?: string;
  origin: RunOrigin;
  /** When the last task finished (runs in history and final live runs). */
  finishedAt?: string;
  /** Only these tasks were asked for (a task re-run); undefined for a whole pact. */
  taskKeys?: readonly string[];
  /** Why the run could not go on (a listener or configuration error), once known. */
  failure?: string;
}

/** The last recorded result of a task, with the run that recorded it. */
export interface LastResult {
  runId: string;
  result: TaskResult;
}

export type RunChange =
  | { kind: 'run'; run: RunView }
  | { kind: 'task-finished'; run: RunView; result: TaskResult }
  | { kind: 'run-finished'; run: RunView }
  | { kind: 'history'; pactPath: string };

const FINAL: readonly RunState[] = ['FINISHED', 'CANCELLED', 'INCOMPLETE'];
export const isFinal = (state: RunState): boolean => FINAL.includes(state);

export class RunStore {
  private readonly runs = new Map<string, RunView>();
  private readonly handles = new Map<string, RunHandle>();
  private readonly viewOf = new Map<RunHandle, RunView>();
  /** pact path → task key → last result. */
  private readonly last = new Map<string, Map<string, LastResult>>();
  private readonly listeners = new Set<(change: RunChange) => void>();

  /** Listens to every change; returns the unsubscribe function. */
  onDidChange(listener: (change: RunChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Follows a run through its handle until it is final; resolves when it is. */
  track(handle: RunHandle, origin: Exclude<RunOrigin, 'history'>, taskKeys?: readonly string[]): Promise<void> {
    const view = this.fromSnapshot(handle.snapshot(), origin, taskKeys);
    this.runs.set(view.runId, view);
    this.handles.set(view.runId, handle);
    this.viewOf.set(handle, view);
    const subscription = handle.onEvent((event) => this.apply(handle, event));
    this.emit({ kind: 'run', run: view });
    // Tasks that finished before the store followed the run (a run attached by id) are news to the views too.
    for (const task of view.tasks) {
      if (!task.result) continue;
      this.remember(view, task.result);
      this.emit({ kind: 'task-finished', run: view, result: task.result });
    }
    return handle.result.then(
      () => undefined,
      (error: unknown) => {
        view.failure = error instanceof Error ? error.message : String(error);
      },
    ).finally(() => {
      subscription.dispose();
      this.refresh(handle);
      // A handle whose run did not reach a final state on its own (a failure) is final for the views.
      if (!isFinal(view.state)) view.state = 'INCOMPLETE';
      view.status ??= 'ERROR';
      view.finishedAt ??= latestFinish(view.tasks) ?? new Date().toISOString();
      this.handles.delete(view.runId);
      this.viewOf.delete(handle);
      this.emit({ kind: 'run-finished', run: view });
    });
  }

  private apply(handle: RunHandle, event: RunEvent): void {
    const view = this.refresh(handle);
    if (event.kind === 'task-finished') {
      this.remember(view, event.result);
      this.emit({ kind: 'task-finished', run: view, result: event.result });
    } else if (event.kind !== 'note' && event.kind !== 'run-finished') {
      this.emit({ kind: 'run', run: view });
    }
  }

  /** Copies the handle's snapshot into the run's view (the handle owns the truth). */
  private refresh(handle: RunHandle): RunView {
    const view = this.viewOf.get(handle)!;
    const snapshot = handle.snapshot();
    if (snapshot.run_id !== view.runId) {
      // The engine named the run differently once it had its own id: the engine's id wins.
      this.runs.delete(view.runId);
      this.handles.delete(view.runId);
      view.runId = snapshot.run_id;
      this.runs.set(view.runId, view);
      this.handles.set(view.runId, handle);
    }
    view.state = snapshot.state;
    view.status = snapshot.status;
    view.tasks = snapshot.tasks.map((task) => ({ ...task }));
    view.url = snapshot.url;
    if (isFinal(snapshot.state)) view.finishedAt = latestFinish(view.tasks) ?? new Date().toISOString();
    return view;
  }

  private fromSnapshot(snapshot: RunSnapshot, origin: RunOrigin, taskKeys?: readonly string[]): RunView {
    return {
      runId: snapshot.run_id,
      pactPath: snapshot.pact,
      engine: snapshot.engine,
      startedAt: snapshot.started_at,
      state: snapshot.state,
      status: snapshot.status,
      tasks: snapshot.tasks.map((task) => ({ ...task })),
      url: snapshot.url,
      origin,
      taskKeys,
    };
  }

  /**
   * Past runs of a pact from its results history (rows newest run first). Runs already known (live or from an
   * earlier read) keep what they have. A row carries its payload when the engine reads it back (DuckDB does), so a
   * past run's tasks open to their checks with numbers and samples as a live run's do.
   */
  addHistory(pactPath: string, engine: EngineType, entries: readonly HistoryEntry[]): void {
    for (const [runId, rows] of historyByRun(entries)) {
      if (this.runs.has(runId)) continue;
      const tasks: TaskProgress[] = rows.map((row) => ({
        task_key: row.task_key,
        state: 'DONE',
        started_at: row.validation_begin_ts ?? row.job_start_ts ?? undefined,
        result: {
          task_key: row.task_key,
          status: row.status,
          error: row.error_message ?? undefined,
          payload: row.payload ?? null,
          started_at: row.validation_begin_ts ?? row.job_start_ts ?? '',
          finished_at: row.validation_complete_ts ?? row.job_start_ts ?? '',
        },
      }));
      const view: RunView = {
        runId,
        pactPath,
        engine,
        startedAt: rows[0]!.job_start_ts ?? '',
        state: 'FINISHED',
        status: runStatus(rows),
        tasks,
        // The engine's page for the run (a Databricks job run), built by the engine from the row's ids.
        url: rows.find((row) => row.run_url)?.run_url,
        origin: 'history',
        finishedAt: latestFinish(tasks),
      };
      this.runs.set(runId, view);
      for (const task of tasks) this.remember(view, task.result!, { onlyIfNewer: true });
    }
    this.emit({ kind: 'history', pactPath });
  }

  private remember(run: RunView, result: TaskResult, options: { onlyIfNewer?: boolean } = {}): void {
    const tasks = this.last.get(run.pactPath) ?? new Map<string, LastResult>();
    this.last.set(run.pactPath, tasks);
    const known = tasks.get(result.task_key);
    if (options.onlyIfNewer && known && known.result.finished_at >= result.finished_at) return;
    tasks.set(result.task_key, { runId: run.runId, result });
  }

  /** Runs newest first. */
  list(): RunView[] {
    return [...this.runs.values()].sort((a, b) => (b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId)));
  }

  get(runId: string): RunView | undefined {
    return this.runs.get(runId);
  }

  /** The handle the store follows the run with, while it is in flight (one follower per run in the window). */
  liveHandle(runId: string): RunHandle | undefined {
    return this.handles.get(runId);
  }

  /** Runs still in flight (with a handle). */
  active(): RunView[] {
    return this.list().filter((run) => this.handles.has(run.runId));
  }

  lastResult(pactPath: string, taskKey: string): LastResult | undefined {
    return this.last.get(pactPath)?.get(taskKey);
  }

  lastResults(pactPath: string): Map<string, LastResult> {
    return new Map(this.last.get(pactPath) ?? []);
  }

  /** Forgets a task's last result (its definition changed, so the result no longer describes it). */
  forgetTask(pactPath: string, taskKey: string): void {
    this.last.get(pactPath)?.delete(taskKey);
  }

  /** Asks the run's engine to stop it; false when the run is not in flight here. */
  async cancel(runId: string): Promise<boolean> {
    const handle = this.handles.get(runId);
    if (!handle) return false;
    await handle.cancel();
    return true;
  }

  /** What a reload should keep: the last results (runs come back from history and run records). */
  exportLastResults(): Record<string, Record<string, LastResult>> {
    return Object.fromEntries([...this.last].map(([pact, tasks]) => [pact, Object.fromEntries(tasks)]));
  }

  importLastResults(saved: unknown): void {
    if (saved === null || typeof saved !== 'object') return;
    for (const [pact, tasks] of Object.entries(saved as Record<string, Record<string, LastResult>>)) {
      if (tasks === null || typeof tasks !== 'object') continue;
      const map = this.last.get(pact) ?? new Map<string, LastResult>();
      for (const [key, last] of Object.entries(tasks)) {
        if (last && typeof last.runId === 'string' && last.result && typeof last.result.status === 'string') map.set(key, last);
      }
      this.last.set(pact, map);
    }
  }

  private emit(change: RunChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A view that fails to draw must not stop the others from hearing about the run.
      }
    }
  }
}

function latestFinish(tasks: readonly TaskProgress[]): string | undefined {
  const times = tasks.map((task) => task.result?.finished_at).filter((t): t is string => !!t).sort();
  return times.at(-1);
}

