/**
 * Exact SUM/AVG of integers and decimals. A DECIMAL(38, s) sum overflows its own type (DuckDB: "Overflow in
 * HUGEINT addition") and a DOUBLE sum hides differences below 1e-16 of the total, so each value is split into
 * its integer part (DECIMAL(38, 0)) and its fraction (DECIMAL(s + 1, s), |f| < 1), and each part is summed in its
 * own column: the integer parts have 38 − (p − s) digits of headroom (10^10 rows of DECIMAL(38, 10) values near
 * 10^28), the fractions 10 digits. Split by the dialect (`integerPart`, `fractionPart`) so that no step rounds:
 * Spark would round `x − trunc(x)` of a DECIMAL(38, s) to fewer digits; `x % 1` keeps them.
 *
 * Equality is exact: S = T ⇔ (Sf − Tf) is a whole number and (Si − Ti) + (Sf − Tf) = 0. The DOUBLE values and
 * relative_diff shown are derived from the exact parts (not from a DOUBLE sum, which depends on summation order):
 * a real difference never shows as 0. At tolerance 0 the check passes only on exact equality; otherwise
 * relative_diff ≤ tolerance. AVG is SUM / COUNT: exact when both sides count the same values (then equal
 * averages ⇔ equal sums); with different counts its averages are compared as DOUBLE.
 */
import type { AggFunction } from '../../model/pact';
import type { CheckContext, CheckPlan, Metric, StatColumn } from '../check-plan';
import { roleOfRowAlias } from '../row-alias';
import type { ValueKind } from '../value-types';

export interface ExactSumInput {
  readonly key: string;
  readonly agg: Extract<AggFunction, 'SUM' | 'AVG'>;
  readonly alias: string;
  readonly tolerance: number;
  readonly column: (row: string) => string;
  readonly kinds: { readonly source: ValueKind; readonly target: ValueKind };
}

/** The largest scale of the two sides (0 for integers): the fractions are summed at this scale. */
function scaleOf(kind: ValueKind): number {
  return kind.kind === 'decimal' ? kind.scale : 0;
}

/** Digits before the decimal point a value of this kind can have (HUGEINT: 39). */
function integerDigitsOf(kind: ValueKind): number {
  return kind.kind === 'decimal' ? kind.precision - kind.scale : kind.kind === 'integer' && kind.huge ? 39 : 19;
}

