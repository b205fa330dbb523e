/**
 * Lists the tables of one schema with their columns and declared primary keys through information_schema
 * (`tables`, `columns`, `table_constraints` + `key_column_usage`): three queries per schema, whatever its size.
 * Catalog and schema names match case-insensitively (Databricks stores them lower-case; DuckDB ignores case).
 */
import { InitError, type InitColumn, type InitSource, type InitTable, type SourceRow } from './init-source';
import { globMatcher } from './table-glob';

export interface SchemaRef {
  catalog: string;
  schema: string;
}

/**
 * @param tablesGlob `*` and `?` wildcards over table names, case-insensitive; every table when absent
 * @throws InitError when the schema has no table at all (an unknown catalog or schema reads as empty)
 */
export async function readSchemaTables(source: InitSource, ref: SchemaRef, tablesGlob?: string): Promise<InitTable[]> {
  const d = source.dialect;
  const view = (name: Parameters<InitSource['informationSchemaView']>[1]) => source.informationSchemaView(ref.catalog, name);
  const where = (alias: string) =>
    `lower(${alias}.${d.quoteIdentifier('table_catalog')}) = ${d.stringLiteral(ref.catalog.toLowerCase())}` +
    ` AND lower(${alias}.${d.quoteIdentifier('table_schema')}) = ${d.stringLiteral(ref.schema.toLowerCase())}`;
  const q = (name: string) => d.quoteIdentifier(name);

  const tableRows = await source.query(
    `SELECT t.${q('table_catalog')} AS ${q('catalog_name')}, t.${q('table_schema')} AS ${q('schema_name')}, t.${q('table_name')} AS ${q('table_name')}` +
      ` FROM ${view('tables')} AS t WHERE ${where('t')}`,
  );
  if (tableRows.length === 0) {
    throw new InitError(`no tables found in ${ref.catalog}.${ref.schema} (is the catalog or schema name right?)`);
  }
  const matches = tablesGlob === undefined ? () => true : globMatcher(tablesGlob);
  const tables = new Map<string, InitTable>();
  for (const row of tableRows) {
    const name = text(row.table_name);
    if (!matches(name)) continue;
    tables.set(name, { catalog: text(row.catalog_name), schema: text(row.schema_name), name, columns: [], primaryKey: [] });
  }

  const columnRows = await source.query(
    `SELECT c.${q('table_name')} AS ${q('table_name')}, c.${q('column_name')} AS ${q('column_name')}, c.${q('data_type')} AS ${q('data_type')},` +
      ` c.${q('is_nullable')} AS ${q('is_nullable')}, c.${q('numeric_scale')} AS ${q('numeric_scale')}, c.${q('ordinal_position')} AS ${q('ordinal_position')}` +
      ` FROM ${view('columns')} AS c WHERE ${where('c')}`,
  );
  const positions = new Map<InitColumn, number>();
  for (const row of columnRows) {
    const table = tables.get(text(row.table_name));
    if (!table) continue;
    const column: InitColumn = { name: text(row.column_name), type: text(row.data_type), nullable: text(row.is_nullable).toUpperCase() !== 'NO' };
    const scale = optionalNumber(row.numeric_scale);
    if (scale !== undefined) column.scale = scale;
    positions.set(column, Number(row.ordinal_position));
    table.columns.push(column);
  }
  for (const table of tables.values()) table.columns.sort((a, b) => positions.get(a)! - positions.get(b)!);

  for (const [tableName, key] of await readPrimaryKeys(source, ref, where)) {
    const table = tables.get(tableName);
    if (table) table.primaryKey = key;
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function readPrimaryKeys(source: InitSource, ref: SchemaRef, where: (alias: string) => string): Promise<Map<string, string[]>> {
  const d = source.dialect;
  const q = (name: string) => d.quoteIdentifier(name);
  const on = ['constraint_catalog', 'constraint_schema', 'constraint_name', 'table_name'].map((c) => `k.${q(c)} = tc.${q(c)}`).join(' AND ');
  const rows: SourceRow[] = await source.query(
    `SELECT k.${q('table_name')} AS ${q('table_name')}, k.${q('column_name')} AS ${q('column_name')}, k.${q('ordinal_position')} AS ${q('ordinal_position')}` +
      ` FROM ${source.informationSchemaView(ref.catalog, 'table_constraints')} AS tc` +
      ` JOIN ${source.informationSchemaView(ref.catalog, 'key_column_usage')} AS k ON ${on}` +
      ` WHERE tc.${q('constraint_type')} = ${d.stringLiteral('PRIMARY KEY')} AND ${where('tc')}`,
  );
  const keys = new Map<string, { column: string; position: number }[]>();
  for (const row of rows) {
    const list = keys.get(text(row.table_name)) ?? [];
    list.push({ column: text(row.column_name), position: Number(row.ordinal_position) });
    keys.set(text(row.table_name), list);
  }
  return new Map([...keys].map(([table, list]) => [table, list.sort((a, b) => a.position - b.position).map((k) => k.column)]));
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function optionalNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
