/**
 * Real data for engine tests, built per test in a temp dir: a DuckDB file catalog (`shop.duckdb`, schema `sales`)
 * and a folder catalog (`lake/sales/orders.parquet`, `lake/sales/customers.csv`) with the same data, except that
 * the folder's customers lost one row.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Pact, Task } from '../../core/src/index';

/** A filter whose subquery scans a generated range for hours: only an interrupt (or a kill) ends its task. */
export const ENDLESS_FILTER = '(SELECT count(*) FROM range(1000000000000) t(i) WHERE hash(i) % 7 = 1) >= 0';
/** A filter that costs real work (about a second here): a task with it takes measurable time. */
export const SLOW_FILTER = '(SELECT count(*) FROM range(20000000) t(i) WHERE hash(i) % 7 = 1) >= 0';

export interface EngineFixture {
  dir: string;
  shopFile: string;
  lakeFolder: string;
  resultsFile: string;
  cleanup(): void;
}

export async function buildFixture(): Promise<EngineFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-engine-'));
  const shopFile = join(dir, 'shop.duckdb');
  const lakeFolder = join(dir, 'lake');
  mkdirSync(join(lakeFolder, 'sales'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`ATTACH '${shopFile}' AS shop`);
  await c.run('CREATE SCHEMA shop.sales');
  await c.run(`CREATE TABLE shop.sales.orders AS
    SELECT i AS order_id, 'c' || (i % 50) AS customer, CAST(i * 1.5 AS DECIMAL(10, 2)) AS amount FROM range(1, 1001) t(i)`);
  await c.run(`CREATE TABLE shop.sales.customers AS SELECT i AS customer_id, 'name ' || i AS name FROM range(1, 101) t(i)`);
  await c.run(`COPY shop.sales.orders TO '${join(lakeFolder, 'sales', 'orders.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT * FROM shop.sales.customers WHERE customer_id <> 42) TO '${join(lakeFolder, 'sales', 'customers.csv')}' (HEADER)`);
  await c.run('DETACH shop');
  c.disconnectSync();
  instance.closeSync();
  return {
    dir,
    shopFile,
    lakeFolder,
    resultsFile: join(dir, 'out', 'history.duckdb'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function task(key: string, table: string, extra: Partial<Task> = {}): Task {
  return {
    task_key: key,
    source_catalog: 'shop',
    source_schema: 'sales',
    source_table: table,
    target_catalog: 'lake',
    target_schema: 'sales',
    target_table: table,
    ...extra,
  };
}

export function pactOf(fx: EngineFixture, tasks: Task[]): Pact {
  return { engine: { type: 'duckdb', catalogs: { shop: fx.shopFile, lake: fx.lakeFolder }, results: fx.resultsFile }, validations: tasks };
}

/** Runs `sql` on the results file, read-only, and returns plain rows. */
export async function queryResults(fx: EngineFixture, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH '${fx.resultsFile}' AS r (READ_ONLY)`);
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.disconnectSync();
    instance.closeSync();
  }
}
