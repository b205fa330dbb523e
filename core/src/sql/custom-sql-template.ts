/**
 * The original's custom SQL template variables (`{{ table_fqn }}` …), rendered once per role with plain
 * `{{ name }}` substitution, and its name sanitiser for payload keys.
 */
import type { Dialect } from '../dialects/dialect';
import type { Task } from '../model/pact';

export type Role = 'source' | 'target';

/** Quoted `catalog.schema.table` of one side. */
export function tableFqn(d: Dialect, task: Task, role: Role): string {
  const parts = role === 'source'
    ? [task.source_catalog, task.source_schema, task.source_table]
    : [task.target_catalog, task.target_schema, task.target_table];
  return parts.map((p) => d.quoteIdentifier(p)).join('.');
}

/** Variables available to a custom SQL test rendered for `role`; *_fqn values are quoted, the rest raw. */
export function templateVariables(d: Dialect, task: Task, role: Role): Record<string, string> {
  const vars: Record<string, string> = {
    source_catalog: task.source_catalog,
    source_schema: task.source_schema,
    source_table: task.source_table,
    target_catalog: task.target_catalog,
    target_schema: task.target_schema,
    target_table: task.target_table,
    source_fqn: tableFqn(d, task, 'source'),
    target_fqn: tableFqn(d, task, 'target'),
    table_catalog: role === 'source' ? task.source_catalog : task.target_catalog,
    table_schema: role === 'source' ? task.source_schema : task.target_schema,
    table_name: role === 'source' ? task.source_table : task.target_table,
    table_fqn: tableFqn(d, task, role),
    rendered_role: role,
  };
  for (const part of ['catalog', 'schema', 'table']) {
    vars[`declared_source_${part}`] = vars[`source_${part}`]!;
    vars[`declared_target_${part}`] = vars[`target_${part}`]!;
  }
  return vars;
}

/** Replaces `{{ name }}` with its value; unknown names are left as written (the query then fails visibly). */
export function renderTemplate(sql: string, vars: Record<string, string>): string {
  return sql.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? vars[name]! : whole,
  );
}

/**
 * The original `make_sql_identifier(name, prefix)`: whitespace and non-word characters become `_`, runs of `_`
 * collapse, edges are stripped, lower-cased; empty gives the prefix; a leading digit gets `prefix_`.
 */
export function sanitizeName(name: string, prefix = 'custom_sql'): string {
  const value = name
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^\p{L}\p{N}_]/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (value === '') return prefix;
  return /^\p{N}/u.test(value) ? `${prefix}_${value}` : value;
}
