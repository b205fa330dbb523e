/**
 * The folder code-server opens in the end-to-end tests: two tiny DuckDB files (a source shop and its copy, whose
 * customers lost two rows), a pact whose `orders_match` task passes and whose `customers_match` task fails, and
 * a pact with an out-of-range tolerance for the diagnostics journey.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** A temp workspace folder and the names of the files the journeys open. */
export interface PactWorkspace {
  dir: string;
  /** Runs on DuckDB: 1 task passes, 1 fails. */
  runnablePact: string;
  /** `count_tolerance: 1.5`, nothing else wrong. */
  brokenPact: string;
  cleanup(): void;
}

export const BROKEN_TOLERANCE_MESSAGE = 'count_tolerance must be between 0 and 1, got 1.5';

const TASK_HEAD = `    source_catalog: src
    source_schema: shop
    target_catalog: tgt
    target_schema: shop
`;

const ENGINE = `version: "1"
engine:
  type: duckdb
  catalogs:
    src: data/source.duckdb
    tgt: data/target.duckdb
  results: .datapact/history.duckdb
`;

export const RUNNABLE_PACT = `${ENGINE}
validations:
  - task_key: orders_match
${TASK_HEAD}    source_table: orders
    target_table: orders
    primary_keys: [order_id]
    count_tolerance: 0
    pk_row_hash_check: true
  - task_key: customers_match
${TASK_HEAD}    source_table: customers
    target_table: customers
    primary_keys: [customer_id]
    count_tolerance: 0
`;

export const BROKEN_PACT = `${ENGINE}
validations:
  - task_key: orders_loose
${TASK_HEAD}    source_table: orders
    target_table: orders
    count_tolerance: 1.5
`;

export async function createPactWorkspace(): Promise<PactWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-e2e-ws-'));
  mkdirSync(join(dir, 'data'));
  await writeShop(join(dir, 'data', 'source.duckdb'), 0);
  await writeShop(join(dir, 'data', 'target.duckdb'), 2);
  writeFileSync(join(dir, 'shop.pact.yml'), RUNNABLE_PACT);
  writeFileSync(join(dir, 'broken.pact.yml'), BROKEN_PACT);
  return {
    dir,
    runnablePact: 'shop.pact.yml',
    brokenPact: 'broken.pact.yml',
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes schema `shop` with 20 orders and 10 customers, less the last `missingCustomers` customers. */
async function writeShop(file: string, missingCustomers: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run('CREATE SCHEMA shop');
    await connection.run(`CREATE TABLE shop.orders AS
      SELECT i AS order_id, 'c' || (i % 10) AS customer, CAST(i * 2.5 AS DECIMAL(10, 2)) AS amount FROM range(1, 21) t(i)`);
    await connection.run(`CREATE TABLE shop.customers AS
      SELECT i AS customer_id, 'name ' || i AS name FROM range(1, ${11 - missingCustomers}) t(i)`);
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
}
