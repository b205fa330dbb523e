/** What every report format is made from. */
import type { EngineRunResult, LabelTask } from '../../../core/src/index';

export interface RunReport {
  run: EngineRunResult;
  /** Wall-clock time of the whole run, attach and aggregate included. */
  durationMs: number;
  /** Set when the user turned recording off (`--no-history`): the summary says so instead of where rows went. */
  notRecordedBecause?: string;
  /** The pact's tasks by key, when the report has its pact: they make some check names exact (LabelTask). */
  tasks?: ReadonlyMap<string, LabelTask>;
}

/** The pact's tasks by key, for {@link RunReport.tasks}. */
export function tasksByKey(tasks: readonly LabelTask[]): ReadonlyMap<string, LabelTask> {
  return new Map(tasks.flatMap((task) => (typeof task.task_key === 'string' ? [[task.task_key, task] as const] : [])));
}

export type ReportFormat = 'text' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit'];
