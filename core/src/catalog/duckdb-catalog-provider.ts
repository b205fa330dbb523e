/**
 * The DuckDB implementation of the catalog seam: one in-memory DuckDB instance with the pact's catalogs
 * attached (files read-only, folders as views), read once into a snapshot and answered from it.
 * A catalog whose path cannot be attached is reported as unavailable instead of failing the others.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { attachCatalogs, type AttachOptions } from '../duckdb/attach-catalogs';
import { duckDbStringLiteral } from '../duckdb/duckdb-quote';
import type { CatalogInfo, CatalogProvider, SchemaInfo, TableInfo } from './catalog-provider';

interface Snapshot {
  catalogs: CatalogInfo[];
  schemas: SchemaInfo[];
  tables: TableInfo[];
}

const tableKey = (c: string, s: string, t: string) => JSON.stringify([c, s, t]);

/**
 * Opens the catalogs (name -> absolute path of a DuckDB file or a folder of Parquet/CSV files).
 * Never rejects for a bad path: that catalog is listed with `unavailable` set.
 */
export async function openDuckDbCatalogProvider(
  catalogs: Record<string, string>,
  options: AttachOptions = {},
): Promise<CatalogProvider> {
  // Loaded on first use: commands that never open a catalog (`--version`, `validate --offline`) skip DuckDB's native library.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const snapshot = await readSnapshot(connection, catalogs, options);
    return new DuckDbCatalogProvider(snapshot);
  } finally {
    // The snapshot holds everything: the files need not stay open (nor locked) while the user edits.
    connection.closeSync();
    instance.closeSync();
  }
}

class DuckDbCatalogProvider implements CatalogProvider {
  private readonly byKey = new Map<string, TableInfo>();

  constructor(private readonly snapshot: Snapshot) {
    for (const table of snapshot.tables) this.byKey.set(tableKey(table.catalog, table.schema, table.name), table);
  }

  async listCatalogs(): Promise<CatalogInfo[]> {
    return this.snapshot.catalogs;
  }

  async listSchemas(catalog: string): Promise<SchemaInfo[]> {
    return this.snapshot.schemas.filter((s) => s.catalog === catalog);
  }

  async listTables(catalog: string, schema: string): Promise<TableInfo[]> {
    return this.snapshot.tables.filter((t) => t.catalog === catalog && t.schema === schema);
  }

  async getTable(catalog: string, schema: string, table: string): Promise<TableInfo | undefined> {
    return this.byKey.get(tableKey(catalog, schema, table));
  }

  async dispose(): Promise<void> {
    this.byKey.clear();
  }
}

async function readSnapshot(
  connection: DuckDBConnection,
  paths: Record<string, string>,
  options: AttachOptions,
): Promise<Snapshot> {
  const catalogs: CatalogInfo[] = [];
  for (const [name, path] of Object.entries(paths)) {
    try {
      await attachCatalogs(connection, { [name]: path }, options);
      catalogs.push({ name });
    } catch (error) {
      catalogs.push({ name, unavailable: firstLine(error) });
    }
  }
  const attached = catalogs.filter((c) => !c.unavailable).map((c) => c.name);
  if (attached.length === 0) return { catalogs, schemas: [], tables: [] };
  const inList = `(${attached.map(duckDbStringLiteral).join(', ')})`;
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];

  const schemas = (
    await rows(
      `SELECT database_name, schema_name, comment FROM duckdb_schemas() WHERE database_name IN ${inList}
       AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY 1, 2`,
    )
  ).map((r) => withComment({ catalog: String(r.database_name), name: String(r.schema_name) }, r.comment));

  const tables = new Map<string, TableInfo>();
  const relations = await rows(
    `SELECT database_name, schema_name, table_name AS name, comment, 'table' AS kind FROM duckdb_tables()
       WHERE database_name IN ${inList}
     UNION ALL
     SELECT database_name, schema_name, view_name, comment, 'view' FROM duckdb_views()
       WHERE database_name IN ${inList} AND NOT internal
     ORDER BY 1, 2, 3`,
  );
  for (const r of relations) {
    const table: TableInfo = withComment(
      {
        catalog: String(r.database_name),
        schema: String(r.schema_name),
        name: String(r.name),
        kind: r.kind === 'view' ? 'view' : 'table',
        columns: [],
        primaryKey: [],
      },
      r.comment,
    );
    tables.set(tableKey(table.catalog, table.schema, table.name), table);
  }
  const columns = await rows(
    `SELECT database_name, schema_name, table_name, column_name, data_type, is_nullable, comment
       FROM duckdb_columns() WHERE database_name IN ${inList} ORDER BY database_name, schema_name, table_name, column_index`,
  );
  for (const r of columns) {
    const table = tables.get(tableKey(String(r.database_name), String(r.schema_name), String(r.table_name)));
    table?.columns.push(
      withComment({ name: String(r.column_name), type: String(r.data_type), nullable: r.is_nullable !== false }, r.comment),
    );
  }
  const keys = await rows(
    `SELECT database_name, schema_name, table_name, constraint_column_names FROM duckdb_constraints()
       WHERE database_name IN ${inList} AND constraint_type = 'PRIMARY KEY'`,
  );
  for (const r of keys) {
    const table = tables.get(tableKey(String(r.database_name), String(r.schema_name), String(r.table_name)));
    if (table && Array.isArray(r.constraint_column_names)) table.primaryKey = r.constraint_column_names.map(String);
  }
  return { catalogs, schemas, tables: [...tables.values()] };
}

function withComment<T extends object>(value: T, comment: unknown): T & { comment?: string } {
  return typeof comment === 'string' && comment !== '' ? { ...value, comment } : value;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
