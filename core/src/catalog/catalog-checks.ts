/**
 * Findings that need the live catalog: unknown catalogs, schemas, tables and columns, aggregates over columns of
 * the wrong type, and a declared primary key the task does not use. Pure: raw pact + its source + synchronous
 * catalog answers -> Problems, so the language server and the CLI share it.
 */
import type { Problem, Severity } from '../model/problem';
import type { PactSource, PathSegment } from '../pact/load-pact';
import { findTable, type CatalogAnswers } from './catalog-answers';
import type { ColumnInfo, TableInfo } from './catalog-provider';
import { closestName } from './closest-name';
import { columnList, rawTasks, SIDES, tableRef, type Located, type RawTask, type Side } from './pact-tasks';

// Column-list keys whose every column must exist in both tables: declared by each check kind.
import { COLUMN_LIST_KEYS } from '../checks/registry';

/** Aggregates that only make sense over numbers. */
const NUMERIC_AGGREGATES = new Set(['SUM', 'AVG', 'STDDEV']);
const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC|BYTE|SHORT|LONG|INT\d+|FLOAT\d+)\b/i;

export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type.trim());
}

export function checkAgainstCatalog(raw: unknown, source: PactSource, answers: CatalogAnswers): Problem[] {
  const problems: Problem[] = [];
  // A value inherited from `defaults` is checked for each task that inherits it, but reported once where written.
  const reported = new Set<string>();
  const at = (path: PathSegment[], severity: Severity, code: string, message: string, data?: Record<string, unknown>) => {
    const span = source.locate(path) ?? { start: 0, end: 0 };
    const key = JSON.stringify([code, span.start, span.end, message]);
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({ code, severity, message, start: span.start, end: Math.max(span.end, span.start), ...(data ? { data } : {}) });
  };
  if (answers.unavailable) {
    at(['engine'], 'information', 'catalog-unavailable', `Catalog checks are off: ${answers.unavailable}.`);
    return problems;
  }
  const catalogs = answers.catalogs();
  const noted = new Set<string>();
  for (const info of catalogs ?? []) {
    if (info.unavailable && !noted.has(info.name)) {
      noted.add(info.name);
      at(['engine', 'catalogs', info.name], 'information', 'catalog-unavailable',
        `Catalog "${info.name}" cannot be read (${info.unavailable}); its tables are not checked.`, { catalog: info.name });
    }
  }
  for (const task of rawTasks(raw)) {
    const tables: Partial<Record<Side, TableInfo>> = {};
    for (const side of SIDES) tables[side] = resolveSide(task, side, answers, at);
    checkColumns(task, tables, at);
  }
  return problems;
}

type Report = (path: PathSegment[], severity: Severity, code: string, message: string, data?: Record<string, unknown>) => void;

function resolveSide(task: RawTask, side: Side, answers: CatalogAnswers, at: Report): TableInfo | undefined {
  const catalog = task.get(`${side}_catalog`);
  const catalogs = answers.catalogs();
  if (!catalog || typeof catalog.value !== 'string' || !catalogs) return undefined;
  const info = catalogs.find((c) => c.name === catalog.value);
  if (!info) {
    unknown(at, catalog as Located<string>, 'unknown-catalog', `${side} catalog`, catalogs.map((c) => c.name));
    return undefined;
  }
  if (info.unavailable) return undefined;
  const ref = tableRef(task, side);
  const schema = task.get(`${side}_schema`);
  if (!schema || typeof schema.value !== 'string') return undefined;
  const schemas = answers.schemas(info.name);
  if (!schemas) return undefined;
  if (!schemas.some((s) => s.name.toLowerCase() === (schema.value as string).toLowerCase())) {
    unknown(at, schema as Located<string>, 'unknown-schema', `schema in catalog "${info.name}"`, schemas.map((s) => s.name));
    return undefined;
  }
  if (!ref) return undefined;
  const list = answers.tables(info.name, ref.schema.value);
  if (!list) return undefined;
  const table = findTable(answers, info.name, ref.schema.value, ref.table.value);
  if (!table) {
    unknown(at, ref.table, 'unknown-table', `table in ${info.name}.${ref.schema.value}`, list.map((t) => t.name));
  }
  return table;
}

function unknown(at: Report, value: Located<string>, code: string, what: string, candidates: string[]): void {
  const suggestion = closestName(value.value, candidates);
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  at(value.path, 'error', code, `"${value.value}" is not a ${what}.${hint}`, suggestion ? { name: value.value, suggestion } : { name: value.value });
}

