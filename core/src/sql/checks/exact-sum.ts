/**
 * Exact SUM/AVG of integers and decimals. A DECIMAL(38, s) sum overflows its own type (DuckDB: "Overflow in
 * HUGEINT addition") and a DOUBLE sum hides differences below 1e-16 of the total, so values wider than the engine's
 * own exact SUM allows are split into parts, each summed in its own column, never rounded:
 *
 * - small (integer digits + scale ≤ 27: INT, BIGINT, DECIMAL(12,2) …): the engine's own SUM, kept as DECIMAL(37, s);
 * - up to 28 integer digits (DECIMAL(38, 10) …): the integer part (DECIMAL(38, 0): 10 digits of headroom, 10^10 rows)
 *   and the fraction (DECIMAL(s + 1, s), |f| < 1); split by the dialect (`integerPart`, `fractionPart`) so that no
 *   step rounds (Spark would round `x − trunc(x)` of a DECIMAL(38, s); `x % 1` keeps the scale);
 * - wider (DECIMAL(38, 0), DECIMAL(38, 4), HUGEINT: up to 39 integer digits): the integer part is split again into a
 *   high part (÷ 10^20, truncated) and a low part (|lo| < 10^20), summed apart — 18 digits of headroom each.
 *
 * A side's sum is S = H · 10^20 + L + F (H = 0 below 29 digits, F = 0 without a scale). Equality is exact:
 * (F_s − F_t) is a whole number c_f, and (H_s − H_t) · 10^20 + (L_s − L_t) + c_f = 0. The DOUBLE values and
 * relative_diff shown are derived from the exact parts (not from a DOUBLE sum, which depends on summation order): a
 * real difference never shows as 0. At tolerance 0 the check passes only on exact equality; otherwise relative_diff
 * ≤ tolerance. The exact sum is written as text, carries and signs normalised, also when it has more digits than any
 * DECIMAL holds (3 · (10^38 − 1)). AVG is SUM / COUNT: with equal counts, equal averages ⇔ equal sums; with different
 * counts, equal averages ⇔ S_s · n_t = S_t · n_s, compared exactly limb by limb (crossProductsEqual).
 */
import type { AggFunction } from '../../model/pact';
import type { CheckContext, CheckPlan, Cte, Metric, StatColumn } from '../check-plan';
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

/** 10^20, the weight of the high part, as SQL (an exact number) and as DOUBLE. */
const TEN_TO_20 = '100000000000000000000';
/** Beyond this scale the exact text is not written (its low part would not fit DECIMAL(37, s) beside 21 digits). */
const MAX_TEXT_SCALE = 16;

