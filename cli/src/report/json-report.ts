/**
 * `--format json`: a stable shape for scripts; keys in snake_case like the payload. Each task lists its checks
 * with the payload key (`key`), the name people read in the text report (`name`) and the verdict (`status`:
 * PASS, FAIL, or null when it could not be computed); the payload is kept whole.
 */
import { checkOutcomes } from '../../../core/src/index';
import type { RunReport } from './run-report';

export function jsonReport(report: RunReport): string {
  const { run } = report;
  const body = {
    pact: run.pact,
    engine: run.engine,
    run_id: run.run_id,
    status: run.status,
    tasks: run.tasks.map((t) => ({
      task_key: t.task_key,
      status: t.status,
      ...(t.error !== undefined ? { error: t.error } : {}),
      checks: checkOutcomes(t.payload, report.tasks?.get(t.task_key)).map((c) => ({ key: c.key, name: c.label, status: c.status })),
      payload: t.payload,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
