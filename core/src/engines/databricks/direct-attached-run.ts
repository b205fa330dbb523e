/**
 * A handle for a direct run started by another process on this machine (the editor's Run Task runs in a detached
 * `datapact run --task X`), rebuilt from the run's record (direct-run-record.ts): it reads the record with back-off
 * (0.1 s rising to 1 s), reports each task as it finishes and ends with the result the running process recorded —
 * or INCOMPLETE, its unfinished tasks ERROR, once that process is gone without recording its end. Cancel asks the
 * process to stop (SIGINT: `datapact run` cancels on it) and waits for the run to be final.
 */
import { runStatus } from '../../engine/run-status';
import type { TaskResult } from '../../model/results';
import { PolledAttachedRun } from '../polled-attached-run';
import { ownerGone, readDirectRunRecord, type DirectRunRecord } from './direct-run-record';

const LAST_POLL_MS = 1000;

/** What an unfinished task of a direct run whose process died says. */
export const DIRECT_INCOMPLETE_MESSAGE = 'no row recorded: the run stopped before this task finished (its process is gone)';

export class DirectAttachedRun extends PolledAttachedRun {
  constructor(
    private readonly pactPath: string,
    private readonly resultsLocation: string,
    first: DirectRunRecord,
  ) {
    super(first.run_id, { run_id: first.run_id, engine: 'databricks', pact: pactPath, started_at: first.started_at }, first.task_keys, LAST_POLL_MS);
    this.apply(first);
  }

  protected async runningOwnerPid(): Promise<number | undefined> {
    const record = readDirectRunRecord(this.pactPath, this.runId);
    return record && record.state === 'RUNNING' && !ownerGone(record) ? record.pid : undefined;
  }

  protected async readOnce(): Promise<boolean> {
    const record = readDirectRunRecord(this.pactPath, this.runId);
    return record ? this.apply(record) : false;
  }

  /** Reports tasks not seen before and, once the run is final, its result; true when anything changed. */
  private apply(record: DirectRunRecord): boolean {
    let progressed = false;
    for (const result of record.results) progressed = this.report(result) || progressed;
    if (record.state !== 'RUNNING' && record.result) {
      for (const result of record.result.tasks) this.report(result);
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
