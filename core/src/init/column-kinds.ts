/**
 * What init reads from a column's type and name: whether it can be part of an inferred key, and whether it is a
 * measure worth a SUM check. Type names are the engines' own (DuckDB `INTEGER`, `DECIMAL(10,2)`; Databricks
 * information_schema `INT`, `DECIMAL` with `numeric_scale`).
 */
import { isNumericType } from '../catalog/catalog-checks';
import type { InitColumn } from './init-source';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|BYTE|SHORT|LONG|INT\d+)$/;
const TEXT = /^(VARCHAR|STRING|CHAR|TEXT|BPCHAR|UUID)$/;
const FRACTIONAL = /^(FLOAT|REAL|DOUBLE|FLOAT\d+)$/;
/** Names that identify or classify rather than measure: their sum means nothing. */
const IDENTIFIER_NAME = /(^id$|_id$|_key$|_code$|_no$|_nr$|_num$|_number$|^year$|_year$|^month$|_month$|^day$|_day$)/i;
/** camelCase identifiers (`customerId`, `orderKey`). */
const CAMEL_IDENTIFIER = /[a-z0-9](Id|Key|Code|No|Number)$/;

function baseType(type: string): string {
  return type.trim().toUpperCase().replace(/\s*\(.*$/, '');
}

function scaleOf(column: InitColumn): number | undefined {
  const written = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(column.type);
  return written ? Number(written[1]) : column.scale;
}

/** Integers, text, UUIDs, dates and whole-number decimals: values a key is made of (never floating point). */
export function canBeKey(column: InitColumn): boolean {
  const base = baseType(column.type);
  if (INTEGER.test(base) || TEXT.test(base) || base === 'DATE') return true;
  return (base === 'DECIMAL' || base === 'NUMERIC') && scaleOf(column) === 0;
}

/** A numeric column that is not a key and not named like an identifier or a date part. */
export function isMeasure(column: InitColumn, keyColumns: readonly string[]): boolean {
  if (!isNumericType(column.type)) return false;
  if (keyColumns.some((k) => k.toLowerCase() === column.name.toLowerCase())) return false;
  return !IDENTIFIER_NAME.test(column.name) && !CAMEL_IDENTIFIER.test(column.name);
}

/** Floating point sums depend on the order rows are added in, so they get a small tolerance; exact types get 0. */
export function sumTolerance(column: InitColumn): number {
  return FRACTIONAL.test(baseType(column.type)) ? 0.000001 : 0;
}
