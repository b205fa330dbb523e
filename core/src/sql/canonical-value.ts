/**
 * The canonical value comparison: one definition, written once here over dialect primitives, so that the same
 * data gives the same text (and the same md5) on every dialect. docs/checks.md "Canonical values" has the table
 * per type family; in short:
 *
 * - integers and decimals by their exact value: `5`, `-5`, `5.25` (trailing zeros dropped: INT 5 = DECIMAL 5.00);
 * - floating point, and a number compared with a floating point column, as the DOUBLE's exact binary value:
 *   `<sign><53-bit mantissa>p<exponent>` (so DECIMAL 0.25 = DOUBLE 0.25); `NaN`, `Inf`, `-Inf`; -0.0 = 0;
 * - timestamps as microseconds since 1970-01-01 UTC (a TIMESTAMP without time zone compared with an instant is read
 *   as the wall clock of the task's `naive_timestamp_zone`, UTC by default; two of them compare as wall clocks);
 * - dates `YYYY-MM-DD`, booleans `true`/`false`, binary as upper-case hex, strings byte for byte;
 * - lists `[…]`, structs `{…}` (fields by case-insensitive name, in name order), maps `<…>` (entries sorted);
 * - NULL as `~`, never equal to a value: not to '', an empty list, or a struct of NULLs.
 *
 * Every encoding is prefix-free (text is length-prefixed, other scalars end with `;`), so a row is the
 * concatenation of its columns' encodings with no ambiguity.
 */
import type { Dialect } from '../dialects/dialect';
import type { ValueKind } from './value-types';
import { familyOf } from './value-types';

const NULL_MARK = '~';

/** What a task adds to the comparison of its values. */
export interface CanonicalOptions {
  /** The zone whose wall clock a TIMESTAMP without time zone shows, when compared with an instant (UTC if absent). */
  readonly naiveZone?: string;
}

/**
 * The zone `own` (a timestamp) is read in: the task's zone for a wall clock compared with an instant; otherwise
 * none (UTC): an instant needs no zone, and two wall clocks compare as they are (a zone could only make a local
 * time that does not exist, in a spring-forward gap, equal to another).
 */
export function readZone(own: ValueKind, other: ValueKind, options: CanonicalOptions): string | undefined {
  const zone = options.naiveZone;
  if (!zone || zone === 'UTC') return undefined;
  return own.kind === 'timestamp' && own.zone === 'naive' && other.kind === 'timestamp' && other.zone === 'instant' ? zone : undefined;
}

const scaleOf = (kind: ValueKind) => (kind.kind === 'decimal' ? kind.scale : 0);
const integerDigits = (kind: ValueKind) => (kind.kind === 'decimal' ? kind.precision - kind.scale : kind.kind === 'integer' && kind.huge ? 39 : 19);

/**
 * The exact text of an integer or decimal value compared with `other`: written at the larger scale of the two
 * (INT 5 and DECIMAL(10,2) 5.00 are both `5.00`; two DECIMAL(12,2) need no conversion), a cast, not a text edit.
 * When that scale does not fit DECIMAL(38) beside the integer digits, trailing fractional zeros are trimmed
 * instead (`5.2500` → `5.25`, `5.00` → `5`), which is slower (a regular expression per value) and equal too.
 */
function exactText(d: Dialect, expr: string, kind: ValueKind, other: ValueKind): string {
  const scale = Math.max(scaleOf(kind), scaleOf(other));
  if (scale === 0) return d.castString(expr);
  if (scale === scaleOf(kind) && (other.kind !== 'decimal' || other.scale === scale)) {
    // Both sides at this scale already: the engine's text of the decimal as it is.
    if (kind.kind === 'decimal') return d.castString(expr);
  }
  if (Math.max(integerDigits(kind), integerDigits(other)) + scale <= 38) return d.castString(`CAST(${expr} AS DECIMAL(38, ${scale}))`);
  const text = d.castString(expr);
  return kind.kind === 'decimal' && kind.scale > 0 ? d.values.trimFractionZeros(text) : text;
}

/**
 * A DOUBLE as `[-]<m>p<e>` with x = m · 2^(e−52), m an integer in [2^52, 2^53) (or smaller for subnormals): the
 * exact binary value, written the same by every engine (no engine's float-to-text rules involved). log2 may be
 * one off near a power of two: the mantissa then lands outside [2^52, 2^53) and is corrected by one step.
 */
