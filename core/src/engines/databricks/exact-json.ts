/**
 * JSON with exact int64 ids. The Jobs API's job and run ids are int64; JSON.parse (the SDK's, too) rounds an
 * integer past 2^53 to the nearest double, so 9007199254740993 would come back as …992 and a cancel, a poll or a
 * history row would name another run. Here an integer beyond the safe range parses to its digits (a string), and a
 * bigint is written as bare digits, so ids travel exactly: the engine holds them as decimal strings throughout.
 */
import { parse, stringify } from 'lossless-json';

/** A number as written in JSON text: a double when exact, the digits of an unsafe integer otherwise. */
function parseNumber(text: string): number | string {
  const value = Number(text);
  return /^-?\d+$/.test(text) && !Number.isSafeInteger(value) ? text.replace(/^(-?)0+(?=\d)/, '$1') : value;
}

export function parseExactJson(text: string): unknown {
  return text.trim() === '' ? {} : parse(text, null, parseNumber);
}

/** JSON text of `value`; bigint values (ids) are written as bare digits. */
export function stringifyExactJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

const INT64_MAX = (1n << 63n) - 1n;

/** The decimal text of an id as it came from JSON (a safe number or the digits of an unsafe one). */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'bigint' && value >= 0n) return value.toString();
  if (typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= INT64_MAX) return String(BigInt(value));
  return undefined;
}

/** An id for a request body: a bigint, written as bare digits (never rounded through a double). */
export function idValue(id: string): bigint {
  const text = idText(id);
  if (text === undefined) throw new Error(`'${id}' is not an int64 id`);
  return BigInt(text);
}

/** Whether `text` is an int64 id (a run or job id). */
export function isIdText(text: string): boolean {
  return /^\d{1,19}$/.test(text) && idText(text) !== undefined;
}
