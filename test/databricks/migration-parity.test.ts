/**
 * Issue 8 on both dialects: a legacy table against its migrated copy (columns reordered and re-cased, integers
 * widened, DECIMAL → DOUBLE, TIMESTAMP → TIMESTAMPTZ, nested values with widened elements) gives the same verdicts
 * and numbers on DuckDB and on Databricks (the workspace emulator executes the Databricks SQL: a direct run and a
 * job run, each reading the tables' columns from information_schema), and the canonical row hash of the same row is
 * the same md5 on both dialects.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { getDialect, getEnginePlugin, resolveEngineConfig, type EngineRunResult, type Pact, type Task, type TaskColumns } from '../../core/src/index';
import type { CheckContext } from '../../core/src/sql/check-plan';
import { canonicalRowHash, rowHashColumns } from '../../core/src/sql/checks/row-hash-columns';
import { columnsQuery } from '../../core/src/engines/databricks/task-columns';
import { startEmulator, type Emulator } from '../emulator';

function task(key: string, target: string, extra: Partial<Task>): Task {
  return { task_key: key, source_catalog: 'shop', source_schema: 'sales', source_table: 'orders', target_catalog: 'lake', target_schema: 'sales', target_table: target, ...extra };
}

const CHECKS: Partial<Task> = {
  primary_keys: ['id'],
  count_tolerance: 0,
  pk_row_hash_check: true,
  null_validation_columns: ['note', 'amount'],
  null_validation_tolerance: 0,
  agg_validations: [
    { column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'AVG', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
    { column: 'big', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MIN', tolerance: 0 }] },
    { column: 'qty', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MIN', tolerance: 0 }] },
    { column: 'placed_at', validations: [{ agg: 'MIN', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
    { column: 'code', validations: [{ agg: 'MAX', tolerance: 0 }] },
    { column: 'wide', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'AVG', tolerance: 0 }] },
  ],
};

const TASKS: Task[] = [
  task('migrated', 'orders', CHECKS),
  task('changed', 'orders_changed', CHECKS),
  task('empty', 'orders', { ...CHECKS, filter: 'id < 0' }),
  task('empty_allowed', 'orders', { ...CHECKS, filter: 'id < 0', allow_empty: true }),
  task('drift', 'orders_drift', { ...CHECKS, exclude_columns: ['loaded_at'] }),
  // Every column: TIMESTAMP vs TIMESTAMPTZ is timestamp_ntz vs timestamp on Databricks, a type mismatch on both.
  task('strict', 'orders', { primary_keys: ['id'], pk_row_hash_check: true, compare: 'strict' }),
  // The legacy placed_at holds Paris wall clocks; this copy the instants they name.
  task('paris', 'orders_paris', { ...CHECKS, naive_timestamp_zone: 'Europe/Paris' }),
  task('paris_as_utc', 'orders_paris', CHECKS),
];

const LEGACY = `SELECT i::INTEGER AS id, CAST(i * 1.25 - 100 AS DECIMAL(12, 2)) AS amount,
  CAST('9999999999999999999999999999.9999999999' AS DECIMAL(38, 10)) - i AS big, (i % 9 - 4)::INTEGER AS qty,
  TIMESTAMP '2024-03-01 00:00:00' + i * INTERVAL 7 MINUTE + i * INTERVAL 3 MICROSECOND AS placed_at,
  CASE WHEN i % 6 = 0 THEN NULL ELSE 'n ' || i END AS note, [i, NULL, -i]::INTEGER[] AS tags,
  {'a': i % 4, 'b': CASE WHEN i % 5 = 0 THEN NULL ELSE 'x' END} AS attrs, (i % 3)::INTEGER AS code, i % 2 = 0 AS flag,
  CAST('99999999999999999999999999999999999999' AS DECIMAL(38, 0)) - i * i AS wide
  FROM range(1, 121) t(i)`;
/** The migrated copy: another column order and case, widened integers, DOUBLE amounts, instants. */
const COPY = `SELECT flag AS FLAG, note, CAST(amount AS DOUBLE) AS Amount, attrs::STRUCT(a BIGINT, b VARCHAR) AS attrs, big,
  timezone('UTC', placed_at) AS placed_at, tags::BIGINT[] AS tags, qty::BIGINT AS qty, code, id::BIGINT AS id, wide FROM shop.sales.orders`;

