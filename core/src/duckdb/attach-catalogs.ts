/**
 * Makes the catalogs of a pact's `engine` block visible to a DuckDB instance, under their pact names:
 * a DuckDB file is attached read-only; a folder becomes an in-memory catalog whose subfolders are schemas and
 * whose *.parquet / *.csv files are views (so `lake.sales.orders` reads `lake/sales/orders.parquet`). Files at the
 * folder's top level land in schema `main`; a subfolder of Parquet files inside a schema folder is one table
 * (a partitioned data set, read with hive partitioning).
 *
 * ATTACH is instance-wide in DuckDB, so attaching on one connection serves every connection of the instance.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineConfigError } from '../engine/engine-errors';
import { oneLineEngineMessage } from '../engine/engine-message';
import { quoteDuckDbIdentifier, duckDbStringLiteral } from './duckdb-quote';

export class CatalogConfigError extends EngineConfigError {}

const TABLE_READERS: Record<string, string> = {
  '.parquet': 'read_parquet',
  '.csv': 'read_csv_auto',
  '.tsv': 'read_csv_auto',
};

export async function attachCatalogs(connection: DuckDBConnection, catalogs: Record<string, string>): Promise<void> {
  for (const [name, path] of Object.entries(catalogs)) {
    if (!existsSync(path)) {
      throw new CatalogConfigError(`catalog "${name}": ${path} does not exist`);
    }
    try {
      if (statSync(path).isDirectory()) {
        await attachFolder(connection, name, path);
      } else {
        await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${quoteDuckDbIdentifier(name)} (READ_ONLY)`);
      }
    } catch (error) {
      if (error instanceof CatalogConfigError) throw error;
      throw new CatalogConfigError(`catalog "${name}" (${path}): ${oneLineEngineMessage(error)}`);
    }
  }
}

async function attachFolder(connection: DuckDBConnection, name: string, folder: string): Promise<void> {
  const catalog = quoteDuckDbIdentifier(name);
  await connection.run(`ATTACH ':memory:' AS ${catalog}`);
  await createViews(connection, `${catalog}."main"`, folder, false);
  for (const schemaName of readdirSync(folder).sort()) {
    const schemaPath = join(folder, schemaName);
    if (schemaName.startsWith('.') || !statSync(schemaPath).isDirectory()) continue;
    const schema = `${catalog}.${quoteDuckDbIdentifier(schemaName)}`;
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await createViews(connection, schema, schemaPath, true);
  }
}

/** One view per data file in `folder`; with `tableFolders`, also one per subfolder holding Parquet files. */
async function createViews(connection: DuckDBConnection, schema: string, folder: string, tableFolders: boolean) {
  for (const entry of readdirSync(folder).sort()) {
    if (entry.startsWith('.')) continue;
    const entryPath = join(folder, entry);
    let source: string | undefined;
    let tableName = entry;
    if (statSync(entryPath).isDirectory()) {
      if (tableFolders && containsParquet(entryPath)) {
        const glob = duckDbStringLiteral(join(entryPath, '**', '*.parquet'));
        source = `read_parquet(${glob}, hive_partitioning = true)`;
      }
    } else {
      const reader = TABLE_READERS[extname(entry).toLowerCase()];
      if (reader) {
        source = `${reader}(${duckDbStringLiteral(entryPath)})`;
        tableName = basename(entry, extname(entry));
      }
    }
    if (!source) continue;
    await connection.run(`CREATE OR REPLACE VIEW ${schema}.${quoteDuckDbIdentifier(tableName)} AS SELECT * FROM ${source}`);
  }
}

function containsParquet(folder: string): boolean {
  return readdirSync(folder).some((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? containsParquet(path) : extname(entry).toLowerCase() === '.parquet';
  });
}
