/**
 * Numbers for people. Counts get thousands separators; ratios are percentages with as many significant digits as
 * it takes to tell two different values apart (a failure never reads "0.00% > tolerance 0.00%"); other numbers
 * likewise keep enough digits that a source and a target value that differ never print alike.
 */

export interface NumberText {
  /** A count (an integer; exact digits when the payload carries it as a string). */
  count(value: unknown): string;
  /** A ratio in [0, 1] as a percentage, with enough digits to differ from `other` when they differ. */
  percent(value: unknown, other?: unknown): string;
  /** A measured value (a sum, an average), with enough digits to differ from `other` when they differ. */
  value(value: unknown, other?: unknown): string;
}

const MIN_DIGITS = 3;
const MAX_DIGITS = 17;

function significant(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumSignificantDigits: digits });
}

/** `value` with the fewest significant digits (at least `min`) that tell it apart from `other`. */
function distinct(value: number, other: unknown, min: number): string {
  for (let digits = min; digits < MAX_DIGITS; digits++) {
    const shown = significant(value, digits);
    if (typeof other !== 'number' || other === value || shown !== significant(other, digits)) return shown;
  }
  return significant(value, MAX_DIGITS);
}

function plain(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const numberText: NumberText = {
  count(value) {
    return typeof value === 'number' && Number.isInteger(value) ? value.toLocaleString('en-US') : plain(value);
  },
  percent(value, other) {
    if (typeof value !== 'number') return plain(value);
    if (value === 0) return '0%';
    return `${distinct(value * 100, typeof other === 'number' ? other * 100 : other, MIN_DIGITS)}%`;
  },
  value(value, other) {
    if (typeof value !== 'number') return plain(value);
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return value.toLocaleString('en-US');
    // Every digit of the integer part and two more, at least six: a sum of amounts reads to the cent.
    const integerDigits = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 0;
    return distinct(value, other, Math.min(MAX_DIGITS - 1, Math.max(6, integerDigits + 2)));
  },
};
