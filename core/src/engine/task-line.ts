/**
 * The one-line account of a finished task that every adapter prints (CLI progress, editor output channel):
 * `✘ orders  count_validation (relative_diff 1.70%, tolerance 0.50%)`.
 */
import type { LabelTask } from '../checks/check-kind';
import type { TaskResult } from '../model/results';
import { checkOutcomes, describeCheck } from './check-outcomes';

const MARKS = { SUCCESS: '✔', FAILURE: '✘', ERROR: '!' } as const;

/** A line (with its newline) saying how the task ended and, when it failed, which checks failed and by how much. */
export function taskLine(result: TaskResult, task?: LabelTask): string {
  const mark = MARKS[result.status];
  const checks = checkOutcomes(result.payload, task);
  if (result.status === 'ERROR') {
    const uncomputed = checks.filter((c) => c.status === null);
    const reason = result.error ?? (uncomputed.length > 0 ? uncomputed.map(describeCheck).join('; ') : 'unknown error');
    return `${mark} ${result.task_key}  error: ${reason}\n`;
  }
  if (result.status === 'SUCCESS') {
    const detail = checks.length === 0 ? 'no checks configured' : `${checks.length}/${checks.length} checks passed`;
    return `${mark} ${result.task_key}  ${detail}\n`;
  }
  const failed = checks.filter((c) => c.status !== 'PASS');
  const reason = failed.length > 0 ? failed.map(describeCheck).join('; ') : 'the task did not pass';
  return `${mark} ${result.task_key}  ${reason}\n`;
}