export function doubleText(d: Dialect, x: string): string {
  const lit = (text: string) => d.stringLiteral(text);
  const e0 = `CAST(floor(log2(abs(${x}))) AS BIGINT)`;
  // 2^(52 − e) in two factors, so that neither overflows (e reaches −1074 for subnormals).
  const scaled = (e: string) => `abs(${x}) * power(2, floor((52 - ${e}) / 2)) * power(2, (52 - ${e}) - floor((52 - ${e}) / 2))`;
  const m0 = scaled(e0);
  const e = `(${e0} + CASE WHEN ${m0} >= 9007199254740992 THEN 1 WHEN ${m0} < 4503599627370496 THEN -1 ELSE 0 END)`;
  const mantissa = d.castString(`CAST(${scaled(e)} AS BIGINT)`);
  return (
    `CASE WHEN isnan(${x}) THEN ${lit('NaN')} WHEN ${x} = 0 THEN ${lit('0')} ` +
    `WHEN ${x} + ${x} = ${x} THEN CASE WHEN ${x} > 0 THEN ${lit('Inf')} ELSE ${lit('-Inf')} END ` +
    `ELSE ${d.concat([`CASE WHEN ${x} < 0 THEN ${lit('-')} ELSE ${lit('')} END`, mantissa, lit('p'), d.castString(e)])} END`
  );
}

/** True when one of the two kinds (at this level) is floating point: both sides are then compared as DOUBLE. */
function comparedAsDouble(own: ValueKind, other: ValueKind): boolean {
  return own.kind === 'floating' || other.kind === 'floating';
}

/**
 * The canonical encoding of `expr` (of kind `own`, compared with a value of kind `other` of the same family):
 * never NULL, prefix-free. `depth` names lambda parameters uniquely when lists nest.
 */
export function canonicalEncoding(d: Dialect, expr: string, own: ValueKind, other: ValueKind = own, depth = 0, options: CanonicalOptions = {}): string {
  const lit = (text: string) => d.stringLiteral(text);
  const scalar = (text: string) => d.concat([text, lit(';')]);
  const measured = (text: string) => d.concat([d.castString(d.values.byteLength(text)), lit(':'), text]);
  let body: string;
  switch (own.kind) {
    case 'integer':
    case 'decimal':
    case 'floating':
      body = scalar(comparedAsDouble(own, other) ? doubleText(d, d.castDouble(expr)) : exactText(d, expr, own, other));
      break;
    case 'boolean':
    case 'date':
      body = scalar(d.castString(expr));
      break;
    case 'timestamp':
      body = scalar(d.castString(d.values.epochMicros(expr, own.zone, readZone(own, other, options))));
      break;
    case 'binary':
      body = scalar(d.values.hex(expr));
      break;
    case 'string':
      body = measured(expr);
      break;
    case 'other':
      body = measured(d.castString(expr));
      break;
    case 'list': {
      const param = `dp_e${depth}`;
      const otherElement = other.kind === 'list' ? other.element : own.element;
      const elements = d.values.transform(expr, param, canonicalEncoding(d, param, own.element, otherElement, depth + 1, options));
      body = d.concat([lit('['), d.values.joinText(elements), lit(']')]);
      break;
    }
    case 'map': {
      const param = `dp_e${depth}`;
      const otherMap = other.kind === 'map' ? other : own;
      const entry = d.concat([
        canonicalEncoding(d, d.values.field(param, 'key'), own.key, otherMap.key, depth + 1, options),
        canonicalEncoding(d, d.values.field(param, 'value'), own.value, otherMap.value, depth + 1, options),
      ]);
      body = d.concat([lit('<'), d.values.joinText(d.values.sortList(d.values.transform(d.values.mapEntries(expr), param, entry))), lit('>')]);
      break;
    }
    case 'struct': {
      const otherFields = other.kind === 'struct' ? other.fields : own.fields;
      const fields = [...own.fields].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
      const parts = fields.map((f) => {
        const twin = otherFields.find((o) => o.name.toLowerCase() === f.name.toLowerCase())?.type ?? f.type;
        return canonicalEncoding(d, d.values.field(`(${expr})`, f.name), f.type, twin, depth + 1, options);
      });
      body = d.concat([lit('{'), ...parts, lit('}')]);
      break;
    }
  }
  return `CASE WHEN ${expr} IS NULL THEN ${lit(NULL_MARK)} ELSE ${body} END`;
}