function checkColumns(task: RawTask, tables: Partial<Record<Side, TableInfo>>, at: Report): void {
  const columns: Array<{ column: Located<string>; key: string }> = [];
  for (const key of COLUMN_LIST_KEYS) for (const column of columnList(task, key)) columns.push({ column, key });
  const aggs = task.get('agg_validations');
  const aggItems = aggs && Array.isArray(aggs.value) ? aggs.value : [];
  aggItems.forEach((item, i) => {
    if (typeof item === 'object' && item !== null && typeof (item as { column?: unknown }).column === 'string') {
      columns.push({ column: { value: (item as { column: string }).column, path: [...aggs!.path, i, 'column'] }, key: 'agg_validations' });
    }
  });
  // One finding per written column, naming every side that lacks it (one diagnostic, one quick fix).
  for (const { column } of columns) {
    const missing = SIDES.filter((side) => tables[side] && !findColumn(tables[side]!, column.value));
    if (missing.length === 0) continue;
    const candidates = intersection(missing.map((side) => tables[side]!.columns.map((c) => c.name)));
    const suggestion = closestName(column.value, candidates);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    const name = (side: Side) => `${side} table ${tables[side]!.catalog}.${tables[side]!.schema}.${tables[side]!.name}`;
    const where = missing.length === 1 ? `not in the ${name(missing[0]!)}` : `in neither the ${name(missing[0]!)} nor the ${name(missing[1]!)}`;
    at(column.path, 'error', 'unknown-column', `Column "${column.value}" is ${where}.${hint}`,
      { name: column.value, sides: missing, ...(missing.length === 1 ? { side: missing[0] } : {}), ...(suggestion ? { suggestion } : {}) });
  }
  aggItems.forEach((item, i) => checkAggregateTypes(item, [...aggs!.path, i], tables, at));
  checkDeclaredKey(task, tables, at);
}

function checkAggregateTypes(item: unknown, path: PathSegment[], tables: Partial<Record<Side, TableInfo>>, at: Report): void {
  if (typeof item !== 'object' || item === null) return;
  const { column, validations } = item as { column?: unknown; validations?: unknown };
  if (typeof column !== 'string' || !Array.isArray(validations)) return;
  validations.forEach((v, j) => {
    const agg = typeof v === 'object' && v !== null ? (v as { agg?: unknown }).agg : undefined;
    if (typeof agg !== 'string' || !NUMERIC_AGGREGATES.has(agg.trim().toUpperCase())) return;
    for (const side of SIDES) {
      const found = tables[side] && findColumn(tables[side]!, column);
      if (!found || isNumericType(found.type)) continue;
      at([...path, 'validations', j, 'agg'], 'error', 'non-numeric-aggregate',
        `${agg.toUpperCase()} needs a numeric column, but "${column}" is ${found.type} in the ${side} table.`,
        { agg: agg.toUpperCase(), column, side, type: found.type });
      return;
    }
  });
}

/** A declared key the task does not use: a warning when the row hash needs it, else a hint with a quick fix. */
function checkDeclaredKey(task: RawTask, tables: Partial<Record<Side, TableInfo>>, at: Report): void {
  if (task.get('primary_keys')) return;
  const table = tables.source ?? tables.target;
  const key = tables.source?.primaryKey.length ? tables.source.primaryKey : tables.target?.primaryKey;
  if (!table || !key || key.length === 0) return;
  const hashOn = task.get('pk_row_hash_check')?.value === true;
  const where = task.get('task_key') ? [...task.path, 'task_key'] : task.path;
  at(where, hashOn ? 'warning' : 'hint', 'primary-keys-not-set',
    `primary_keys is not set; the table declares the key (${key.join(', ')}).${hashOn ? ' The row hash check needs it.' : ''}`,
    { primaryKey: key });
}

/** Names in every list (compared without case), in the first list's order. */
function intersection(lists: string[][]): string[] {
  const [first = [], ...rest] = lists;
  return first.filter((name) => rest.every((list) => list.some((other) => other.toLowerCase() === name.toLowerCase())));
}

export function findColumn(table: TableInfo, name: string): ColumnInfo | undefined {
  const wanted = name.toLowerCase();
  return table.columns.find((c) => c.name.toLowerCase() === wanted);
}
