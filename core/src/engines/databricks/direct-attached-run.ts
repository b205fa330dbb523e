/**
 * A handle for a direct run started by another process on this machine (the editor's Run Task runs in a detached
 * `datapact run --task X`), rebuilt from the run's record (direct-run-record.ts): it reads the record with back-off
 * (0.1 s rising to 1 s), reports each task as it finishes and ends with the result the running process recorded —
 * or INCOMPLETE, its unfinished tasks ERROR, once that process is gone without recording its end. Cancel asks the
 * process to stop (SIGINT: `datapact run` cancels on it) and waits for the run to be final.
 */
import type { EngineRunResult } from '../../engine/engine';
import { runStatus } from '../../engine/run-status';
import type { TaskResult } from '../../model/results';
import type { Disposable, RunEvent, RunHandle, RunSnapshot } from '../engine-plugin';
import { RunTracker } from '../run-tracker';
import { ownerGone, readDirectRunRecord, type DirectRunRecord } from './direct-run-record';

const FIRST_POLL_MS = 100;
const LAST_POLL_MS = 1000;

/** What an unfinished task of a direct run whose process died says. */
export const DIRECT_INCOMPLETE_MESSAGE = 'no row recorded: the run stopped before this task finished (its process is gone)';

export class DirectAttachedRun implements RunHandle {
  readonly runId: string;
  private readonly tracker: RunTracker;
  private readonly seen = new Set<string>();
  private stopped = false;
  private resultPromise?: Promise<EngineRunResult>;
  private finalResult?: EngineRunResult;

  constructor(
    private readonly pactPath: string,
    private readonly resultsLocation: string,
    first: DirectRunRecord,
  ) {
    this.runId = first.run_id;
    this.tracker = new RunTracker({ run_id: first.run_id, engine: 'databricks', pact: pactPath, started_at: first.started_at }, first.task_keys);
    this.tracker.running();
    this.apply(first);
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

  async cancel(): Promise<void> {
    const record = readDirectRunRecord(this.pactPath, this.runId);
    if (record && record.state === 'RUNNING' && !ownerGone(record)) {
      try {
        process.kill(record.pid, 'SIGINT');
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

  private async follow(): Promise<EngineRunResult> {
    let wait = FIRST_POLL_MS;
    for (;;) {
      if (this.finalResult) return this.finalResult;
      if (this.stopped) throw new Error(`stopped following run ${this.runId}`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      const record = readDirectRunRecord(this.pactPath, this.runId);
      const progressed = record ? this.apply(record) : false;
      wait = progressed ? FIRST_POLL_MS : Math.min(LAST_POLL_MS, Math.round(wait * 1.5));
    }
  }

  /** Reports tasks not seen before and, once the run is final, its result; true when anything changed. */
  private apply(record: DirectRunRecord): boolean {
    let progressed = false;
    for (const result of record.results) {
      if (this.seen.has(result.task_key)) continue;
      this.seen.add(result.task_key);
      progressed = true;
      this.tracker.emit({ kind: 'task-finished', result });
    }
    if (record.state !== 'RUNNING' && record.result) {
      for (const result of record.result.tasks) {
        if (this.seen.has(result.task_key)) continue;
        this.seen.add(result.task_key);
        this.tracker.emit({ kind: 'task-finished', result });
      }
      this.finalResult = { ...record.result, pact: this.pactPath };
      if (record.state !== 'CANCELLED') this.tracker.emit({ kind: 'aggregate-finished', aggregate: this.finalResult.aggregate });
      this.tracker.finish(record.state, { kind: 'run-finished', result: this.finalResult });
      return true;
    }
    if (!ownerGone(record)) return progressed;
    // The process died mid-run: what it finished stands, the rest is ERROR.
    const done = new Map(record.results.map((r) => [r.task_key, r]));
    const tasks: TaskResult[] = record.task_keys.map((key) => {
      const finished = done.get(key);
      if (finished) return finished;
      const absent: TaskResult = { task_key: key, status: 'ERROR', error: DIRECT_INCOMPLETE_MESSAGE, payload: null, started_at: record.started_at, finished_at: record.started_at };
      this.tracker.emit({ kind: 'task-finished', result: absent });
      return absent;
    });
    this.finalResult = {
      pact: this.pactPath,
      engine: 'databricks',
      run_id: this.runId,
      status: runStatus(tasks),
      tasks,
      aggregate: { passed: false, message: 'the run did not finish: its process stopped before recording its end' },
      resultsLocation: this.resultsLocation,
    };
    this.tracker.finish('INCOMPLETE', { kind: 'run-finished', result: this.finalResult });
    return true;
  }
}