/**
 * The encoding of a column whose type family differs between the sides (a type drift): tagged with its family,
 * so that the two sides never compare equal ('7' is not 7); the drift itself is reported by name and type.
 */
export function driftEncoding(d: Dialect, expr: string, own: ValueKind): string {
  return d.concat([d.stringLiteral(`${familyOf(own)}!`), canonicalEncoding(d, expr, own)]);
}

/**
 * The same canonical value as a typed record, for an engine whose own hash of a record is much cheaper than
 * building and hashing text (DuckDB: ≈ 1× the plain row hash against ≈ 10× for the text and md5; bench/results.md).
 * Equal exactly when the canonical texts are equal: both sides of a column pair are cast to one type (exact numbers
 * to DECIMAL(38, the pair's scale) or HUGEINT, floating comparisons to DOUBLE with −0.0 as 0 and one NaN,
 * timestamps to UTC microseconds), and every nested value carries its own NULL flag (the engine's hash alone does
 * not tell an empty list from a NULL one, nor a NULL struct from a struct of NULLs).
 */
export function canonicalTyped(d: Dialect, expr: string, own: ValueKind, other: ValueKind = own, depth = 0, options: CanonicalOptions = {}): string {
  const record = d.values.record!;
  const nested = (value: string) => record([['n', `${expr} IS NULL`], ['v', value]]);
  switch (own.kind) {
    case 'integer':
    case 'decimal':
    case 'floating': {
      if (comparedAsDouble(own, other)) {
        const x = d.castDouble(expr);
        return `CASE WHEN isnan(${x}) THEN ${d.castDouble(d.stringLiteral('NaN'))} ELSE ${x} + ${d.doubleLiteral(0)} END`;
      }
      // One type for both sides, as narrow as it can be (a wide DECIMAL costs a 128-bit value per row).
      const scale = Math.max(scaleOf(own), scaleOf(other));
      const digits = Math.max(integerDigits(own), integerDigits(other));
      if (scale === 0 && digits <= 19) return `CAST(${expr} AS ${d.types.bigint})`;
      if (own.kind === 'decimal' && other.kind === 'decimal' && own.precision === other.precision && own.scale === other.scale) return expr;
      if (digits + scale <= 38) return `CAST(${expr} AS DECIMAL(${Math.max(digits + scale, 1)}, ${scale}))`;
      return exactText(d, expr, own, other);
    }
    case 'timestamp':
      // The same zone rule and unit on both sides: the values hash alike as they are (no conversion per row).
      if (other.kind === 'timestamp' && other.zone === own.zone && own.micros && other.micros) return expr;
      return d.values.epochMicros(expr, own.zone, readZone(own, other, options));
    case 'string':
    case 'boolean':
    case 'date':
    case 'binary':
      return expr;
    case 'other':
      return d.castString(expr);
    case 'list': {
      const param = `dp_e${depth}`;
      const otherElement = other.kind === 'list' ? other.element : own.element;
      return nested(d.values.transform(expr, param, canonicalTyped(d, param, own.element, otherElement, depth + 1, options)));
    }
    case 'map': {
      const param = `dp_e${depth}`;
      const otherMap = other.kind === 'map' ? other : own;
      const entry = record([
        ['k', canonicalTyped(d, d.values.field(param, 'key'), own.key, otherMap.key, depth + 1, options)],
        ['v', canonicalTyped(d, d.values.field(param, 'value'), own.value, otherMap.value, depth + 1, options)],
      ]);
      return nested(d.values.sortList(d.values.transform(d.values.mapEntries(expr), param, entry)));
    }
    case 'struct': {
      const otherFields = other.kind === 'struct' ? other.fields : own.fields;
      const fields = [...own.fields].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
      return nested(
        record(
          fields.map((f, i) => {
            const twin = otherFields.find((o) => o.name.toLowerCase() === f.name.toLowerCase())?.type ?? f.type;
            return [`f${i}`, canonicalTyped(d, d.values.field(`(${expr})`, f.name), f.type, twin, depth + 1, options)] as const;
          }),
        ),
      );
    }
  }
}

/** A drifted column as a typed record: tagged with its family, so that its two sides never hash alike. */
export function driftTyped(d: Dialect, expr: string, own: ValueKind): string {
  return d.values.record!([['family', d.stringLiteral(familyOf(own))], ['v', canonicalTyped(d, expr, own)]]);
}
