/**
 * The DuckDB init source: an in-memory DuckDB with the `--duckdb NAME=PATH` catalogs attached as a pact's
 * `engine.catalogs` are (files read-only, folders as views). DuckDB has one information_schema for every attached
 * catalog, so each view is filtered by `table_catalog` (read-schema.ts always does).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { getDialect } from '../../dialects/registry';
import { attachCatalogs } from '../../duckdb/attach-catalogs';
import type { InformationSchemaView, InitSource, SourceRow } from '../../init/init-source';

/** @param catalogs catalog name -> absolute path of a DuckDB file or a folder of Parquet/CSV files */
export async function openDuckDbInitSource(catalogs: Record<string, string>): Promise<InitSource> {
  // Loaded on use: core's barrel also goes into the editor, which must start without the native module.
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:');
  const connection = await instance.connect();
  try {
    await attachCatalogs(connection, catalogs);
  } catch (error) {
    close(connection, instance);
    throw error;
  }
  const dialect = getDialect('duckdb');
  return {
    dialect,
    informationSchemaView: (_catalog: string, view: InformationSchemaView) =>
      `${dialect.quoteIdentifier('information_schema')}.${dialect.quoteIdentifier(view)}`,
    async query(sql: string): Promise<SourceRow[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as SourceRow[];
    },
    async dispose() {
      close(connection, instance);
    },
  };
}

function close(connection: DuckDBConnection, instance: DuckDBInstance): void {
  connection.closeSync();
  instance.closeSync();
}
