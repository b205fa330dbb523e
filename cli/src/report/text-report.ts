/** The human report of a run: a line per task as it finishes, then a summary table and the verdict. */
import { checkOutcomes, durationMs, passedCount, taskLine } from '../../../core/src/index';
import type { RunReport } from './run-report';
import { textTable } from './text-table';

export { taskLine };

export function summaryText(report: RunReport): string {
  const rows = report.run.tasks.map((t) => {
    const checks = checkOutcomes(t.payload);
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
  lines.push(`results recorded in ${report.run.resultsLocation}`, '');
  return lines.join('\n');
}

/** The whole text report at once (for --output): the task lines, then the summary. */
export function textReport(report: RunReport): string {
  return report.run.tasks.map(taskLine).join('') + summaryText(report);
}
