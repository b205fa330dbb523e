/**
 * What one check contributes to a task's metrics query. The generator (compile-task.ts) stitches the plans of
 * every check into one statement; a check kind is one file in ./checks that returns plans.
 */
import type { Dialect } from '../dialects/dialect';
import type { Task } from '../model/pact';
import { findColumn, parseValueKind, type SideColumn, type TaskColumns, type ValueKind } from './value-types';

/** A named common table expression. Names are generator-made (`dp_…`), never from YAML. */
export interface Cte {
  readonly name: string;
  readonly sql: string;
  /** Read more than once and expensive: ask the engine to compute it once (dialect `materializeHint`). */
  readonly materialized?: boolean;
}

/** A per-side aggregate over the side's rows, computed in the single stats scan per side. */
export interface StatColumn {
  /** Safe alias, unique within the task (`m3_nulls`). */
  readonly alias: string;
  /** The aggregate over rows read under `row`, the side's alias (row-alias.ts): `COUNT(src_row."email")`. */
  expr(row: string): string;
}

/** A metric of a check: a column of the result row and a field of the check's payload object. */
export interface Metric {
  /** Payload field name (fixed vocabulary such as `source_count`). */
  readonly field: string;
  /** Expression over `ss.*` (source stats), `ts.*` (target stats) and the check's joined CTEs. */
  readonly expr: string;
  /**
   * A DOUBLE that can be non-finite (a SUM over Infinity, NaN in the data): JSON has no such numbers, so the
   * payload shows it as null while the verdict still reads the value itself.
   */
  readonly mayBeNonFinite?: boolean;
}

export interface CheckPlan {
  /** Payload key, e.g. `null_validation_email`. */
  readonly key: string;
  /** True when metrics read the per-side stats CTEs (`ss`, `ts`; `row_count` is always there). */
  readonly usesStats: boolean;
  /** Per-side stats columns (same aliases on both sides). */
  readonly stats: readonly StatColumn[];
  /** Extra CTEs, in dependency order. */
  readonly ctes: readonly Cte[];
  /** One-row CTEs to cross join, referenced by metric expressions by their own name. */
  readonly joins: readonly string[];
  readonly metrics: readonly Metric[];
  /**
   * Boolean verdict of the check as a function of a metric's column reference (`col('relative_diff')`).
   * NULL means the check could not be computed.
   */
  passed(col: (field: string) => string): string;
}

/** What a check file gets: the dialect, the task and helpers, with the inputs each side reads. */
export interface CheckContext {
  readonly dialect: Dialect;
  readonly task: Task;
  /** A positional prefix unique to this check (`m0_`), for aliases and CTE names. */
  readonly prefix: string;
  /** FROM-clause source of the source side's built-in checks (filtered CTE or quoted table). */
  readonly sourceInput: string;
  readonly targetInput: string;
  /** Quoted 3-part names of both tables. */
  readonly sourceFqn: string;
  readonly targetFqn: string;
  /**
   * Both tables' columns, when the caller read them (a run always does; an offline `plan`/`sql` may not): with
   * them the row hash compares columns by name and value, and aggregates are exact for integers and decimals.
   */
  readonly columns?: TaskColumns;
}

/** A column of one side with its parsed kind, or undefined when the columns are unknown or it is not there. */
export function sideColumn(ctx: CheckContext, role: 'source' | 'target', name: string): (SideColumn & { kind: ValueKind }) | undefined {
  const column = ctx.columns ? findColumn(ctx.columns[role], name) : undefined;
  return column ? { ...column, kind: parseValueKind(column.type, ctx.dialect.values.plainTimestamp) } : undefined;
}

/** Shorthand: quote an identifier for the context's dialect. */
export function q(ctx: CheckContext, name: string): string {
  return ctx.dialect.quoteIdentifier(name);
}

/** A user column of the rows read under `row` (`src_row."amount"`). */
export function rowColumn(ctx: CheckContext, row: string, name: string): string {
  return `${row}.${q(ctx, name)}`;
}

/** `|S − T| / S` as DOUBLE, where S = 0 gives 0 when T = 0 and 1 otherwise. */
export function sourceRelativeDiff(d: Dialect, source: string, target: string): string {
  return (
    `CASE WHEN ${source} = 0 THEN CASE WHEN ${target} = 0 THEN ${d.doubleLiteral(0)} ELSE ${d.doubleLiteral(1)} END ` +
    `ELSE ${d.castDouble(`ABS(${target} - ${source})`)} / ${d.castDouble(source)} END`
  );
}

/** `expr` when finite, else NULL (Infinity − Infinity and NaN − NaN are NaN, which equals no number). */
export function finiteOrNull(expr: string): string {
  return `CASE WHEN ${expr} - ${expr} = 0 THEN ${expr} END`;
}

/** `CASE WHEN cond THEN TRUE WHEN NOT cond THEN FALSE END`-style PASS/FAIL text, NULL when cond is NULL. */
export function statusText(d: Dialect, passed: string): string {
  return `CASE WHEN ${passed} THEN ${d.stringLiteral('PASS')} WHEN NOT ${passed} THEN ${d.stringLiteral('FAIL')} END`;
}