export function exactSumPlan(ctx: CheckContext, input: ExactSumInput): CheckPlan {
  const d = ctx.dialect;
  const { alias, column, agg } = input;
  const scale = Math.max(scaleOf(input.kinds.source), scaleOf(input.kinds.target));
  const integerDigits = Math.max(integerDigitsOf(input.kinds.source), integerDigitsOf(input.kinds.target));
  // Small values (integer digits + common scale ≤ 27, so the sum keeps 10 digits of headroom in DECIMAL(37, s)):
  // the engine's own SUM is exact and no split is needed (DuckDB sums DECIMAL(12,2) as DECIMAL(38,2) at the cost of
  // a DOUBLE sum; the split costs ≈ 5× that). DECIMAL(37), not 38: a Spark difference of two DECIMAL(38, s) would
  // drop a digit of scale.
  const small = integerDigits + scale <= 27;
  const fractional = scale > 0 && !small;
  // More than 28 integer digits: the integer part's sum would have fewer than 10 digits of headroom.
  const wide = !small && integerDigits > 28;
  const whole = `${alias}_i`;
  const high = `${alias}_h`;
  const frac = `${alias}_f`;
  const count = `${alias}_n`;
  const double = (e: string) => d.castDouble(e);
  const kindOfRow = (row: string) => (roleOfRowAlias(row) === 'target' ? input.kinds.target : input.kinds.source);
  /** The value's integer part, exactly: the value itself when it has no scale. */
  const integerOf = (row: string) => {
    const kind = kindOfRow(row);
    const x = column(row);
    return kind.kind === 'decimal' && kind.scale > 0 ? d.values.integerPart(x) : x;
  };
  const stats: StatColumn[] = [
    {
      alias: whole,
      expr: (row) => {
        const kind = kindOfRow(row);
        const x = column(row);
        if (small) return `CAST(${kind.kind === 'integer' ? d.values.integerSum(x) : `SUM(${x})`} AS DECIMAL(37, ${scale}))`;
        if (wide) return `SUM(${d.values.lowPart(integerOf(row))})`;
        return `SUM(${kind.kind === 'decimal' && kind.scale > 0 ? d.values.integerPart(x) : `CAST(${x} AS DECIMAL(38, 0))`})`;
      },
    },
    { alias: count, expr: (row) => `COUNT(${column(row)})` },
  ];
  if (wide) stats.push({ alias: high, expr: (row) => `SUM(${d.values.highPart(integerOf(row))})` });
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
  const weight = d.doubleLiteral(1e20);
  // Sum of a side as DOUBLE, from its exact parts; NULL when the side has no value.
  const plus = (terms: readonly string[]) => (terms.length === 1 ? terms[0]! : `(${terms.join(' + ')})`);
  const sumDouble = (side: 'ss' | 'ts') =>
    plus([...(wide ? [`${double(`${side}.${high}`)} * ${weight}`] : []), double(`${side}.${whole}`), ...(fractional ? [double(`${side}.${frac}`)] : [])]);
  const wholeDiff = `(ss.${whole} - ts.${whole})`;
  const fracDiff = `(ss.${frac} - ts.${frac})`;
  const highDiff = `(ss.${high} - ts.${high})`;
  // The low parts' and fractions' difference as a whole number (the fractions' difference must be one).
  const carried = fractional ? `(${wholeDiff} + CAST(${fracDiff} AS DECIMAL(38, 0)))` : wholeDiff;
  // (H_s − H_t) · 10^20 + carried = 0; a high difference of 10^17 or more cannot be made up by the low parts, and
  // its product would overflow.
  const partsEqual = wide
    ? `(CASE WHEN ss.${high} = ts.${high} THEN ${carried} = 0 WHEN ABS(${highDiff}) < 100000000000000000 THEN ${carried} + ${highDiff} * ${TEN_TO_20} = 0 ELSE FALSE END)`
    : fractional
      ? `${carried} = 0`
      : `(ss.${whole} = ts.${whole})`;
  const sumsEqual = fractional ? `(${d.values.isIntegral(fracDiff)} AND ${partsEqual})` : partsEqual;
  const exactDiff = plus([...(wide ? [`${double(highDiff)} * ${weight}`] : []), double(wholeDiff), ...(fractional ? [double(fracDiff)] : [])]);
  const sv = agg === 'SUM' ? sumDouble('ss') : `${sumDouble('ss')} / ss.${count}`;
  const tv = agg === 'SUM' ? sumDouble('ts') : `${sumDouble('ts')} / ts.${count}`;
  // Each side's exact sum as text at the common scale (every digit of scale kept), when it can be written.
  const ctes: Cte[] = [];
  const exactCte = `${alias}_exact`;
  let rawText: ((side: 'ss' | 'ts') => string) | undefined;
  if (small) {
    // A small sum is already DECIMAL(37, s): its text as it is.
    rawText = (side) => d.castString(`${side}.${whole}`);
  } else if (scale <= MAX_TEXT_SCALE) {
    ctes.push({ name: exactCte, sql: exactTextSql(ctx, { whole, high: wide ? high : undefined, frac: fractional ? frac : undefined, scale }) });
    rawText = (side) => `${exactCte}.${side === 'ss' ? 'source_raw' : 'target_raw'}`;
  }
  // AVG over different counts: equal averages ⇔ S_s · n_t = S_t · n_s, compared exactly from the sums' texts: a
  // small sum (≤ 37 digits) in two limbs, inline (the stats are read once); a wider one in a one-row CTE.
  const avgCte = `${alias}_avg`;
  let averagesEqual = `${sv} = ${tv}`;
  const counts = (side: Side) => `${side}.${count}`;
  if (agg === 'AVG' && small) {
    // A small sum is a DECIMAL: its sign is read from it, not from its text.
    const sign = { zero: (side: Side) => `${side}.${whole} = 0`, negative: (side: Side) => `${side}.${whole} < 0` };
    averagesEqual = crossProductsEqual(ctx, { text: rawText!, count: counts, sign }, SMALL_LIMBS, inlineSteps());
  } else if (agg === 'AVG' && rawText) {
    const from = `dp_source_stats AS ss CROSS JOIN dp_target_stats AS ts${ctes.length > 0 ? ` CROSS JOIN ${exactCte}` : ''}`;
    ctes.push({ name: avgCte, sql: crossProductsEqual(ctx, { text: rawText, count: counts, sign: undefined }, WIDE_LIMBS, layeredSteps(from)) });
    averagesEqual = `${avgCte}.averages_equal`;
  }
  // Equal: exact sums (and, for AVG, equal counts; different counts compare S_s · n_t with S_t · n_s, or as DOUBLE
  // where the sums cannot be written).
  const equal = agg === 'SUM' ? sumsEqual : `(CASE WHEN ss.${count} = ts.${count} THEN ${sumsEqual} ELSE ${averagesEqual} END)`;
  const diff = agg === 'SUM' ? exactDiff : `(CASE WHEN ss.${count} = ts.${count} THEN ${exactDiff} / ss.${count} ELSE ${sv} - ${tv} END)`;
  const relative =
    `CASE WHEN ss.${whole} IS NULL AND ts.${whole} IS NULL THEN ${d.doubleLiteral(0)} ` +
    `WHEN ss.${whole} IS NULL OR ts.${whole} IS NULL THEN ${d.typedNull(d.types.double)} ` +
    `WHEN ${equal} THEN ${d.doubleLiteral(0)} ` +
    // Never 0 for unequal sums (a difference below DOUBLE's range would read as 0): tolerance 0 is exact.
    `ELSE GREATEST(ABS(${diff}) / GREATEST(ABS(${sv}), ABS(${tv})), ${d.doubleLiteral(1e-300)}) END`;
  const exactText = rawText && ((side: 'ss' | 'ts') => (scale > 0 ? d.values.trimFractionZeros(rawText(side)) : rawText(side)));
  const metrics: Metric[] = [
    { field: 'source_value', expr: `CASE WHEN ss.${whole} IS NOT NULL THEN ${sv} END`, mayBeNonFinite: true },
    { field: 'target_value', expr: `CASE WHEN ts.${whole} IS NOT NULL THEN ${tv} END`, mayBeNonFinite: true },
    ...(agg === 'SUM'
      ? [
          { field: 'source_exact', expr: exactText ? exactText('ss') : d.typedNull(d.types.string) },
          { field: 'target_exact', expr: exactText ? exactText('ts') : d.typedNull(d.types.string) },
        ]
      : []),
    { field: 'relative_diff', expr: relative, mayBeNonFinite: true },
    { field: 'tolerance', expr: d.doubleLiteral(input.tolerance) },
  ];
  return {
    key: input.key,
    usesStats: true,
    stats,
    ctes,
    joins: ctes.map((c) => c.name),
    metrics,
    // relative_diff is 0 exactly when the values are equal, so tolerance 0 asks for exact equality.
    passed: (col) =>
      `CASE WHEN ${col('source_value')} IS NULL AND ${col('target_value')} IS NULL THEN TRUE ` +
      `WHEN ${col('source_value')} IS NULL OR ${col('target_value')} IS NULL THEN FALSE ` +
      `ELSE ${col('relative_diff')} <= ${col('tolerance')} END`,
  };
}

