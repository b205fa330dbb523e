/**
 * What the row hash compares when both tables' columns are known: columns matched by name (case-insensitively),
 * in one stated order (lower-cased name, then name), each side's value in its canonical encoding
 * (canonical-value.ts), hashed with md5 (the same function and text on every dialect).
 *
 * - all columns (no `hash_columns`): every column both sides share, except the primary keys (compared by the join)
 *   and `exclude_columns`; a column on one side only is listed (`columns_only_in_source` / `_target`) and fails
 *   the check, instead of making every row differ;
 * - a column whose type family differs (text against a number) is a type drift: listed with both types, and its
 *   values never compare equal (each side's encoding is tagged with its family), so the mismatches it causes are
 *   explained by the finding;
 * - `compare: strict`: a column whose type differs at all (INT against BIGINT) is listed in `type_mismatches`
 *   and fails the check; the rows are still compared by value, so the count of mismatched rows stays the real one.
 */
import type { CheckContext } from '../check-plan';
import type { HashAlgorithm } from '../../model/pact';
import { canonicalEncoding, canonicalTyped, driftEncoding, driftTyped } from '../canonical-value';
import { familyOf, findColumn, parseValueKind, type SideColumn, type ValueKind } from '../value-types';

export interface ComparedColumn {
  /** The name as the source spells it. */
  readonly name: string;
  readonly source: SideColumn & { readonly kind: ValueKind };
  readonly target: SideColumn & { readonly kind: ValueKind };
  readonly drift: boolean;
}

export interface RowHashColumns {
  readonly compared: readonly ComparedColumn[];
  readonly onlyInSource: readonly string[];
  readonly onlyInTarget: readonly string[];
  /** compare: strict only: columns whose type text differs. */
  readonly typeMismatches: readonly ComparedColumn[];
}

/** Type text compared by `compare: strict`: case and spacing are spelling, not type. */
function typeKey(type: string): string {
  return type.toLowerCase().replace(/\s+/g, '');
}

const byName = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** The columns the row hash compares, or undefined when the tables' columns are not known. */
export function rowHashColumns(ctx: CheckContext): RowHashColumns | undefined {
  const columns = ctx.columns;
  if (!columns) return undefined;
  const { task } = ctx;
  const plain = ctx.dialect.values.plainTimestamp;
  const typed = (c: SideColumn) => ({ ...c, kind: parseValueKind(c.type, plain) });
  const pair = (source: SideColumn, target: SideColumn): ComparedColumn => {
    const s = typed(source);
    const t = typed(target);
    return { name: source.name, source: s, target: t, drift: familyOf(s.kind) !== familyOf(t.kind) };
  };
  let compared: ComparedColumn[] = [];
  let onlyInSource: string[] = [];
  let onlyInTarget: string[] = [];
  const hashColumns = task.hash_columns && task.hash_columns.length > 0 ? task.hash_columns : undefined;
  if (hashColumns) {
    // As listed; a column missing on a side is referenced anyway, so that the engine names the side lacking it.
    for (const name of hashColumns) {
      const missing = { name, type: 'VARCHAR' };
      compared.push(pair(findColumn(columns.source, name) ?? missing, findColumn(columns.target, name) ?? missing));
    }
  } else {
    const skipped = new Set([...(task.primary_keys ?? []), ...(task.exclude_columns ?? [])].map((c) => c.toLowerCase()));
    const kept = (side: readonly SideColumn[]) => side.filter((c) => !skipped.has(c.name.toLowerCase()));
    const targets = kept(columns.target);
    for (const source of kept(columns.source)) {
      const target = targets.find((t) => t.name.toLowerCase() === source.name.toLowerCase());
      if (target) compared.push(pair(source, target));
      else onlyInSource.push(source.name);
    }
    onlyInTarget = targets.filter((t) => !compared.some((c) => c.target.name === t.name)).map((t) => t.name);
    compared = compared.sort((a, b) => byName(a.name, b.name));
    onlyInSource = onlyInSource.sort(byName);
    onlyInTarget = onlyInTarget.sort(byName);
  }
  const typeMismatches = task.compare === 'strict' ? compared.filter((c) => typeKey(c.source.type) !== typeKey(c.target.type)) : [];
  return { compared, onlyInSource, onlyInTarget, typeMismatches };
}

/**
 * The hash of one side's row over its compared columns in the stated order. `md5`: md5 of the concatenated canonical
 * texts, the same value on every dialect. `native` (default): the engine's own hash, of the canonical values as a
 * typed record where the dialect has one (DuckDB), else of the canonical text (Databricks `xxhash64`): the same
 * verdicts as md5, not the same numbers across engines.
 */
export function canonicalRowHash(ctx: CheckContext, columns: RowHashColumns, role: 'source' | 'target', row: string, algorithm: HashAlgorithm = 'md5'): string {
  const d = ctx.dialect;
  const options = { ...(ctx.task.naive_timestamp_zone ? { naiveZone: ctx.task.naive_timestamp_zone } : {}) };
  const sides = columns.compared.map((c) => {
    const own = role === 'source' ? c.source : c.target;
    const other = role === 'source' ? c.target : c.source;
    return { c, own, other, expr: `${row}.${d.quoteIdentifier(own.name)}` };
  });
  if (algorithm === 'native' && d.values.record && d.values.recordHash) {
    const record = d.values.record;
    const fields = sides.map(({ c, own, other, expr }, i) => [`c${i}`, c.drift ? driftTyped(d, expr, own.kind) : canonicalTyped(d, expr, own.kind, other.kind, 0, options)] as const);
    return d.values.recordHash(fields.length > 0 ? record(fields) : record([['c', d.stringLiteral('')]]));
  }
  const parts = sides.map(({ c, own, other, expr }) => (c.drift ? driftEncoding(d, expr, own.kind) : canonicalEncoding(d, expr, own.kind, other.kind, 0, options)));
  const text = parts.length > 0 ? d.concat(parts) : d.stringLiteral('');
  return algorithm === 'native' ? d.values.textHash(text) : d.values.md5(text);
}
