/**
 * Aggregate checks, one per (column, function). Both NULL passes; exactly one NULL fails; otherwise
 * |S − T| / max(|S|, |T|) (0 when both are 0) within the tolerance. MIN/MAX are also kept as text so that
 * non-numeric columns (dates, strings, digits stored as text) are compared for equality as strings.
 *
 * With the tables' column types (a run reads them): SUM/AVG of integers and decimals are exact (exact-sum.ts)
 * and compared exactly at tolerance 0; floating SUM/AVG/STDDEV pass within a relative floor of 1e-12 (parallel
 * summation order); MIN/MAX compare within the canonical type family, and different families are a type drift.
 */
import type { Dialect } from '../../dialects/dialect';
import type { AggFunction } from '../../model/pact';
import type { CheckContext, CheckPlan, Metric, StatColumn } from '../check-plan';
import { roleOfRowAlias } from '../row-alias';
import { rowColumn, sideColumn } from '../check-plan';
import { familyOf, isExactNumber, type ValueKind } from '../value-types';
import { exactSumPlan } from './exact-sum';
import { readZone } from '../canonical-value';

/** Relative difference a floating SUM/AVG/STDDEV may show with no real difference (summation order). */
export const FLOATING_RELATIVE_FLOOR = 1e-12;

const NUMERIC_SQL: Record<Exclude<AggFunction, 'MIN' | 'MAX'>, (col: string) => string> = {
  SUM: (c) => `SUM(${c})`,
  AVG: (c) => `AVG(${c})`,
  COUNT: (c) => `COUNT(${c})`,
  COUNT_DISTINCT: (c) => `COUNT(DISTINCT ${c})`,
  STDDEV: (c) => `STDDEV_SAMP(${c})`,
};

/**
 * |S − T| / max(|S|, |T|). Equal values give `whenEqual` (0 by default) before any arithmetic, so equal
 * infinities pass (Infinity − Infinity is NaN, which no tolerance admits).
 */
function symmetricDiff(d: Dialect, s: string, t: string, whenEqual = d.doubleLiteral(0)): string {
  const denom = `GREATEST(ABS(${s}), ABS(${t}))`;
  return (
    `CASE WHEN ${s} IS NULL AND ${t} IS NULL THEN ${d.doubleLiteral(0)} ` +
    `WHEN ${s} IS NULL OR ${t} IS NULL THEN ${d.typedNull(d.types.double)} ` +
    `WHEN ${s} = ${t} THEN ${whenEqual} ` +
    `WHEN ${denom} = 0 THEN ${d.doubleLiteral(0)} ELSE ABS(${s} - ${t}) / ${denom} END`
  );
}

/**
 * MIN/MAX texts that read as the same DOUBLE may still be different numbers (BIGINT ids beyond 2^53): their
 * exact difference, as DECIMAL, relative to the value. Only used when the DOUBLEs are equal, so the difference
 * is tiny and cannot overflow; 0 when the texts are equal, the value is 0, or a text is no DECIMAL(38, 10)
 * (non-finite, or beyond 10^28).
 */
function exactDiffOfEqualDoubles(d: Dialect, sText: string, tText: string, value: string): string {
  const exact = (text: string) => `TRY_CAST(${text} AS DECIMAL(38, 10))`;
  return (
    `CASE WHEN ${sText} = ${tText} OR ${value} = 0 THEN ${d.doubleLiteral(0)} ` +
    `ELSE COALESCE(${d.castDouble(`ABS(${exact(sText)} - ${exact(tText)})`)} / ABS(${value}), ${d.doubleLiteral(0)}) END`
  );
}

