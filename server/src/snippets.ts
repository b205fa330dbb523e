/**
 * Snippets for a whole task and for each check. Key names are taken from the schema: a snippet whose keys the
 * schema does not know is dropped, so a renamed key can never be suggested by a stale snippet.
 */
import { CHECK_KINDS } from '../../core/src/index';
import { enumValues, keysAt, schemaAt } from './schema-index';

export interface CheckSnippet {
  label: string;
  detail: string;
  /** Keys the snippet writes; it is offered only when none of them is in the task yet. */
  keys: string[];
  body: string;
}

const TASK_PATH = ['validations', 0] as const;

function known(keys: readonly string[]): boolean {
  const schemaKeys = new Set(keysAt(TASK_PATH).map(([k]) => k));
  return keys.every((k) => schemaKeys.has(k));
}

/** Check snippets not yet (even partly) written in the task. */
export function checkSnippets(written: ReadonlySet<string>): CheckSnippet[] {
  const aggs = enumValues(schemaAt([...TASK_PATH, 'agg_validations', 0, 'validations', 0, 'agg']));
  // One snippet per check kind, declared by the kind itself (core/src/checks/kinds/).
  const all: CheckSnippet[] = CHECK_KINDS.map((kind) => ({
    label: kind.title,
    detail: kind.summary,
    keys: [...kind.snippet.writes],
    body: kind.snippet.body(written, aggs.map(String)),
  }));
  return all.filter((s) => known(s.keys) && !s.keys.some((k) => written.has(k)));
}

/** A whole task; `asItem` when the cursor is where a new `- ` item starts (the dash is already written). */
export function taskSnippet(dashWritten: boolean): string {
  const keys = ['task_key', 'source_catalog', 'source_schema', 'source_table', 'target_catalog', 'target_schema', 'target_table', 'count_tolerance'];
  if (!known(keys)) return 'task_key: $1';
  const lines = [
    'task_key: ${1:orders}',
    'source_catalog: ${2}',
    'source_schema: ${3}',
    'source_table: ${4:$1}',
    'target_catalog: ${5}',
    'target_schema: ${6}',
    'target_table: ${7:$1}',
    'count_tolerance: ${8:0.01}$0',
  ];
  return dashWritten ? lines.join('\n') : `- ${lines.join('\n  ')}`;
}
