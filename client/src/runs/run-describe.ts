/**
 * How runs, tasks and checks read in the workbench (Runs tree, test messages, editor annotations, results view):
 * plain functions over the engine's result shapes, no `vscode` import, so unit tests read them directly.
 */
import { checkOutcomes, describeCheck, formatMetric, type CheckOutcome, type TaskResult } from '../../../core/src/index';

/**
 * A check's name as people read it: core's (`row count`, `nulls in email`, `SUM(amount)`), the same words as the
 * CLI's reports, from the check kind's one home (core/src/checks).
 */
export function checkLabel(check: CheckOutcome): string {
  return check.label;
}

/** Metric fields a reader wants first for each kind of failure, with their words. */
const FIGURES: [field: string, words: string][] = [
  ['mismatch_count', 'mismatched'],
  ['missing_in_target', 'missing in target'],
  ['missing_in_source', 'missing in source'],
  ['rows_missing_in_target', 'rows missing in target'],
  ['rows_missing_in_source', 'rows missing in source'],
  ['source_duplicates', 'duplicated in source'],
  ['target_duplicates', 'duplicated in target'],
  ['relative_diff', 'off by'],
];

/** `37 mismatched, 2 missing in target` — the numbers of a check; its own words when none of the usual fields. */
export function checkFigure(check: CheckOutcome): string {
  const parts = FIGURES.filter(([field]) => typeof check.metrics[field] === 'number' && check.metrics[field] !== 0)
    .map(([field, words]) => (field === 'relative_diff'
      ? `${words} ${formatMetric(field, check.metrics[field])}`
      : `${formatMetric(field, check.metrics[field])} ${words}`));
  if (parts.length > 0) return parts.join(', ');
  const described = describeCheck(check);
  const open = described.indexOf('(');
  return open >= 0 ? described.slice(open + 1, -1) : check.status === 'PASS' ? 'passed' : 'failed';
}

/**
 * The key figure of a task: `row hash: 37 mismatched, 2 missing in target` for the first failing check (plus how
 * many more failed), `5/5 checks passed`, or the error.
 */
export function taskFigure(result: TaskResult): string {
  if (result.status === 'ERROR') return `error: ${result.error ?? uncomputed(result) ?? 'the task did not record a result'}`;
  const checks = checkOutcomes(result.payload);
  if (result.status === 'SUCCESS') return checks.length === 0 ? 'no checks configured' : `${checks.length}/${checks.length} checks passed`;
  const failed = checks.filter((check) => check.status !== 'PASS');
  if (failed.length === 0) return 'the task did not pass';
  const first = `${checkLabel(failed[0]!)}: ${checkFigure(failed[0]!)}`;
  return failed.length > 1 ? `${first} (+${failed.length - 1} more failed)` : first;
}

function uncomputed(result: TaskResult): string | undefined {
  const checks = checkOutcomes(result.payload).filter((check) => check.status === null);
  return checks.length > 0 ? checks.map(describeCheck).join('; ') : undefined;
}

/** `✘ 2 checks failed`, `✔ 5 checks passed`, `! error` — the short verdict the editor shows on a task's line. */
export function taskVerdict(result: TaskResult): string {
  const checks = checkOutcomes(result.payload);
  if (result.status === 'ERROR') return '! error';
  if (result.status === 'SUCCESS') return `✔ ${plural(checks.length, 'check')} passed`;
  const failed = checks.filter((check) => check.status !== 'PASS').length;
  return `✘ ${plural(failed || 1, 'check')} failed`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One sample group of a check: `mismatched` with its keys rendered as `id=2`. */
export interface SampleGroup {
  kind: string;
  keys: string[];
}

/**
 * The sample keys a check recorded: `samples: { mismatched: [{id: 2}], ... }` as groups; a single sample row
 * (`sample: {...}`) is one group of one.
 */
export function sampleGroups(check: CheckOutcome): SampleGroup[] {
  const groups: SampleGroup[] = [];
  for (const [field, value] of Object.entries(check.metrics)) {
    if (!/sample/i.test(field) || value === null || value === undefined) continue;
    if (Array.isArray(value)) groups.push({ kind: field, keys: value.map(renderKey) });
    else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      const isGroups = entries.length > 0 && entries.every(([, v]) => Array.isArray(v));
      if (isGroups) {
        for (const [kind, keys] of entries) if ((keys as unknown[]).length > 0) groups.push({ kind: kind.replace(/_/g, ' '), keys: (keys as unknown[]).map(renderKey) });
      } else groups.push({ kind: field.replace(/_/g, ' '), keys: [renderKey(value)] });
    }
  }
  return groups;
}

/** `{id: 2, region: 'eu'}` → `id=2, region=eu`. */
export function renderKey(key: unknown): string {
  if (key !== null && typeof key === 'object' && !Array.isArray(key)) {
    return Object.entries(key as Record<string, unknown>).map(([column, value]) => `${column}=${renderValue(value)}`).join(', ');
  }
  return renderValue(key);
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The check's numbers as `field value` pairs for people (samples and SQL text left out). */
export function checkNumbers(check: CheckOutcome): string {
  return Object.entries(check.metrics)
    .filter(([field, value]) => !/sample|sql|description/i.test(field) && (typeof value !== 'object' || value === null))
    .map(([field, value]) => `${field} ${formatMetric(field, value)}`)
    .join(', ');
}

/** `1.2 s`, `850 ms`, `3 min 4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `3 min ago`, `just now`, `2 h ago`, `5 days ago`. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms) || ms < 45_000) return 'just now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
