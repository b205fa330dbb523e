/**
 * Benchmark tables: `src` and `tgt` of N rows in bench/.data/bench-<N>.duckdb (git-ignored), deterministic
 * (hash of the row number), `tgt` with a few changed, missing and null-ed rows so every check has work to do.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const VERSION = 'bench-data-1';

export const BENCH_COLUMNS = ['id', 'customer_id', 'created_at', 'status', 'region', 'amount', 'qty', 'note'];

export async function ensureBenchData(folder: string, rows: number): Promise<{ path: string; built: boolean }> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `bench-${rows}.duckdb`);
  if (existsSync(path) && (await versionOf(path)) === VERSION) return { path, built: false };
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(`CREATE TABLE src AS
    SELECT i AS id,
           CAST(hash(i, 'c') % 1000000 AS BIGINT) AS customer_id,
           TIMESTAMP '2020-01-01' + to_seconds(CAST(hash(i, 't') % 150000000 AS BIGINT)) AS created_at,
           ['NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED'][1 + CAST(hash(i, 's') % 5 AS BIGINT)] AS status,
           ['EMEA', 'AMER', 'APAC'][1 + CAST(hash(i, 'r') % 3 AS BIGINT)] AS region,
           CAST((hash(i, 'a') % 1000000) / 100.0 AS DECIMAL(12, 2)) AS amount,
           CAST(hash(i, 'q') % 20 AS INTEGER) AS qty,
           CASE WHEN hash(i, 'n') % 10 = 0 THEN NULL ELSE 'note ' || (hash(i, 'n') % 1000) END AS note
    FROM range(1, ${rows + 1}) AS t(i)`);
  await c.run(`CREATE TABLE tgt AS
    SELECT id, customer_id, created_at, status, region,
           CASE WHEN id % 1000 = 7 THEN amount + 1 ELSE amount END AS amount,
           qty,
           CASE WHEN id % 500 = 3 THEN NULL ELSE note END AS note
    FROM src WHERE id % 2000 <> 11`);
  await c.run(`CREATE TABLE bench_version AS SELECT '${VERSION}' AS version`);
  c.disconnectSync();
  instance.closeSync();
  return { path, built: true };
}

async function versionOf(path: string): Promise<string | undefined> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  try {
    const rows = (await c.runAndReadAll('SELECT version FROM bench_version')).getRowObjectsJson();
    return rows[0]?.version as string | undefined;
  } catch {
    return undefined;
  } finally {
    c.disconnectSync();
    instance.closeSync();
  }
}
