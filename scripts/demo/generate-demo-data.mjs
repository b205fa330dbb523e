// Builds the demo data set: demo-data/legacy.duckdb (the source system) and demo-data/lakehouse.duckdb (the
// migrated copy), with deliberate corruptions in the copy. Deterministic: every value is a function of the row
// number (DuckDB hash()), so the demo's outcomes never change between runs or machines of the same DuckDB version.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Bump when the data or the corruptions change: existing files are then rebuilt. */
export const DEMO_DATA_VERSION = '2';

const SOURCE_TABLES = `
CREATE SCHEMA src.erp; CREATE SCHEMA src.crm; CREATE SCHEMA src.sales;

CREATE TABLE src.erp.products AS
SELECT i AS product_id,
       'SKU-' || lpad(CAST(i AS VARCHAR), 6, '0') AS sku,
       'Product ' || i AS name,
       ['Hardware', 'Software', 'Services', 'Accessories', 'Training'][1 + CAST(hash(i, 'cat') % 5 AS BIGINT)] AS category,
       CAST(1 + (CAST(hash(i, 'price') % 50000 AS BIGINT)) / 100.0 AS DECIMAL(10, 2)) AS unit_price,
       CAST(hash(i, 'active') % 10 AS BIGINT) <> 0 AS active
FROM range(1, 10001) AS t(i);

CREATE TABLE src.crm.customers AS
SELECT i AS customer_id,
       'customer' || i || '@example.com' AS email,
       'Customer ' || i AS full_name,
       CASE WHEN CAST(hash(i, 'phone') % 20 AS BIGINT) = 0 THEN NULL ELSE '+1-555-' || lpad(CAST(CAST(hash(i, 'ph') % 10000000 AS BIGINT) AS VARCHAR), 7, '0') END AS phone,
       ['US', 'DE', 'FR', 'GB', 'JP', 'BR', 'IN'][1 + CAST(hash(i, 'country') % 7 AS BIGINT)] AS country,
       DATE '2015-01-01' + CAST(CAST(hash(i, 'signup') % 3650 AS BIGINT) AS INTEGER) AS signup_date,
       CAST(CAST(hash(i, 'points') % 5000 AS BIGINT) AS INTEGER) AS loyalty_points
FROM range(1, 100001) AS t(i);

CREATE TABLE src.sales.orders AS
SELECT i AS order_id,
       1 + CAST(hash(i, 'cust') % 100000 AS BIGINT) AS customer_id,
       DATE '2021-01-01' + CAST(CAST(hash(i, 'date') % 1460 AS BIGINT) AS INTEGER) AS order_date,
       ['NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED'][1 + CAST(hash(i, 'status') % 5 AS BIGINT)] AS status,
       ['EMEA', 'AMER', 'APAC'][1 + CAST(hash(i, 'region') % 3 AS BIGINT)] AS region,
       CAST((CAST(hash(i, 'amount') % 500000 AS BIGINT)) / 100.0 AS DECIMAL(12, 2)) AS amount
FROM range(1, 1000001) AS t(i);

CREATE TABLE src.sales.order_items AS
SELECT o AS order_id, l AS line_no,
       1 + CAST(hash(o, l, 'prod') % 10000 AS BIGINT) AS product_id,
       CAST(1 + CAST(hash(o, l, 'qty') % 9 AS BIGINT) AS INTEGER) AS quantity
FROM range(1, 200001) AS a(o), range(1, 3) AS b(l);
`;

// The lakehouse copy, corrupted on purpose. Old orders (before 2024) carry every defect, so a pact filtered on
// recent orders passes while the full table fails.
const TARGET_TABLES = `
CREATE SCHEMA dst.erp; CREATE SCHEMA dst.crm; CREATE SCHEMA dst.sales;

-- A perfect copy.
CREATE TABLE dst.erp.products AS SELECT * FROM src.erp.products;

-- Changed e-mails (0.5% of rows) and phone numbers lost in the migration (every 25th customer).
CREATE TABLE dst.crm.customers AS
SELECT customer_id,
       CASE WHEN customer_id % 200 = 7 THEN upper(email) ELSE email END AS email,
       full_name,
       CASE WHEN customer_id % 25 = 3 THEN NULL ELSE phone END AS phone,
       country, signup_date, loyalty_points
FROM src.crm.customers;

-- Deleted rows (every 250th old order) and changed amounts (every 400th old order).
CREATE TABLE dst.sales.orders AS
SELECT order_id, customer_id, order_date, status, region,
       CASE WHEN order_date < DATE '2024-01-01' AND order_id % 400 = 11 THEN CAST(amount * 1.1 AS DECIMAL(12, 2)) ELSE amount END AS amount
FROM src.sales.orders
WHERE NOT (order_date < DATE '2024-01-01' AND order_id % 250 = 5);

-- Lines loaded twice (every 500th order).
CREATE TABLE dst.sales.order_items AS
SELECT * FROM src.sales.order_items
UNION ALL
SELECT * FROM src.sales.order_items WHERE order_id % 500 = 0;
`;

/**
 * @param {string} folder the demo-data folder
 * @returns {Promise<boolean>} true when the files were (re)built, false when they were already current
 */
export async function ensureDemoData(folder) {
  const marker = join(folder, 'VERSION');
  const source = join(folder, 'legacy.duckdb');
  const target = join(folder, 'lakehouse.duckdb');
  const current =
    existsSync(marker) && readFileSync(marker, 'utf8').trim() === DEMO_DATA_VERSION && existsSync(source) && existsSync(target);
  if (current) return false;
  mkdirSync(folder, { recursive: true });
  rmSync(marker, { force: true });
  for (const file of [source, target, join(folder, 'history.duckdb')]) {
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
  }
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH '${source.replace(/'/g, "''")}' AS src`);
    await connection.run(`ATTACH '${target.replace(/'/g, "''")}' AS dst`);
    await connection.run(SOURCE_TABLES);
    await connection.run(TARGET_TABLES);
    await connection.run('DETACH src');
    await connection.run('DETACH dst');
  } finally {
    connection.disconnectSync();
    instance.closeSync();
  }
  // Written last: an interrupted build leaves no marker and is redone next time.
  writeFileSync(marker, `${DEMO_DATA_VERSION}\n`);
  return true;
}