/** Numbers and verdicts of a payload, samples aside; engine type names reduced to the column they name. */
function essentials(payload: Record<string, unknown> | null): unknown {
  if (!payload) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    out[key] = Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== 'samples' && !k.startsWith('sample'))
        .map(([k, v]) => [k, k === 'type_drift' || k === 'type_mismatches' ? (Array.isArray(v) ? v.map((p: { column?: string }) => p.column) : v === null ? null : 'drift') : v]),
    );
  }
  return out;
}

describe('a migrated copy: same verdicts on DuckDB and Databricks, same canonical hashes', () => {
  let dir: string;
  let shop: string;
  let lake: string;
  let em: Emulator;
  let local: EngineRunResult;
  let direct: EngineRunResult;
  let job: EngineRunResult;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-migration-parity-'));
    shop = join(dir, 'shop.duckdb');
    lake = join(dir, 'lake.duckdb');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`SET TimeZone = 'UTC'`);
    await c.run(`ATTACH '${shop}' AS shop`);
    await c.run(`ATTACH '${lake}' AS lake`);
    await c.run('CREATE SCHEMA shop.sales');
    await c.run('CREATE SCHEMA lake.sales');
    await c.run(`CREATE TABLE shop.sales.orders AS ${LEGACY}`);
    await c.run(`CREATE TABLE lake.sales.orders AS ${COPY}`);
    await c.run(`CREATE TABLE lake.sales.orders_changed AS ${COPY}`);
    await c.run(`UPDATE lake.sales.orders_changed SET note = 'n 17 ' WHERE id = 17`);
    await c.run(`UPDATE lake.sales.orders_changed SET tags = [40, NULL, 40] WHERE id = 40`);
    await c.run(`UPDATE lake.sales.orders_changed SET wide = wide - 1 WHERE id = 17`);
    await c.run(`CREATE TABLE lake.sales.orders_paris AS SELECT * REPLACE (timezone('Europe/Paris', timezone('UTC', placed_at)) AS placed_at) FROM lake.sales.orders`);
    await c.run(`CREATE TABLE lake.sales.orders_drift AS SELECT * REPLACE (CAST(code AS VARCHAR) AS code), now() AS loaded_at FROM (${COPY})`);
    await c.run('DETACH shop');
    await c.run('DETACH lake');
    c.disconnectSync();
    instance.closeSync();

    const pact: Pact = { validations: TASKS };
    const pactPath = join(dir, 'p.pact.yml');
    const duck = resolveEngineConfig({ type: 'duckdb', catalogs: { shop, lake }, results: join(dir, 'history.duckdb') }, pactPath);
    const duckEngine = getEnginePlugin('duckdb').open(duck, { env: {}, homeDir: dir });
    local = await (await duckEngine.start(pact, { pactPath })).result;
    await duckEngine.dispose();

    em = await startEmulator({ catalogs: ['datapact'], duckdbCatalogs: { shop, lake } });
    const dbx = resolveEngineConfig({ type: 'databricks', warehouse: 'Starter Warehouse' }, pactPath);
    const dbxEngine = getEnginePlugin('databricks').open(dbx, { env: em.env(), homeDir: dir });
    direct = await (await dbxEngine.start(pact, { pactPath, mode: 'direct' })).result;
    job = await (await dbxEngine.start(pact, { pactPath })).result;
    await dbxEngine.dispose();
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the verdicts are the issue\'s: the faithful copy passes, each real difference fails and says why', () => {
    const status = Object.fromEntries(local.tasks.map((t) => [t.task_key, t.status]));
    assert.deepEqual(status, {
      migrated: 'SUCCESS', changed: 'FAILURE', empty: 'FAILURE', empty_allowed: 'SUCCESS', drift: 'FAILURE', strict: 'FAILURE', paris: 'SUCCESS', paris_as_utc: 'FAILURE',
    });
    const changed = local.tasks.find((t) => t.task_key === 'changed')!.payload as Record<string, Record<string, unknown>>;
    assert.deepEqual(changed.row_hash_validation!.samples, { mismatched: [{ id: 17 }, { id: 40 }], missing_in_target: [], missing_in_source: [] });
    const drift = local.tasks.find((t) => t.task_key === 'drift')!.payload as Record<string, Record<string, unknown>>;
    assert.deepEqual(drift.row_hash_validation!.type_drift, [{ column: 'code', source_type: 'INTEGER', target_type: 'VARCHAR' }]);
    assert.equal(drift.agg_validation_code_MAX!.status, 'FAIL');
    const strict = local.tasks.find((t) => t.task_key === 'strict')!.payload as Record<string, Record<string, unknown>>;
    assert.equal(strict.row_hash_validation!.mismatch_count, 0);
    assert.ok((strict.row_hash_validation!.type_mismatches as { column: string }[]).some((m) => m.column === 'placed_at'));
    // Sums of 39 digits, exact; one unit less in one row of 120 fails at tolerance 0.
    assert.equal(changed.agg_validation_wide_SUM!.status, 'FAIL');
    assert.equal(changed.agg_validation_wide_SUM!.target_exact, String(120n * (10n ** 38n - 1n) - 583220n - 1n));
    const parisAsUtc = local.tasks.find((t) => t.task_key === 'paris_as_utc')!.payload as Record<string, Record<string, unknown>>;
    assert.equal(parisAsUtc.row_hash_validation!.mismatch_count, 120);
    assert.equal(parisAsUtc.agg_validation_placed_at_MIN!.status, 'FAIL');
  });

  for (const t of TASKS) {
    it(`${t.task_key}: Databricks (direct and job) gives the same status, verdicts and numbers`, () => {
      const a = local.tasks.find((x) => x.task_key === t.task_key)!;
      for (const [how, run] of [['direct', direct], ['job', job]] as const) {
        const b = run.tasks.find((x) => x.task_key === t.task_key)!;
        assert.equal(b.status, a.status, `${how} status (databricks error: ${b.error ?? '-'}; duckdb error: ${a.error ?? '-'})`);
        assert.deepEqual(essentials(b.payload), essentials(a.payload), `${how} payload`);
      }
    });
  }

  it('the canonical row hash of each row is the same md5 on DuckDB and on Databricks', async () => {
    const t = TASKS[0]!;
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await c.run(`ATTACH '${shop}' AS shop (READ_ONLY)`);
      await c.run(`ATTACH '${lake}' AS lake (READ_ONLY)`);
      const describe = async (fqn: string) =>
        (await c.runAndReadAll(`DESCRIBE ${fqn}`)).getRowObjectsJson().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      const duckColumns: TaskColumns = { source: await describe('shop.sales.orders'), target: await describe('lake.sales.orders') };
      const rows = await em.sql(columnsQuery([{ catalog: 'shop', schema: 'sales', table: 'orders' }, { catalog: 'lake', schema: 'sales', table: 'orders' }]));
      const side = (catalog: string) => rows.filter((r) => r.table_catalog === catalog).map((r) => ({ name: r.column_name!, type: r.full_data_type! }));
      const dbxColumns: TaskColumns = { source: side('shop'), target: side('lake') };
      const hashes = (dialect: 'duckdb' | 'databricks', columns: TaskColumns, role: 'source' | 'target') => {
        const d = getDialect(dialect);
        const fqn = role === 'source' ? ['shop', 'sales', 'orders'] : ['lake', 'sales', 'orders'];
        const ctx: CheckContext = { dialect: d, task: t, prefix: 'h_', sourceInput: '', targetInput: '', sourceFqn: '', targetFqn: '', columns };
        const hash = canonicalRowHash(ctx, rowHashColumns(ctx)!, role, 'r');
        return `SELECT CAST(r.id AS BIGINT) AS id, ${hash} AS h FROM ${fqn.map((p) => d.quoteIdentifier(p)).join('.')} AS r ORDER BY id`;
      };
      for (const role of ['source', 'target'] as const) {
        const onDuck = (await c.runAndReadAll(hashes('duckdb', duckColumns, role))).getRowObjectsJson().map((r) => `${String(r.id)}:${String(r.h)}`);
        const onDbx = (await em.sql(hashes('databricks', dbxColumns, role))).map((r) => `${r.id}:${r.h}`);
        assert.equal(onDuck.length, 120);
        assert.deepEqual(onDbx, onDuck, role);
      }
      // And the two sides of the faithful copy hash alike, row for row.
      const src = (await c.runAndReadAll(hashes('duckdb', duckColumns, 'source'))).getRowObjectsJson().map((r) => String(r.h));
      const tgt = (await c.runAndReadAll(hashes('duckdb', duckColumns, 'target'))).getRowObjectsJson().map((r) => String(r.h));
      assert.deepEqual(tgt, src);
    } finally {
      c.disconnectSync();
      instance.closeSync();
    }
  });
});
