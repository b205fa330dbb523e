/**
 * The generator: one SELECT per task returning one row with every metric column (`m<i>_<field>`), each
 * check's verdict (`m<i>_passed`), `result_payload` (JSON text) and `overall_validation_passed`.
 *
 * Shape: [filtered inputs] → one stats CTE per side (a single scan for count, nulls, aggregates, uniqueness)
 * → check CTEs (row hash join, custom SQL) → dp_metrics (cross join of one-row CTEs) → dp_checks (verdicts)
 * → final row (payload + verdict).
 */
import type { Dialect } from '../dialects/dialect';
import { resolveDialect, type DialectRef } from '../dialects/registry';
import type { Task } from '../model/pact';
import type { CheckContext, CheckPlan, Cte } from './check-plan';
import { finiteOrNull, statusText } from './check-plan';
import { planAggregateChecks } from './checks/aggregate-check';
import { planCountCheck } from './checks/count-check';
import { planCustomSqlChecks } from './checks/custom-sql-check';
import { planNullChecks } from './checks/null-check';
import { planRowHashCheck, ROW_HASH_PREFIX } from './checks/row-hash-check';
import { planRowsComparedCheck } from './checks/rows-compared-check';
import { planUniquenessCheck } from './checks/uniqueness-check';
import type { CompiledTask, DialectName, MetricColumn } from './compiled';
import { tableFqn, type Role } from './custom-sql-template';
import { ROW_ALIAS } from './row-alias';
import type { TaskColumns } from './value-types';

/** Check kinds in payload order, each with the alias prefix it owns. */
const PLANNERS: ReadonlyArray<readonly [prefix: string, plan: (ctx: CheckContext) => CheckPlan[]]> = [
  ['c_', planCountCheck],
  [ROW_HASH_PREFIX, planRowHashCheck],
  ['n', planNullChecks],
  ['a', planAggregateChecks],
  ['u_', planUniquenessCheck],
  ['x', planCustomSqlChecks],
];

function filteredInput(fqn: string, role: Role, filter: string): string {
  // Raw SQL by design: one parenthesised expression; newlines keep a trailing `--` comment inside. Users write
  // unqualified column names; the role alias only makes an engine error name the side.
  return `SELECT * FROM ${fqn} AS ${ROW_ALIAS[role]} WHERE (\n${filter}\n)`;
}

