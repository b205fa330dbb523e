/**
 * Snippets for a whole task and for each check. Key names are taken from the schema: a snippet whose keys the
 * schema does not know is dropped, so a renamed key can never be suggested by a stale snippet.
 */
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

function choice(values: unknown[], fallback: string): string {
  const names = values.map(String).filter((v) => /^[\w-]+$/.test(v));
  return names.length > 0 ? `\${2|${names.join(',')}|}` : `\${2:${fallback}}`;
}

/** Check snippets not yet (even partly) written in the task. */
export function checkSnippets(written: ReadonlySet<string>): CheckSnippet[] {
  const aggs = enumValues(schemaAt([...TASK_PATH, 'agg_validations', 0, 'validations', 0, 'agg']));
  const all: CheckSnippet[] = [
    { label: 'count check', detail: 'Row counts within a tolerance', keys: ['count_tolerance'], body: 'count_tolerance: ${1:0.01}' },
    {
      label: 'row hash check',
      detail: 'Per-row hashes joined on primary keys',
      keys: ['pk_row_hash_check', 'pk_hash_tolerance'],
      body: written.has('primary_keys')
        ? 'pk_row_hash_check: true\npk_hash_tolerance: ${1:0}'
        : 'primary_keys: [$1]\npk_row_hash_check: true\npk_hash_tolerance: ${2:0}',
    },
    {
      label: 'null check',
      detail: 'Null counts per column within a tolerance',
      keys: ['null_validation_tolerance', 'null_validation_columns'],
      body: 'null_validation_tolerance: ${1:0.01}\nnull_validation_columns: [$2]',
    },
    {
      label: 'aggregate check',
      detail: 'SUM/AVG/MIN/MAX... of a column within a tolerance',
      keys: ['agg_validations'],
      body: `agg_validations:\n  - column: $1\n    validations:\n      - agg: ${choice(aggs, 'SUM')}\n        tolerance: \${3:0.001}`,
    },
    {
      label: 'uniqueness check',
      detail: 'Column combination unique on each side',
      keys: ['uniqueness_columns', 'uniqueness_tolerance'],
      body: 'uniqueness_columns: [$1]\nuniqueness_tolerance: ${2:0}',
    },
    {
      label: 'custom SQL test',
      detail: 'A query whose results must match on both sides',
      keys: ['custom_sql_tests'],
      body: 'custom_sql_tests:\n  - name: ${1:row count}\n    sql: |\n      ${2:SELECT COUNT(*) AS n FROM {{ table_fqn \\}\\}}',
    },
  ];
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