export function planAggregateChecks(ctx: CheckContext): CheckPlan[] {
  const d = ctx.dialect;
  const plans: CheckPlan[] = [];
  let n = 0;
  for (const entry of ctx.task.agg_validations ?? []) {
    for (const validation of entry.validations) {
      const agg = validation.agg.toUpperCase() as AggFunction;
      const column = (row: string) => rowColumn(ctx, row, entry.column);
      const alias = `${ctx.prefix}${n++}_value`;
      const tolerance = d.doubleLiteral(validation.tolerance);
      const key = `agg_validation_${entry.column}_${agg}`;
      const sourceKind = sideColumn(ctx, 'source', entry.column);
      const targetKind = sideColumn(ctx, 'target', entry.column);
      const kinds = sourceKind && targetKind ? { source: sourceKind, target: targetKind } : undefined;
      if (kinds && (agg === 'SUM' || agg === 'AVG') && isExactNumber(kinds.source.kind) && isExactNumber(kinds.target.kind)) {
        plans.push(exactSumPlan(ctx, { key, agg, alias, tolerance: validation.tolerance, column, kinds: { source: kinds.source.kind, target: kinds.target.kind } }));
        continue;
      }
      if (kinds && (agg === 'MIN' || agg === 'MAX')) {
        plans.push(typedExtremePlan(ctx, { key, agg, alias, tolerance, column, source: kinds.source, target: kinds.target }));
        continue;
      }
      if (agg === 'MIN' || agg === 'MAX') {
        // Compare MIN/MAX in the column's own type, then as text; numbers are read back from that text when either
        // side's column type is numeric. Both sides text (a VARCHAR of digits): compared as text, '01234' ≠ '1234'.
        const numeric = `${alias}_numeric`;
        const isNumericType = d.isNumericType?.bind(d);
        const asNumber = (side: 'ss' | 'ts') =>
          isNumericType
            ? `CASE WHEN ss.${numeric} OR ts.${numeric} THEN ${d.tryCastDouble(`${side}.${alias}`)} END`
            : d.tryCastDouble(`${side}.${alias}`);
        const sv = asNumber('ss');
        const tv = asNumber('ts');
        const textDiff =
          `CASE WHEN ss.${alias} IS NOT NULL AND ts.${alias} IS NOT NULL AND (${sv} IS NULL OR ${tv} IS NULL) ` +
          `THEN CASE WHEN ss.${alias} = ts.${alias} THEN ${d.doubleLiteral(0)} ELSE ${d.doubleLiteral(1)} END ` +
          `ELSE ${symmetricDiff(d, sv, tv, exactDiffOfEqualDoubles(d, `ss.${alias}`, `ts.${alias}`, sv))} END`;
        const metrics: Metric[] = [
          { field: 'source_value', expr: sv, mayBeNonFinite: true },
          { field: 'target_value', expr: tv, mayBeNonFinite: true },
          { field: 'source_text', expr: `ss.${alias}` },
          { field: 'target_text', expr: `ts.${alias}` },
          { field: 'relative_diff', expr: textDiff, mayBeNonFinite: true },
          { field: 'tolerance', expr: tolerance },
        ];
        plans.push({
          key,
          usesStats: true,
          stats: [
            { alias, expr: (row) => d.castString(`${agg}(${column(row)})`) },
            ...(isNumericType ? [{ alias: numeric, expr: (row: string) => isNumericType(`${agg}(${column(row)})`) }] : []),
          ],
          ctes: [],
          joins: [],
          metrics,
          passed: (col) =>
            `CASE WHEN ${col('source_text')} IS NULL AND ${col('target_text')} IS NULL THEN TRUE ` +
            `WHEN ${col('source_text')} IS NULL OR ${col('target_text')} IS NULL THEN FALSE ` +
            `WHEN ${col('source_value')} IS NULL OR ${col('target_value')} IS NULL THEN ${col('source_text')} = ${col('target_text')} ` +
            `ELSE ${col('relative_diff')} <= ${col('tolerance')} END`,
        });
        continue;
      }
      const sql = NUMERIC_SQL[agg];
      if (!sql) continue; // unknown function: the model rejects it; never reaches SQL
      // A floating sum depends on the order rows are added in: a relative floor keeps that from failing a task.
      const floating = agg === 'STDDEV' || (kinds !== undefined && (agg === 'SUM' || agg === 'AVG'));
      const limit = floating ? `GREATEST(${d.doubleLiteral(validation.tolerance)}, ${d.doubleLiteral(FLOATING_RELATIVE_FLOOR)})` : undefined;
      plans.push({
        key,
        usesStats: true,
        stats: [{ alias, expr: (row) => d.castDouble(sql(column(row))) }],
        ctes: [],
        joins: [],
        metrics: [
          { field: 'source_value', expr: `ss.${alias}`, mayBeNonFinite: true },
          { field: 'target_value', expr: `ts.${alias}`, mayBeNonFinite: true },
          { field: 'relative_diff', expr: symmetricDiff(d, `ss.${alias}`, `ts.${alias}`), mayBeNonFinite: true },
          { field: 'tolerance', expr: tolerance },
        ],
        passed: (col) =>
          `CASE WHEN ${col('source_value')} IS NULL AND ${col('target_value')} IS NULL THEN TRUE ` +
          `WHEN ${col('source_value')} IS NULL OR ${col('target_value')} IS NULL THEN FALSE ` +
          `ELSE ${col('relative_diff')} <= ${limit ?? col('tolerance')} END`,
      });
    }
  }
  return plans;
}

interface TypedColumn {
  readonly type: string;
  readonly kind: ValueKind;
}

/**
 * MIN/MAX with both columns' types known: numbers compare by value (exactly when equal, as DOUBLE otherwise),
 * timestamps by instant (microseconds since the epoch in UTC), anything else by text; a column whose type
 * family differs between the sides (digits stored as text against an integer) is a type drift: FAIL, saying so.
 */
