/**
 * The checks of a task payload, as reports need them: every payload entry that is an object with a PASS/FAIL
 * `status` is one check (`count_validation`, `null_validation_email`, ...); the rest (`applied_filter`, ...)
 * describes the task.
 */
import { numberText } from '../checks/number-text';
import type { LabelTask } from '../checks/check-kind';
import { checkKindOfPayloadKey } from '../checks/registry';
import type { Payload, TaskResult } from '../model/results';

export interface CheckOutcome {
  /** The payload key (`null_validation_phone`), kept for JSON and machines. */
  key: string;
  /** The check as people name it (`nulls in phone`, `SUM(amount)`, `row hash`). */
  label: string;
  /** PASS, FAIL, or null when the check could not be computed (its verdict was NULL). */
  status: 'PASS' | 'FAIL' | null;
  /** The check's fields other than `status`, as recorded. */
  metrics: Record<string, unknown>;
}

/** `task`: the task the payload came from, when known (it makes some names exact: see {@link LabelTask}). */
export function checkOutcomes(payload: Payload | null, task?: LabelTask): CheckOutcome[] {
  if (!payload) return [];
  const checks: CheckOutcome[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('status' in value)) continue;
    const { status, ...metrics } = value as Record<string, unknown>;
    const label = checkKindOfPayloadKey(key)?.label(key, metrics, task) ?? key;
    checks.push({ key, label, status: status === 'PASS' || status === 'FAIL' ? status : null, metrics });
  }
  return checks;
}

export function passedCount(checks: readonly CheckOutcome[]): number {
  return checks.filter((c) => c.status === 'PASS').length;
}

/** A metric value for people: ratios as percentages, counts with separators, text as is. */
export function formatMetric(field: string, value: unknown): string {
  if (/(ratio|relative_diff|tolerance)/.test(field)) return numberText.percent(value);
  if (typeof value === 'number') return Number.isInteger(value) ? numberText.count(value) : numberText.value(value);
  return value === null || value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * `row count: source 1,000, target 983 (1.7% > tolerance 1%)`: the check as people name it, the inputs its
 * verdict came from, and its ratio against the tolerance with enough digits to tell them apart.
 */
export function describeCheck(check: CheckOutcome): string {
  const kind = checkKindOfPayloadKey(check.key);
  const m = check.metrics;
  const inputs = kind ? kind.inputs(m, numberText) : fallbackInputs(m);
  const verdict: string[] = [];
  const ratio = kind?.ratioField !== undefined ? m[kind.ratioField] : undefined;
  if (check.status === null) verdict.push('could not be computed');
  if ('tolerance' in m) {
    if (typeof ratio === 'number' && typeof m.tolerance === 'number') {
      const sign = ratio > m.tolerance ? '>' : '≤';
      verdict.push(`${numberText.percent(ratio, m.tolerance)} ${sign} tolerance ${numberText.percent(m.tolerance, ratio)}`);
    } else verdict.push(`tolerance ${numberText.percent(m.tolerance)}`);
  }
  const body = inputs.length > 0 ? `: ${inputs.join(', ')}` : '';
  return `${check.label}${body}${verdict.length > 0 ? ` (${verdict.join('; ')})` : ''}`;
}

/** A check no kind claims (a payload from a newer version): its first two plain fields. */
function fallbackInputs(metrics: Record<string, unknown>): string[] {
  return Object.keys(metrics)
    .filter((f) => !/tolerance|sql|description|name|sample/.test(f))
    .slice(0, 2)
    .map((f) => `${f} ${formatMetric(f, metrics[f])}`);
}

/** Milliseconds between a task's start and finish. */
export function durationMs(result: Pick<TaskResult, 'started_at' | 'finished_at'>): number {
  return Math.max(0, Date.parse(result.finished_at) - Date.parse(result.started_at));
}