/**
 * One row with each side's exact sum as text, from its parts S = H · 10^20 + L + F, for sums of any number of digits:
 * the low part's carry moves into H (H₁ = H + high(L), W = low(L) + F, |W| < 2 · 10^20), then W is brought below
 * 10^20 and given the sign of the whole (a borrow from H), and the text is H's digits followed by |W| padded to 20
 * integer digits. Each step adds DECIMAL(37, s) values, so that Spark keeps every digit of scale.
 */
function exactTextSql(ctx: CheckContext, parts: { whole: string; high?: string; frac?: string; scale: number }): string {
  const d = ctx.dialect;
  const { scale } = parts;
  const dec = (e: string) => `CAST(${e} AS DECIMAL(37, ${scale}))`;
  const sides = [
    ['s', 'ss'],
    ['t', 'ts'],
  ] as const;
  const step1 = sides
    .flatMap(([x, side]) => [
      `${parts.high ? `${side}.${parts.high} + ` : ''}${d.values.highPart(`${side}.${parts.whole}`)} AS h1_${x}`,
      `${dec(d.values.lowPart(`${side}.${parts.whole}`))}${parts.frac ? ` + ${dec(`${side}.${parts.frac}`)}` : ''} AS w1_${x}`,
    ])
    .join(', ');
  // |W| ≥ 10^20: one unit more (or less) in H.
  const carry = (x: string) => `CASE WHEN w1_${x} >= ${TEN_TO_20} THEN 1 WHEN w1_${x} <= -${TEN_TO_20} THEN -1 ELSE 0 END`;
  const step2 = sides
    .flatMap(([x]) => [`h1_${x} + ${carry(x)} AS h2_${x}`, `${dec(`w1_${x}`)} - ${dec(`${carry(x)} * ${TEN_TO_20}`)} AS w2_${x}`])
    .join(', ');
  // W takes the sign of H (1 · 10^20 − 5 is written 99…95).
  const borrow = (x: string) => `CASE WHEN h2_${x} > 0 AND w2_${x} < 0 THEN -1 WHEN h2_${x} < 0 AND w2_${x} > 0 THEN 1 ELSE 0 END`;
  const step3 = sides
    .flatMap(([x]) => [`h2_${x} + ${borrow(x)} AS h3_${x}`, `${dec(`w2_${x}`)} - ${dec(`${borrow(x)} * ${TEN_TO_20}`)} AS w3_${x}`])
    .join(', ');
  const width = 20 + (scale > 0 ? scale + 1 : 0);
  // Every digit of scale kept (trailing zeros are trimmed where the text is shown).
  const text = (x: string) =>
    `CASE WHEN h3_${x} = 0 THEN ${d.castString(`w3_${x}`)} ` +
    `ELSE ${d.concat([d.castString(`h3_${x}`), d.values.padLeft(d.castString(`ABS(w3_${x})`), width, '0')])} END`;
  return (
    `SELECT ${text('s')} AS source_raw, ${text('t')} AS target_raw\n  FROM (SELECT ${step3}\n  FROM (SELECT ${step2}\n  FROM (SELECT ${step1}\n  ` +
    `FROM dp_source_stats AS ss CROSS JOIN dp_target_stats AS ts) AS dp_w1) AS dp_w2) AS dp_w3`
  );
}