function typedExtremePlan(
  ctx: CheckContext,
  p: { key: string; agg: 'MIN' | 'MAX'; alias: string; tolerance: string; column: (row: string) => string; source: TypedColumn; target: TypedColumn },
): CheckPlan {
  const d = ctx.dialect;
  const { alias, agg, column } = p;
  const drift = familyOf(p.source.kind) !== familyOf(p.target.kind);
  const family = familyOf(p.source.kind);
  const driftField = d.jsonObject([['source_type', d.stringLiteral(p.source.type)], ['target_type', d.stringLiteral(p.target.type)]]);
  const micros = `${alias}_us`;
  // An instant's text is its UTC wall clock: the same on both engines and in any session zone.
  const textOf = (row: string) => {
    const own = roleOfRowAlias(row) === 'target' ? p.target.kind : p.source.kind;
    const extreme = `${agg}(${column(row)})`;
    return d.castString(!drift && own.kind === 'timestamp' && own.zone === 'instant' ? d.values.utcWallClock(extreme) : extreme);
  };
  const stats: StatColumn[] = [{ alias, expr: textOf }];
  let sv = d.typedNull(d.types.double);
  let tv = d.typedNull(d.types.double);
  const equalOrOne = (s: string, t: string) =>
    `CASE WHEN ${s} IS NULL AND ${t} IS NULL THEN ${d.doubleLiteral(0)} WHEN ${s} = ${t} THEN ${d.doubleLiteral(0)} ELSE ${d.doubleLiteral(1)} END`;
  let diff = equalOrOne(`ss.${alias}`, `ts.${alias}`);
  if (!drift && family === 'number') {
    stats.push({ alias: `${alias}_num`, expr: (row) => d.castDouble(`${agg}(${column(row)})`) });
    sv = `ss.${alias}_num`;
    tv = `ts.${alias}_num`;
    // Equal values pass exactly: the texts of DECIMAL 5.00 and INT 5 differ, their values do not.
    const exact = (side: 'ss' | 'ts', kind: ValueKind) => (isExactNumber(kind) ? `TRY_CAST(${side}.${alias} AS DECIMAL(38, 10))` : undefined);
    const se = exact('ss', p.source.kind);
    const te = exact('ts', p.target.kind);
    const equal = se && te ? `(${se} = ${te} OR ss.${alias} = ts.${alias})` : `(${sv} = ${tv})`;
    diff =
      `CASE WHEN ${sv} IS NULL AND ${tv} IS NULL THEN ${d.doubleLiteral(0)} WHEN ${sv} IS NULL OR ${tv} IS NULL THEN ${d.typedNull(d.types.double)} ` +
      `WHEN ${equal} THEN ${d.doubleLiteral(0)} ` +
      `ELSE ${symmetricDiff(d, sv, tv, exactDiffOfEqualDoubles(d, `ss.${alias}`, `ts.${alias}`, sv))} END`;
  } else if (!drift && family === 'timestamp') {
    // Each side's extreme as microseconds in UTC, read with that side's own zone rule (the row alias names the side):
    // a wall clock compared with an instant is read in the task's naive_timestamp_zone (UTC by default).
    const options = ctx.task.naive_timestamp_zone ? { naiveZone: ctx.task.naive_timestamp_zone } : {};
    const read = (row: string) => {
      const [own, other] = roleOfRowAlias(row) === 'target' ? [p.target.kind, p.source.kind] : [p.source.kind, p.target.kind];
      return d.values.epochMicros(`${agg}(${column(row)})`, (own as { zone: 'naive' | 'instant' }).zone, readZone(own, other, options));
    };
    stats.push({ alias: micros, expr: read });
    diff = equalOrOne(`ss.${micros}`, `ts.${micros}`);
  }
  const metrics: Metric[] = [
    { field: 'source_value', expr: sv, mayBeNonFinite: true },
    { field: 'target_value', expr: tv, mayBeNonFinite: true },
    { field: 'source_text', expr: `ss.${alias}` },
    { field: 'target_text', expr: `ts.${alias}` },
    { field: 'relative_diff', expr: drift ? d.doubleLiteral(1) : diff, mayBeNonFinite: true },
    { field: 'tolerance', expr: p.tolerance },
    // Only a drifted column says so: the payload of a column compared within its family keeps its usual shape.
    ...(drift ? [{ field: 'type_drift', expr: driftField }] : []),
  ];
  const numeric = !drift && family === 'number';
  return {
    key: p.key,
    usesStats: true,
    stats,
    ctes: [],
    joins: [],
    metrics,
    passed: (col) =>
      drift
        ? 'FALSE'
        : `CASE WHEN ${col('source_text')} IS NULL AND ${col('target_text')} IS NULL THEN TRUE ` +
          `WHEN ${col('source_text')} IS NULL OR ${col('target_text')} IS NULL THEN FALSE ` +
          (numeric ? `ELSE ${col('relative_diff')} <= ${col('tolerance')} END` : `ELSE ${col('relative_diff')} = 0 END`),
  };
}