export function exactSumPlan(ctx: CheckContext, input: ExactSumInput): CheckPlan {
  const d = ctx.dialect;
  const { alias, column, agg } = input;
  const scale = Math.max(scaleOf(input.kinds.source), scaleOf(input.kinds.target));
  // Small values (integer digits + common scale ≤ 27, so the sum keeps 10 digits of headroom in DECIMAL(37, s)):
  // the engine's own SUM is exact and no split is needed (DuckDB sums DECIMAL(12,2) as DECIMAL(38,2) at the cost of
  // a DOUBLE sum; the split costs ≈ 5× that). DECIMAL(37), not 38: a Spark difference of two DECIMAL(38, s) would
  // drop a digit of scale.
  const small = Math.max(integerDigitsOf(input.kinds.source), integerDigitsOf(input.kinds.target)) + scale <= 27;
  const fractional = scale > 0 && !small;
  const whole = `${alias}_i`;
  const frac = `${alias}_f`;
  const count = `${alias}_n`;
  const double = (e: string) => d.castDouble(e);
  const kindOfRow = (row: string) => (roleOfRowAlias(row) === 'target' ? input.kinds.target : input.kinds.source);
  const stats: StatColumn[] = [
    {
      alias: whole,
      expr: (row) => {
        const kind = kindOfRow(row);
        const x = column(row);
        if (small) return `CAST(${kind.kind === 'integer' ? d.values.integerSum(x) : `SUM(${x})`} AS DECIMAL(37, ${scale}))`;
        return `SUM(${kind.kind === 'decimal' && kind.scale > 0 ? d.values.integerPart(x) : `CAST(${x} AS DECIMAL(38, 0))`})`;
      },
    },
    { alias: count, expr: (row) => `COUNT(${column(row)})` },
  ];
  if (fractional) {
    stats.push({
      alias: frac,
      expr: (row) => {
        const kind = kindOfRow(row);
        const x = column(row);
        // A side with a smaller scale (or an integer) is widened to the common scale first: exact.
        const widened = kind.kind === 'decimal' ? `CAST(${x} AS DECIMAL(${Math.min(38, kind.precision - kind.scale + scale)}, ${scale}))` : `CAST(${x} AS DECIMAL(38, ${scale}))`;
        const precision = kind.kind === 'decimal' ? Math.min(38, kind.precision - kind.scale + scale) : 38;
        return `SUM(${kind.kind === 'decimal' && kind.scale === scale ? d.values.fractionPart(x, kind.precision, scale) : d.values.fractionPart(widened, precision, scale)})`;
      },
    });
  }
  // Sum of a side as DOUBLE, from its exact parts; NULL when the side has no value.
  const sumDouble = (side: 'ss' | 'ts') =>
    fractional ? `(${double(`${side}.${whole}`)} + ${double(`${side}.${frac}`)})` : double(`${side}.${whole}`);
  const wholeDiff = `(ss.${whole} - ts.${whole})`;
  const fracDiff = `(ss.${frac} - ts.${frac})`;
  const sumsEqual = fractional
    ? `(${d.values.isIntegral(fracDiff)} AND ${wholeDiff} + CAST(${fracDiff} AS DECIMAL(38, 0)) = 0)`
    : `(ss.${whole} = ts.${whole})`;
  const exactDiff = fractional ? `(${double(wholeDiff)} + ${double(fracDiff)})` : double(wholeDiff);
  const sv = agg === 'SUM' ? sumDouble('ss') : `${sumDouble('ss')} / ss.${count}`;
  const tv = agg === 'SUM' ? sumDouble('ts') : `${sumDouble('ts')} / ts.${count}`;
  // Equal: exact sums (and, for AVG, equal counts; different counts compare the averages as DOUBLE).
  const equal = agg === 'SUM' ? sumsEqual : `(CASE WHEN ss.${count} = ts.${count} THEN ${sumsEqual} ELSE ${sv} = ${tv} END)`;
  const diff = agg === 'SUM' ? exactDiff : `(CASE WHEN ss.${count} = ts.${count} THEN ${exactDiff} / ss.${count} ELSE ${sv} - ${tv} END)`;
  const relative =
    `CASE WHEN ss.${whole} IS NULL AND ts.${whole} IS NULL THEN ${d.doubleLiteral(0)} ` +
    `WHEN ss.${whole} IS NULL OR ts.${whole} IS NULL THEN ${d.typedNull(d.types.double)} ` +
    `WHEN ${equal} THEN ${d.doubleLiteral(0)} ` +
    // Never 0 for unequal sums (a difference below DOUBLE's range would read as 0): tolerance 0 is exact.
    `ELSE GREATEST(ABS(${diff}) / GREATEST(ABS(${sv}), ABS(${tv})), ${d.doubleLiteral(1e-300)}) END`;
  // The exact sum as text, while it fits DECIMAL(37, s) (beyond that the DOUBLE and the verdict remain).
  // (A small sum is already DECIMAL(37, s): its text as it is.)
  const limit = `CAST(1${'0'.repeat(Math.max(1, 36 - scale))} AS DECIMAL(38, 0))`;
  const exactText = (side: 'ss' | 'ts') =>
    agg !== 'SUM'
      ? undefined
      : small
        ? scale > 0
          ? d.values.trimFractionZeros(d.castString(`${side}.${whole}`))
          : d.castString(`${side}.${whole}`)
        : fractional
          ? `CASE WHEN ABS(${side}.${whole}) < ${limit} THEN ${d.values.trimFractionZeros(d.castString(`CAST(${side}.${whole} AS DECIMAL(37, ${scale})) + CAST(${side}.${frac} AS DECIMAL(37, ${scale}))`))} END`
        : d.castString(`${side}.${whole}`);
  const metrics: Metric[] = [
    { field: 'source_value', expr: `CASE WHEN ss.${whole} IS NOT NULL THEN ${sv} END`, mayBeNonFinite: true },
    { field: 'target_value', expr: `CASE WHEN ts.${whole} IS NOT NULL THEN ${tv} END`, mayBeNonFinite: true },
    ...(agg === 'SUM'
      ? [
          { field: 'source_exact', expr: exactText('ss')! },
          { field: 'target_exact', expr: exactText('ts')! },
        ]
      : []),
    { field: 'relative_diff', expr: relative, mayBeNonFinite: true },
    { field: 'tolerance', expr: d.doubleLiteral(input.tolerance) },
  ];
  return {
    key: input.key,
    usesStats: true,
    stats,
    ctes: [],
    joins: [],
    metrics,
    // relative_diff is 0 exactly when the values are equal, so tolerance 0 asks for exact equality.
    passed: (col) =>
      `CASE WHEN ${col('source_value')} IS NULL AND ${col('target_value')} IS NULL THEN TRUE ` +
      `WHEN ${col('source_value')} IS NULL OR ${col('target_value')} IS NULL THEN FALSE ` +
      `ELSE ${col('relative_diff')} <= ${col('tolerance')} END`,
  };
}
