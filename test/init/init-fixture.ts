/**
 * Two DuckDB schemas for `datapact init`, built per suite in a temp dir: `src.duckdb` and `tgt.duckdb`, schema
 * `sales`, with and without declared keys, and known differences:
 *  - orders (PK order_id declared; region NOT NULL; amount DECIMAL): one amount changed in the target.
 *  - lines (PK (order_id, line_no) declared on the TARGET only; qty INTEGER): equal.
 *  - customers (no key; customer_id unique): equal.
 *  - visits (no key; neither column unique, the pair (day, person) is): equal.
 *  - events (no key, duplicate rows, no unique column or pair): one row missing in the target.
 *  - audit only in the source, tmp_copy only in the target.
 * A folder catalog `lake/sales/orders.parquet` holds a copy of the source's orders.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface InitFixture {
  dir: string;
  cleanup(): void;
}

export async function buildInitFixture(): Promise<InitFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-init-'));
  mkdirSync(join(dir, 'lake', 'sales'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  for (const db of ['src', 'tgt']) {
    await c.run(`ATTACH '${join(dir, `${db}.duckdb`)}' AS ${db}`);
    await c.run(`CREATE SCHEMA ${db}.sales`);
    await c.run(`CREATE TABLE ${db}.sales.orders (order_id INTEGER PRIMARY KEY, region VARCHAR NOT NULL, amount DECIMAL(10, 2), customer_id INTEGER)`);
    await c.run(`INSERT INTO ${db}.sales.orders SELECT i, 'r' || (i % 3), i * 1.5, i % 7 FROM range(1, 101) t(i)`);
    const linesKey = db === 'tgt' ? ', PRIMARY KEY (order_id, line_no)' : '';
    await c.run(`CREATE TABLE ${db}.sales.lines (order_id INTEGER, line_no INTEGER, sku VARCHAR, qty INTEGER${linesKey})`);
    await c.run(`INSERT INTO ${db}.sales.lines SELECT i // 3, i % 3, 'sku' || i, i FROM range(0, 60) t(i)`);
    await c.run(`CREATE TABLE ${db}.sales.customers (customer_id INTEGER, name VARCHAR, score DOUBLE)`);
    await c.run(`INSERT INTO ${db}.sales.customers SELECT i, 'name ' || (i % 10), i / 3 FROM range(1, 51) t(i)`);
    await c.run(`CREATE TABLE ${db}.sales.visits (day DATE, person VARCHAR)`);
    await c.run(`INSERT INTO ${db}.sales.visits SELECT DATE '2026-01-01' + CAST(i % 5 AS INTEGER), 'p' || (i // 5) FROM range(0, 20) t(i)`);
    await c.run(`CREATE TABLE ${db}.sales.events (kind VARCHAR, amount_cents BIGINT)`);
    await c.run(`INSERT INTO ${db}.sales.events VALUES ('a', 1), ('a', 1), ('b', 2)${db === 'src' ? ", ('c', 3)" : ''}`);
  }
  await c.run('UPDATE tgt.sales.orders SET amount = amount + 1 WHERE order_id = 5');
  await c.run('CREATE TABLE src.sales.audit (x INTEGER)');
  await c.run('CREATE TABLE tgt.sales.tmp_copy (x INTEGER)');
  await c.run(`COPY src.sales.orders TO '${join(dir, 'lake', 'sales', 'orders.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  instance.closeSync();
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
