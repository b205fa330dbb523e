/** The human report of a run: a line per task as it finishes, then a summary table and the verdict. */
import { checkOutcomes, durationMs, passedCount, taskLine } from '../../../core/src/index';
import type { RunReport } from './run-report';
import { textTable } from './text-table';

export { taskLine };

export function summaryText(report: RunReport): string {
  const rows = report.run.tasks.map((t) => {
    const checks = checkOutcomes(t.payload, report.tasks?.get(t.task_key));
    const counted = t.status === 'ERROR' ? '-' : `${passedCount(checks)}/${checks.length}`;
    return [t.task_key, t.status, counted, `${(durationMs(t) / 1000).toFixed(2)}s`];
  });
  const counts = (['SUCCESS', 'FAILURE', 'ERROR'] as const)
    .map((s) => `${report.run.tasks.filter((t) => t.status === s).length} ${s.toLowerCase()}`)
    .join(', ');
  const lines = [
    '',
    textTable(['task', 'status', 'checks', 'duration'], rows).trimEnd(),
    '',
    `run ${report.run.run_id} on ${report.run.engine}: ${report.run.status} (${counts}) in ${(report.durationMs / 1000).toFixed(2)}s`,
  ];
  if (!report.run.aggregate.passed && report.run.aggregate.message) {
    lines.push(`aggregate step: ${report.run.aggregate.message}`);
  }
  lines.push(recordingLine(report), '');
  return lines.join('\n');
}

/** The whole text report at once (for --output): the task lines, then the summary. */
export function textReport(report: RunReport): string {
  return report.run.tasks.map((t) => taskLine(t, report.tasks?.get(t.task_key))).join('') + summaryText(report);
}

/** Where the rows went, never claiming a row that was not written. */
function recordingLine(report: RunReport): string {
  const { run } = report;
  if (report.notRecordedBecause) return `results not recorded (${report.notRecordedBecause})`;
  if (!run.unrecorded) return `results recorded in ${run.resultsLocation}`;
  const written = run.tasks.length - run.unrecorded.taskKeys.length;
  const missing = run.unrecorded.taskKeys.length > 0 ? `; not recorded: ${run.unrecorded.taskKeys.join(', ')}` : '';
  return `${written} of ${run.tasks.length} task rows recorded in ${run.resultsLocation}${missing} (${run.unrecorded.reason})`;
}