/** Payload keys must be unique JSON keys: a repeat gets `_2`, `_3` … */
function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}_${n}`;
  });
}

function withClause(d: Dialect, ctes: readonly Cte[]): string {
  const hint = (c: Cte) => (c.materialized ? (d.materializeHint?.() ?? '') : '');
  return ctes.length === 0 ? '' : `WITH\n${ctes.map((c) => `${c.name} AS ${hint(c)}(\n  ${c.sql}\n)`).join(',\n')}\n`;
}

/**
 * Compiles the metrics query of one task. `columns` are both tables' columns as the engine lists them: a run
 * reads them first, so that the row hash compares by name and value and sums are exact; without them (an
 * offline preview) the row hash compares columns by position and aggregates as DOUBLE (`columnsKnown` false).
 */
export function compileTask(task: Task, dialect: DialectName | Dialect, columns?: TaskColumns): CompiledTask {
  const d = resolveDialect(dialect as DialectRef);
  const sourceFqn = tableFqn(d, task, 'source');
  const targetFqn = tableFqn(d, task, 'target');
  const filter = task.filter?.trim() ? task.filter.trim() : undefined;
  const ctes: Cte[] = [];
  if (filter) {
    ctes.push({ name: 'dp_filtered_source', sql: filteredInput(sourceFqn, 'source', filter) });
    ctes.push({ name: 'dp_filtered_target', sql: filteredInput(targetFqn, 'target', filter) });
  }
  const base = {
    dialect: d,
    task,
    sourceInput: filter ? 'dp_filtered_source' : sourceFqn,
    targetInput: filter ? 'dp_filtered_target' : targetFqn,
    sourceFqn,
    targetFqn,
    ...(columns ? { columns } : {}),
  };
  const checkPlans = PLANNERS.flatMap(([prefix, plan]) => plan({ ...base, prefix }));
  // A task with a built-in check also says whether it compared anything (an empty comparison is not a pass);
  // custom SQL reads its own queries, to which the filter does not apply.
  const builtIn = checkPlans.length > (task.custom_sql_tests ?? []).length;
  const plans = builtIn ? [...checkPlans, ...planRowsComparedCheck({ ...base, prefix: 'r_' })] : checkPlans;
  const keys = uniqueKeys(plans.map((p) => p.key));

  const header: [string, string][] = [
    ['applied_filter', filter ? d.stringLiteral(filter) : d.typedNull(d.types.string)],
    [
      'configured_primary_keys',
      task.primary_keys && task.primary_keys.length > 0 ? d.stringArray(task.primary_keys) : d.typedNull(d.types.stringArray),
    ],
  ];
  if (plans.length === 0) {
    const payload = d.jsonObject([...header, ['message', d.stringLiteral(`No validations configured for task ${task.task_key}`)]]);
    return Object.freeze({
      taskKey: task.task_key,
      dialect: d.name as DialectName,
      metricsSql: `SELECT ${d.toJsonText(payload)} AS result_payload, TRUE AS overall_validation_passed`,
      checkKeys: [],
      metricColumns: [],
      columnsKnown: columns !== undefined,
    });
  }

  const needsStats = plans.some((p) => p.usesStats);
  const from: string[] = [];
  if (needsStats) {
    const statsSql = (input: string, row: string) => {
      const stats = ['COUNT(*) AS row_count', ...plans.flatMap((p) => p.stats.map((s) => `${s.expr(row)} AS ${s.alias}`))];
      return `SELECT ${stats.join(',\n    ')}\n  FROM ${input} AS ${row}`;
    };
    ctes.push({ name: 'dp_source_stats', sql: statsSql(base.sourceInput, ROW_ALIAS.source) });
    ctes.push({ name: 'dp_target_stats', sql: statsSql(base.targetInput, ROW_ALIAS.target) });
    from.push('dp_source_stats AS ss', 'dp_target_stats AS ts');
  }
  for (const plan of plans) {
    ctes.push(...plan.ctes);
    from.push(...plan.joins);
  }

  const metricColumns: MetricColumn[] = [];
  const column = (i: number, field: string) => `m${i}_${field}`;
  const metricSelect = plans.flatMap((plan, i) =>
    plan.metrics.map((m) => {
      metricColumns.push({ column: column(i, m.field), checkKey: keys[i]!, field: m.field });
      return `${m.expr} AS ${column(i, m.field)}`;
    }),
  );
  ctes.push({ name: 'dp_metrics', sql: `SELECT ${metricSelect.join(',\n    ')}\n  FROM ${from.join('\n  CROSS JOIN ')}` });
  const passed = plans.map((plan, i) => plan.passed((field) => `m.${column(i, field)}`));
  ctes.push({
    name: 'dp_checks',
    sql: `SELECT m.*,\n    ${passed.map((p, i) => `${p} AS m${i}_passed`).join(',\n    ')}\n  FROM dp_metrics AS m`,
  });

  const checkObjects = plans.map((plan, i): [string, string] => [
    keys[i]!,
    d.jsonObject([
      ['status', statusText(d, `c.m${i}_passed`)],
      ...plan.metrics.map((m): [string, string] => {
        const value = `c.${column(i, m.field)}`;
        return [m.field, m.mayBeNonFinite ? finiteOrNull(value) : value];
      }),
    ]),
  ]);
  const payload = d.toJsonText(d.jsonObject([...header, ...checkObjects]));
  const flags = plans.map((_, i) => `c.m${i}_passed`);
  // A check that could not be computed (NULL) makes the task verdict NULL (ERROR), even beside a FAIL.
  const verdict = `CASE WHEN ${flags.map((f) => `${f} IS NULL`).join(' OR ')} THEN CAST(NULL AS BOOLEAN) ELSE ${flags.join(' AND ')} END`;
  const sql = `${withClause(d, ctes)}SELECT c.*,\n  ${payload} AS result_payload,\n  ${verdict} AS overall_validation_passed\nFROM dp_checks AS c`;
  return Object.freeze({
    taskKey: task.task_key,
    dialect: d.name as DialectName,
    metricsSql: sql,
    checkKeys: Object.freeze(keys),
    metricColumns: Object.freeze(metricColumns),
    columnsKnown: columns !== undefined,
  });
}
