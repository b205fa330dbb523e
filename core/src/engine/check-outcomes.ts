/**
 * The checks of a task payload, as reports need them: every payload entry that is an object with a PASS/FAIL
 * `status` is one check (`count_validation`, `null_validation_email`, ...); the rest (`applied_filter`, ...)
 * describes the task.
 */
import type { Payload, TaskResult } from '../model/results';

export interface CheckOutcome {
  key: string;
  /** PASS, FAIL, or null when the check could not be computed (its verdict was NULL). */
  status: 'PASS' | 'FAIL' | null;
  /** The check's fields other than `status`, as recorded. */
  metrics: Record<string, unknown>;
}

export function checkOutcomes(payload: Payload | null): CheckOutcome[] {
  if (!payload) return [];
  const checks: CheckOutcome[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('status' in value)) continue;
    const { status, ...metrics } = value as Record<string, unknown>;
    checks.push({ key, status: status === 'PASS' || status === 'FAIL' ? status : null, metrics });
  }
  return checks;
}

export function passedCount(checks: readonly CheckOutcome[]): number {
  return checks.filter((c) => c.status === 'PASS').length;
}

/** Fields that are ratios in [0, 1] (displayed as percentages). */
function isRatioField(field: string): boolean {
  return /(ratio|relative_diff|_rate$|percent|tolerance)/.test(field) && !/percent$/.test(field);
}

/** A metric value for people: ratios as percentages, numbers with separators, text as is. */
export function formatMetric(field: string, value: unknown): string {
  if (typeof value === 'number') {
    if (isRatioField(field)) return `${(value * 100).toFixed(2)}%`;
    return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fields that say most about why a check failed, in the order a reader wants them. */
const KEY_FIELDS = [
  'relative_diff',
  'relative_diff_percent',
  'mismatch_count',
  'mismatch_ratio',
  'mismatch_percent',
  'missing_in_target',
  'missing_in_source',
  'rows_missing_in_target',
  'rows_missing_in_source',
  'source_duplicates',
  'target_duplicates',
  'source_dupe_ratio',
  'target_dupe_ratio',
  'source_dupe_percent',
  'target_dupe_percent',
];

/** `count_validation (relative_diff 1.70% > tolerance 0.50%)`: the check and its key metric(s). */
export function describeCheck(check: CheckOutcome): string {
  const fields = KEY_FIELDS.filter((f) => f in check.metrics).slice(0, 2);
  const shown = fields.length > 0 ? fields : Object.keys(check.metrics).filter((f) => !/tolerance|sql|description|name|sample/.test(f)).slice(0, 2);
  const parts = shown.map((f) => `${f} ${formatMetric(f, check.metrics[f])}`);
  const tolerance = Object.keys(check.metrics).find((f) => /^tolerance/.test(f));
  if (tolerance) parts.push(`tolerance ${formatMetric(tolerance, check.metrics[tolerance])}`);
  const state = check.status === null ? ' could not be computed' : '';
  return parts.length > 0 ? `${check.key}${state} (${parts.join(', ')})` : `${check.key}${state}`;
}

/** Milliseconds between a task's start and finish. */
export function durationMs(result: Pick<TaskResult, 'started_at' | 'finished_at'>): number {
  return Math.max(0, Date.parse(result.finished_at) - Date.parse(result.started_at));
}
