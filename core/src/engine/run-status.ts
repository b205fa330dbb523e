/**
 * How task statuses roll up into a run's status; one place so every engine and adapter agrees. (A task's own
 * status comes from the generated INSERT: SUCCESS / FAILURE / ERROR for a true / false / NULL verdict.)
 */
import type { TaskResult, TaskStatus } from '../model/results';

/** SUCCESS if every task succeeded; ERROR if any task errored; otherwise FAILURE. An empty run is SUCCESS. */
export function runStatus(tasks: readonly Pick<TaskResult, 'status'>[]): TaskStatus {
  if (tasks.some((t) => t.status === 'ERROR')) return 'ERROR';
  if (tasks.some((t) => t.status === 'FAILURE')) return 'FAILURE';
  return 'SUCCESS';
}
