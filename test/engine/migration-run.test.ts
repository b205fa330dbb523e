/**
 * A legacy DuckDB table against its migrated copy in a folder catalog (a CSV and a Parquet file, written the way
 * a migration writes them: columns in another order, DECIMAL read back as DOUBLE, integers widened, timestamps
 * with a time zone), run by the built CLI: the run reads both tables' columns and compares by name and value.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { stringify } from 'yaml';
import { ensureBuilt } from '../unit/cli-run-helpers';

const CLI = join(process.cwd(), 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const checks = {
  primary_keys: ['order_id'],
  count_tolerance: 0,
  pk_row_hash_check: true,
  agg_validations: [
    { column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
    { column: 'qty', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MIN', tolerance: 0 }] },
    { column: 'placed_at', validations: [{ agg: 'MIN', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
  ],
};

const side = (table: string) => ({ source_catalog: 'legacy', source_schema: 'sales', source_table: 'orders', target_catalog: 'lake', target_schema: 'sales', target_table: table });

describe('a migrated copy run by the CLI', () => {
  let dir: string;
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datapact-migration-'));
    mkdirSync(join(dir, 'lake', 'sales'), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`ATTACH '${join(dir, 'legacy.duckdb')}' AS legacy`);
    await c.run('CREATE SCHEMA legacy.sales');
    await c.run(`CREATE TABLE legacy.sales.orders AS SELECT i::INTEGER AS order_id, CAST(i * 1.25 - 300 AS DECIMAL(12, 2)) AS amount,
      (i % 7 - 3)::INTEGER AS qty, TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL 1 HOUR + i * INTERVAL 1 MICROSECOND AS placed_at,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i END AS note FROM range(1, 401) t(i)`);
    // The copies: columns reordered, amount as DOUBLE, qty widened, placed_at as an instant.
    const copy = `SELECT note, placed_at::TIMESTAMPTZ AS placed_at, CAST(amount AS DOUBLE) AS amount, qty::BIGINT AS qty, order_id::BIGINT AS order_id FROM legacy.sales.orders`;
    await c.run(`SET TimeZone = 'UTC'`);
    await c.run(`COPY (${copy}) TO '${join(dir, 'lake', 'sales', 'orders_parquet.parquet')}' (FORMAT parquet)`);
    await c.run(`COPY (${copy}) TO '${join(dir, 'lake', 'sales', 'orders_csv.csv')}' (HEADER)`);
    await c.run(`COPY (SELECT * REPLACE (CASE WHEN order_id = 17 THEN amount + 0.01 ELSE amount END AS amount) FROM (${copy})) TO '${join(dir, 'lake', 'sales', 'orders_changed.parquet')}' (FORMAT parquet)`);
    await c.run('DETACH legacy');
    c.disconnectSync();
    instance.closeSync();
    writeFileSync(
      join(dir, 'migration.pact.yml'),
      stringify({
        engine: { type: 'duckdb', results: 'out/history.duckdb', catalogs: { legacy: 'legacy.duckdb', lake: 'lake' } },
        validations: [
          { task_key: 'parquet_copy', ...side('orders_parquet'), ...checks },
          { task_key: 'csv_copy', ...side('orders_csv'), ...checks },
          { task_key: 'changed_copy', ...side('orders_changed'), ...checks },
        ],
      }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the faithful copies and finds the one changed amount, by key', () => {
    const r = cli(['run', 'migration.pact.yml', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as { tasks: { task_key: string; status: string; payload: Record<string, Record<string, unknown>> }[] };
    const byKey = Object.fromEntries(report.tasks.map((t) => [t.task_key, t]));
    assert.equal(byKey.parquet_copy!.status, 'SUCCESS', JSON.stringify(byKey.parquet_copy!.payload));
    assert.equal(byKey.csv_copy!.status, 'SUCCESS', JSON.stringify(byKey.csv_copy!.payload));
    const changed = byKey.changed_copy!;
    assert.equal(changed.status, 'FAILURE');
    assert.equal(changed.payload.row_hash_validation!.mismatch_count, 1);
    assert.deepEqual(changed.payload.row_hash_validation!.samples, { mismatched: [{ order_id: 17 }], missing_in_target: [], missing_in_source: [] });
    assert.equal(changed.payload.agg_validation_amount_SUM!.status, 'FAIL');
    assert.equal(changed.payload.agg_validation_qty_SUM!.status, 'PASS');
    assert.equal(r.code, 1, r.stderr);
  });

  it('`datapact sql` says that its SQL was compiled without the tables\' column lists', () => {
    const r = cli(['sql', 'migration.pact.yml', '--task', 'csv_copy'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-- note: compiled without the tables' column lists, so the row hash compares columns by position/m);
  });
});
