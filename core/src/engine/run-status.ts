/**
 * How task statuses roll up into a run's status; one place so every engine and adapter agrees. (A task's own
 * status comes from the generated INSERT: SUCCESS / FAILURE / ERROR for a true / false / NULL verdict.)
 */
import type { TaskResult, TaskStatus } from '../model/results';
import type { HistoryEntry } from './engine';

/** SUCCESS if every task succeeded; ERROR if any task errored; otherwise FAILURE. An empty run is SUCCESS. */
export function runStatus(tasks: readonly Pick<TaskResult, 'status'>[]): TaskStatus {
  if (tasks.some((t) => t.status === 'ERROR')) return 'ERROR';
  if (tasks.some((t) => t.status === 'FAILURE')) return 'FAILURE';
  return 'SUCCESS';
}

/** History rows grouped by run, in the order the engine gave them (newest run first), each run's rows in order. */
export function historyByRun(entries: readonly HistoryEntry[]): Map<string, HistoryEntry[]> {
  const byRun = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    const rows = byRun.get(entry.run_id);
    if (rows) rows.push(entry);
    else byRun.set(entry.run_id, [entry]);
  }
  return byRun;
}