type Side = 'ss' | 'ts';

/** How a sum's digits are cut: `limbs` limbs of `digits` digits, the lowest first. */
interface LimbLayout {
  readonly digits: number;
  readonly limbs: number;
}
/**
 * Any sum (its text: up to 39 integer digits + 20 + 16 of scale, 75 digits): five limbs of 18 digits, 90 digits. A
 * limb times a count (< 2^63) stays below 10^37, so two such products differ within DECIMAL(38).
 */
const WIDE_LIMBS: LimbLayout = { digits: 18, limbs: 5 };
/**
 * A small sum (DECIMAL(37, s): at most 37 digits): two limbs of 19 digits. A limb times a count is below
 * 9.3 · 10^37 and both products are ≥ 0, so their difference fits DECIMAL(38).
 */
const SMALL_LIMBS: LimbLayout = { digits: 19, limbs: 2 };

/**
 * Where the limb arithmetic keeps its steps. `bind` names a step's values (in order; a value that is an earlier
 * reference is carried as it is) and returns how later steps refer to them; `result` wraps the final expression.
 */
interface LimbSteps {
  bind(values: Readonly<Record<string, string>>): Record<string, string>;
  result(expr: string): string;
}

/**
 * Each step written into the next as an expression, over the stats: for two limbs, where the one carry repeats the
 * limb below it only a few times. No CTE reads the stats a second time (Spark may compute them again for one).
 */
function inlineSteps(): LimbSteps {
  const refs = new Set<string>();
  const ref = (expr: string) => {
    const r = refs.has(expr) || /^[\w.]+$/.test(expr) ? expr : `(${expr})`;
    refs.add(r);
    return r;
  };
  return {
    bind: (values) => Object.fromEntries(Object.entries(values).map(([name, expr]) => [name, ref(expr)])),
    result: (expr) => `(${expr})`,
  };
}

/**
 * Each step a one-row SELECT over the one before, its values named columns: for five limbs, where inline carries
 * would repeat each limb below them (a dialect's highPart reads its argument up to three times) and grow the text
 * geometrically. The first step reads `from`.
 */
