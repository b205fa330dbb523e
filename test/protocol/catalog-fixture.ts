/**
 * Real DuckDB catalogs for server tests, built in a temp folder: `wh.duckdb` (tables with declared primary keys
 * and comments) and `lake/` (a folder catalog: schema `sales` with a Parquet and a CSV file).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface CatalogFixture {
  dir: string;
  warehouse: string;
  lake: string;
}

export async function buildCatalogs(): Promise<CatalogFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-lsp-'));
  const warehouse = join(dir, 'wh.duckdb');
  const lake = join(dir, 'lake');
  mkdirSync(join(lake, 'sales'), { recursive: true });
  const instance = await DuckDBInstance.create(warehouse);
  const connection = await instance.connect();
  const sql = (s: string) => connection.run(s);
  await sql(`CREATE TABLE orders (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, amount DECIMAL(10,2), status VARCHAR)`);
  await sql(`COMMENT ON TABLE orders IS 'All orders'`);
  await sql(`COMMENT ON COLUMN orders.name IS 'Customer name'`);
  await sql(`CREATE TABLE order_lines (order_id INTEGER, line_no INTEGER, qty INTEGER, PRIMARY KEY (order_id, line_no))`);
  await sql(`INSERT INTO orders VALUES (1, 'a', 2.50, 'open')`);
  const parquet = join(lake, 'sales', 'orders.parquet').replace(/'/g, "''");
  await sql(`COPY (SELECT 1 AS id, 'a' AS name, 2.5::DOUBLE AS amount, 'open' AS state) TO '${parquet}' (FORMAT parquet)`);
  const csv = join(lake, 'sales', 'customers.csv').replace(/'/g, "''");
  await sql(`COPY (SELECT 1 AS customer_id, 'x' AS email) TO '${csv}' (HEADER)`);
  connection.closeSync();
  instance.closeSync();
  return { dir, warehouse, lake };
}
