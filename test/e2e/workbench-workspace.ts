/**
 * The folder the workbench tests open (integration suite in the extension host, e2e journeys): a shop copied
 * into a target that lost its last two customers, a pact whose `orders_match` passes and whose `customers_match`
 * fails its count and row-hash checks (sample keys customer_id=9 and 10 missing in target), a pact with one
 * deliberately slow task (a custom SQL test hashing `slowRows` numbers per order) to watch and cancel a run, and a
 * pact whose `gated_orders` task cannot end before the test opens its gate: its custom SQL reads two named pipes
 * (one per side), so DuckDB waits inside the query until `openGate()` feeds them. A run of it is in flight for
 * exactly as long as the test needs, however fast the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { feedGate } from './gate-feed';

export interface WorkbenchWorkspace {
  dir: string;
  shopPact: string;
  slowPact: string;
  /** `gated.pact.yml`: its `gated_orders` task waits for `openGate()`. */
  gatedPact: string;
  /** Lets every run of the gated pact go on (now and until the returned gate is closed). */
  openGate(): { close(): void };
  /** Opens the gate briefly (no run is left waiting on it), then removes the folders. */
  cleanup(): Promise<void>;
}

const SIDES = `    source_catalog: src
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

export const SHOP_PACT = `${ENGINE}
validations:
  - task_key: orders_match
${SIDES}    source_table: orders
    target_table: orders
    primary_keys: [order_id]
    count_tolerance: 0
    pk_row_hash_check: true
  - task_key: customers_match
${SIDES}    source_table: customers
    target_table: customers
    primary_keys: [customer_id]
    count_tolerance: 0
    pk_row_hash_check: true
`;

export function slowPact(slowRows: number): string {
  return `${ENGINE}
validations:
  - task_key: quick_orders
${SIDES}    source_table: orders
    target_table: orders
    count_tolerance: 0
  - task_key: slow_orders
${SIDES}    source_table: orders
    target_table: orders
    count_tolerance: 0
    custom_sql_tests:
      - name: heavy
        sql: SELECT count(*) AS n FROM {{ table_fqn }} o, range(${slowRows}) r(i) WHERE md5(CAST(i + o.order_id AS VARCHAR)) < '8'
`;
}

/**
 * A pact whose `gated_orders` task reads `<gatePrefix>-source` / `-target` (named pipes) as its custom SQL. A slow
 * reader may take the feeder's line twice (the feeder writes again while the reader has not yet seen the end), so the
 * query counts the distinct value '1', which is 1 however many copies one side read: the task passes on both sides.
 */
export function gatedPact(gatePrefix: string): string {
  return `${ENGINE}
validations:
  - task_key: quick_orders
${SIDES}    source_table: orders
    target_table: orders
    count_tolerance: 0
  - task_key: gated_orders
${SIDES}    source_table: orders
    target_table: orders
    count_tolerance: 0
    custom_sql_tests:
      - name: gate
        sql: SELECT count(DISTINCT CAST(n AS VARCHAR)) FILTER (WHERE CAST(n AS VARCHAR) = '1') AS n FROM read_csv('${gatePrefix}-{{ rendered_role }}')
`;
}

export async function createWorkbenchWorkspace(options: { slowRows?: number } = {}): Promise<WorkbenchWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-workbench-ws-'));
  mkdirSync(join(dir, 'data'));
  await writeShop(join(dir, 'data', 'source.duckdb'), 0);
  await writeShop(join(dir, 'data', 'target.duckdb'), 2);
  writeFileSync(join(dir, 'shop.pact.yml'), SHOP_PACT);
  writeFileSync(join(dir, 'slow.pact.yml'), slowPact(options.slowRows ?? 300_000));
  // The pipes live outside the workspace folder: nothing but the gated task's query ever opens them.
  const gates = mkdtempSync(join(tmpdir(), 'datapact-gates-'));
  const gatePrefix = join(gates, 'gate');
  for (const side of ['source', 'target']) {
    const made = spawnSync('mkfifo', [`${gatePrefix}-${side}`], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr || made.error?.message}`);
  }
  writeFileSync(join(dir, 'gated.pact.yml'), gatedPact(gatePrefix));
  return {
    dir, shopPact: 'shop.pact.yml', slowPact: 'slow.pact.yml', gatedPact: 'gated.pact.yml',
    openGate: () => feedGate(gatePrefix),
    cleanup: async () => {
      const gate = feedGate(gatePrefix);
      await new Promise((resolve) => setTimeout(resolve, 500));
      gate.close();
      // A run let through just now may still be writing its last files: retry while the folder changes.
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
      rmSync(gates, { recursive: true, force: true });
    },
  };
}

/** Schema `shop`: 20 orders and 10 customers, less the last `missingCustomers` customers. */
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