function layeredSteps(from: string): LimbSteps {
  let sql = '';
  let depth = 0;
  return {
    bind(values) {
      const columns = Object.entries(values).map(([name, expr]) => (expr === name ? name : `${expr} AS ${name}`));
      sql = depth === 0 ? `SELECT ${columns.join(', ')} FROM ${from}` : `SELECT ${columns.join(', ')} FROM (${sql}) AS dp_l${depth - 1}`;
      depth++;
      return Object.fromEntries(Object.keys(values).map((name) => [name, name]));
    },
    result: (expr) => `SELECT ${expr} AS averages_equal FROM (${sql}) AS dp_carry`,
  };
}

/**
 * S_s · n_t = S_t · n_s exactly, the one home of the limb arithmetic: each sum's digits (its text at the common scale,
 * sign and point dropped) are cut into limbs, each limb is multiplied by the other side's count (< 2^63) and the two
 * products are subtracted limb by limb, carrying from the lowest: equal exactly when every limb's remainder is 0 and
 * no carry is left. Signs are compared first (0 has none): by `sign` when given, else from the text and limbs.
 */
function crossProductsEqual(
  ctx: CheckContext,
  input: {
    text: (side: Side) => string;
    count: (side: Side) => string;
    sign?: { zero: (side: Side) => string; negative: (side: Side) => string };
  },
  layout: LimbLayout,
  steps: LimbSteps,
): string {
  const d = ctx.dialect;
  const { digits, limbs } = layout;
  const unit = `1${'0'.repeat(digits)}`;
  const width = digits * limbs;
  const indexes = Array.from({ length: limbs }, (_, i) => i);
  const short = (side: Side) => (side === 'ss' ? 's' : 't');
  const cut = (side: Side): [string, string][] => {
    const x = short(side);
    const text = d.values.padLeft(`replace(replace(${input.text(side)}, '-', ''), '.', '')`, width, '0');
    return [
      ...(input.sign ? [] : [[`neg_${x}`, `${input.text(side)} LIKE '-%'`] as [string, string]]),
      ...indexes.map((i): [string, string] => [`l${i}_${x}`, `CAST(substring(${text}, ${width - digits * (i + 1) + 1}, ${digits}) AS DECIMAL(38, 0))`]),
    ];
  };
  const v = steps.bind(
    Object.fromEntries([
      ...cut('ss'),
      ...cut('ts'),
      ['n_s', `CAST(${input.count('ss')} AS DECIMAL(19, 0))`],
      ['n_t', `CAST(${input.count('ts')} AS DECIMAL(19, 0))`],
    ]),
  );
  const zero = (side: Side) =>
    input.sign ? input.sign.zero(side) : `(${indexes.map((i) => `${v[`l${i}_${short(side)}`]} = 0`).join(' AND ')})`;
  const negative = (side: Side) => (input.sign ? `(${input.sign.negative(side)})` : v[`neg_${short(side)}`]!);
  // The sign rule and r_i = s_i · n_t − t_i · n_s.
  let r = steps.bind({
    sign_rule: `CASE WHEN ${zero('ss')} AND ${zero('ts')} THEN 'zero' WHEN ${zero('ss')} OR ${zero('ts')} OR ${negative('ss')} <> ${negative('ts')} THEN 'differ' ELSE 'limbs' END`,
    ...Object.fromEntries(indexes.map((i) => [`r${i}`, `${v[`l${i}_s`]} * ${v.n_t} - ${v[`l${i}_t`]} * ${v.n_s}`])),
    ok: 'TRUE',
  });
  // Carry each limb's difference into the next, keeping whether every remainder was 0.
  for (let k = 1; k < limbs; k++) {
    r = steps.bind({
      ...r,
      [`r${k}`]: `${r[`r${k}`]} + ${d.values.highPart(r[`r${k - 1}`]!, digits)}`,
      ok: `${r.ok} AND ${r[`r${k - 1}`]} % ${unit} = 0`,
    });
  }
  return steps.result(`CASE WHEN ${r.sign_rule} = 'zero' THEN TRUE WHEN ${r.sign_rule} = 'differ' THEN FALSE ELSE ${r.ok} AND ${r[`r${limbs - 1}`]} = 0 END`);
}
