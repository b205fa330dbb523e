/**
 * The shell every handle of a run started elsewhere shares (a local run in another process, a direct Databricks
 * run of a detached `datapact run`): it reads what the running process records, with back-off (0.1 s, rising by
 * half each read without news, to `lastPollMs`), reports each newly finished task once, and ends when the
 * engine's reading says the run is final. The engine says how to read its record and whose process runs it;
 * cancel asks that process to stop (SIGINT: `datapact run` cancels on it) and waits for the run to be final.
 */
import type { EngineRunResult } from '../engine/engine';
import type { TaskResult } from '../model/results';
import type { Disposable, RunEvent, RunHandle, RunSnapshot } from './engine-plugin';
import { RunTracker, type RunIdentity } from './run-tracker';

const FIRST_POLL_MS = 100;

export abstract class PolledAttachedRun implements RunHandle {
  protected readonly tracker: RunTracker;
  private readonly seen = new Set<string>();
  private stopped = false;
  private resultPromise?: Promise<EngineRunResult>;
  /** Set by the engine's reading once the run is final (then `tracker.finish` is called). */
  protected finalResult?: EngineRunResult;

  protected constructor(
    readonly runId: string,
    identity: RunIdentity,
    taskKeys: readonly string[],
    private readonly lastPollMs: number,
  ) {
    this.tracker = new RunTracker(identity, [...taskKeys]);
    this.tracker.running();
  }

  snapshot(): RunSnapshot {
    return this.tracker.snapshot();
  }

  onEvent(listener: (event: RunEvent) => void): Disposable {
    const disposable = this.tracker.onEvent(listener);
    void this.result.catch(() => undefined);
    return disposable;
  }

  /** The final result; reading starts on first use (a listing of runs takes a snapshot and never polls). */
  get result(): Promise<EngineRunResult> {
    this.resultPromise ??= this.follow();
    return this.resultPromise;
  }

  /** Asks the process running it to stop, when it still runs on this machine, then waits for the run to be final. */
  async cancel(): Promise<void> {
    const pid = await this.runningOwnerPid();
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Gone already: the next read sees the run INCOMPLETE.
      }
    }
    await this.result.catch(() => undefined);
  }

  /** Stops following (the engine is being disposed); a pending result then rejects. */
  stop(): void {
    this.stopped = true;
  }

  /** The pid of the process running this run, while it runs on this machine; else undefined. */
  protected abstract runningOwnerPid(): Promise<number | undefined>;

  /** Reads the run's record once and applies it; true when anything changed. */
  protected abstract readOnce(): Promise<boolean>;

  /** Reports `result` as finished unless its task was reported before; true when it was new. */
  protected report(result: TaskResult): boolean {
    if (this.seen.has(result.task_key)) return false;
    this.seen.add(result.task_key);
    this.tracker.emit({ kind: 'task-finished', result });
    return true;
  }

  /** True when the task was reported. */
  protected reported(taskKey: string): boolean {
    return this.seen.has(taskKey);
  }

  private async follow(): Promise<EngineRunResult> {
    let wait = FIRST_POLL_MS;
    for (;;) {
      if (this.finalResult) return this.finalResult;
      if (this.stopped) throw new Error(`stopped following run ${this.runId}`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      const progressed = await this.readOnce();
      wait = progressed ? FIRST_POLL_MS : Math.min(this.lastPollMs, Math.round(wait * 1.5));
    }
  }
}
