/** `--format json`: a stable shape for scripts; keys in snake_case like the payload. */
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
      payload: t.payload,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
