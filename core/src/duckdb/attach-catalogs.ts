/**
 * Makes the catalogs of a pact's `engine` block visible to one DuckDB connection, under their pact names:
 * a DuckDB file is attached read-only; a folder becomes an in-memory catalog whose subfolders are schemas
 * and whose *.parquet / *.csv files are views (so `lake.sales.orders` reads `lake/sales/orders.parquet`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteDuckDbIdentifier, duckDbStringLiteral } from './duckdb-quote';

export class CatalogConfigError extends Error {}

const TABLE_READERS: Record<string, string> = {
  '.parquet': 'read_parquet',
  '.csv': 'read_csv_auto',
};

export async function attachCatalogs(connection: DuckDBConnection, catalogs: Record<string, string>): Promise<void> {
  for (const [name, path] of Object.entries(catalogs)) {
    if (!existsSync(path)) {
      throw new CatalogConfigError(`catalog "${name}": ${path} does not exist`);
    }
    if (statSync(path).isDirectory()) {
      await attachFolder(connection, name, path);
    } else {
      await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${quoteDuckDbIdentifier(name)} (READ_ONLY)`);
    }
  }
}

async function attachFolder(connection: DuckDBConnection, name: string, folder: string): Promise<void> {
  const catalog = quoteDuckDbIdentifier(name);
  await connection.run(`ATTACH ':memory:' AS ${catalog}`);
  for (const schemaName of readdirSync(folder).sort()) {
    const schemaPath = join(folder, schemaName);
    if (!statSync(schemaPath).isDirectory()) continue;
    const schema = `${catalog}.${quoteDuckDbIdentifier(schemaName)}`;
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const file of readdirSync(schemaPath).sort()) {
      const reader = TABLE_READERS[extname(file).toLowerCase()];
      if (!reader) continue;
      const table = quoteDuckDbIdentifier(basename(file, extname(file)));
      const filePath = duckDbStringLiteral(join(schemaPath, file));
      await connection.run(`CREATE VIEW ${schema}.${table} AS SELECT * FROM ${reader}(${filePath})`);
    }
  }
}
