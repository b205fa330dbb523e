/**
 * Both tables' columns of every task of a run, read on the warehouse before the SQL is generated (the row hash
 * compares columns by name and value, sums are exact, only with them; core/src/sql/value-types.ts).
 *
 * One statement over `system.information_schema.columns` reads every Unity Catalog table of the run at once
 * (calls per run stay within tasks + 10); `hive_metastore` is not in Unity Catalog's information_schema, so its
 * tables are read with one `DESCRIBE TABLE` each. A table that cannot be read leaves its task compiled without
 * column lists: its own statement then reports what is wrong (a missing table), as it always has.
 */
import type { Task } from '../../model/pact';
import { getDialect } from '../../dialects/registry';
import type { SideColumn, TaskColumns } from '../../sql/index';
import { runStatement } from './statements';
import type { WorkspaceApi } from './workspace-api';

type TableKey = string;
const keyOf = (catalog: string, schema: string, table: string): TableKey => JSON.stringify([catalog, schema, table].map((p) => p.toLowerCase()));

interface TableRef {
  catalog: string;
  schema: string;
  table: string;
}

function sides(task: Task): [TableRef, TableRef] {
  return [
    { catalog: task.source_catalog, schema: task.source_schema, table: task.source_table },
    { catalog: task.target_catalog, schema: task.target_schema, table: task.target_table },
  ];
}

const isHiveMetastore = (t: TableRef) => t.catalog.toLowerCase() === 'hive_metastore';

/** The rows of `DESCRIBE TABLE` up to its first section (`# Partition Information` …): the table's columns. */
export function columnsFromDescribe(rows: ReadonlyArray<Record<string, string | null>>): SideColumn[] {
  const columns: SideColumn[] = [];
  for (const row of rows) {
    const name = row.col_name ?? '';
    if (name.trim() === '' || name.startsWith('#')) break;
    columns.push({ name, type: row.data_type ?? '' });
  }
  return columns;
}

/** The information_schema query for `tables` (names matched case-insensitively, as Unity Catalog stores them lower-case). */
export function columnsQuery(tables: readonly TableRef[]): string {
  const d = getDialect('databricks');
  const lit = (s: string) => d.stringLiteral(s.toLowerCase());
  const where = tables
    .map((t) => `(lower(table_catalog) = ${lit(t.catalog)} AND lower(table_schema) = ${lit(t.schema)} AND lower(table_name) = ${lit(t.table)})`)
    .join('\n   OR ');
  return (
    `SELECT table_catalog, table_schema, table_name, column_name, full_data_type\n` +
    `FROM system.information_schema.columns\nWHERE ${where}\nORDER BY table_catalog, table_schema, table_name, ordinal_position`
  );
}

/**
 * Columns per task key; a task is absent when either of its tables could not be read. `log` hears why a read
 * failed (never a value of the sign-in).
 */
export async function readTaskColumns(
  api: WorkspaceApi,
  warehouseId: string,
  tasks: readonly Task[],
  log?: (message: string) => void,
): Promise<Map<string, TaskColumns>> {
  const found = new Map<TableKey, SideColumn[]>();
  const all = new Map<TableKey, TableRef>();
  for (const task of tasks) for (const t of sides(task)) all.set(keyOf(t.catalog, t.schema, t.table), t);
  const inUnityCatalog = [...all.values()].filter((t) => !isHiveMetastore(t));
  if (inUnityCatalog.length > 0) {
    try {
      for (const row of await runStatement(api, warehouseId, columnsQuery(inUnityCatalog))) {
        const key = keyOf(row.table_catalog ?? '', row.table_schema ?? '', row.table_name ?? '');
        const list = found.get(key) ?? [];
        list.push({ name: row.column_name ?? '', type: row.full_data_type ?? '' });
        found.set(key, list);
      }
    } catch (error) {
      log?.(`the tables' columns could not be read from information_schema (${error instanceof Error ? error.message : String(error)}); tasks compare columns by position`);
    }
  }
  const d = getDialect('databricks');
  for (const t of [...all.values()].filter(isHiveMetastore)) {
    const fqn = [t.catalog, t.schema, t.table].map((p) => d.quoteIdentifier(p)).join('.');
    try {
      const columns = columnsFromDescribe(await runStatement(api, warehouseId, `DESCRIBE TABLE ${fqn}`));
      if (columns.length > 0) found.set(keyOf(t.catalog, t.schema, t.table), columns);
    } catch (error) {
      log?.(`the columns of ${fqn} could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const byTask = new Map<string, TaskColumns>();
  for (const task of tasks) {
    const [s, t] = sides(task);
    const source = found.get(keyOf(s.catalog, s.schema, s.table));
    const target = found.get(keyOf(t.catalog, t.schema, t.table));
    if (source && target) byTask.set(task.task_key, { source, target });
  }
  return byTask;
}
