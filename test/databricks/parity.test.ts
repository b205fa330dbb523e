/**
 * DuckDB ↔ Databricks parity: the same pact over the same data gives the same verdicts and the same payload numbers
 * on the local engine and on Databricks — as a job and as direct statements — (the workspace emulator, whose catalogs are the very same DuckDB files),
 * over every check kind, with hostile names and the corruptions of the engine tests (deleted rows, changed values,
 * injected nulls, duplicates).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { getEnginePlugin, resolveEngineConfig, type EngineRunResult, type Pact, type Task } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';

const TABLE = 'order lines';
const AMOUNT = 'amount "€"';

function task(key: string, extra: Partial<Task>): Task {
  return { task_key: key, source_catalog: 'shop', source_schema: 'sales', source_table: TABLE, target_catalog: 'lake', target_schema: 'sales', target_table: TABLE, ...extra };
}

const TASKS: Task[] = [
  task('count', { count_tolerance: 0.01 }),
  task('row_hash', { primary_keys: ['id'], pk_row_hash_check: true, pk_hash_tolerance: 0, hash_columns: [AMOUNT, 'status'] }),
  task('nulls', { null_validation_columns: ['status', AMOUNT], null_validation_tolerance: 0.05 }),
  task('aggregates', {
    agg_validations: [
      { column: AMOUNT, validations: [{ agg: 'SUM', tolerance: 0.001 }, { agg: 'MIN', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
      { column: 'qty', validations: [{ agg: 'AVG', tolerance: 0.5 }, { agg: 'SUM', tolerance: 0 }] },
    ],
  }),
  task('uniqueness', { uniqueness_columns: ['id'], uniqueness_tolerance: 0 }),
  // Raw SQL runs in each engine's own dialect: ';' and '--' inside a literal that both spell alike.
  task('filtered', { filter: "qty <> 3 OR status = 'a; -- b'", count_tolerance: 0 }),
  task('custom', { custom_sql_tests: [{ name: 'status mix', sql: 'SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status' }] }),
];

/** Numbers and verdicts of a payload, samples aside (their order and rendering are the engine's). */
function essentials(payload: Record<string, unknown> | null): unknown {
  if (!payload) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !k.startsWith('sample') && k !== 'samples'));
  }
  return out;
}

describe('DuckDB and Databricks agree on verdicts and payload numbers', () => {
  let dir: string;
  let em: Emulator;
  let local: EngineRunResult;
  let remote: EngineRunResult;
  let remoteJob: EngineRunResult;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-parity-'));
    const shop = join(dir, 'shop.duckdb');
    const lake = join(dir, 'lake.duckdb');
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    for (const [name, file] of [['shop', shop], ['lake', lake]] as const) {
      await c.run(`ATTACH '${file}' AS ${name}`);
      await c.run(`CREATE SCHEMA ${name}.sales`);
      await c.run(`CREATE TABLE ${name}.sales."${TABLE}" (id BIGINT, "${AMOUNT.replace(/"/g, '""')}" DECIMAL(12,2), qty INTEGER, status VARCHAR)`);
      await c.run(`INSERT INTO ${name}.sales."${TABLE}" SELECT i, CAST(i * 1.25 AS DECIMAL(12,2)), CAST(i % 7 AS INTEGER),
        CASE WHEN i % 10 = 0 THEN NULL WHEN i % 3 = 0 THEN 'it''s; -- x' ELSE 'open' END FROM range(1, 401) t(i)`);
    }
    // Corruptions on the target: deleted rows, a changed value, injected nulls, a duplicate.
    await c.run(`DELETE FROM lake.sales."${TABLE}" WHERE id IN (5, 6)`);
    await c.run(`UPDATE lake.sales."${TABLE}" SET "${AMOUNT.replace(/"/g, '""')}" = 999.99 WHERE id = 7`);
    await c.run(`UPDATE lake.sales."${TABLE}" SET status = NULL WHERE id IN (8, 11, 13)`);
    await c.run(`INSERT INTO lake.sales."${TABLE}" SELECT * FROM lake.sales."${TABLE}" WHERE id = 9`);
    await c.run('DETACH shop');
    await c.run('DETACH lake');
    c.disconnectSync();
    instance.closeSync();

    const pact: Pact = { validations: TASKS };
    const duck = resolveEngineConfig({ type: 'duckdb', catalogs: { shop, lake }, results: join(dir, 'history.duckdb') }, join(dir, 'p.pact.yml'));
    const home = { env: {}, homeDir: dir };
    const duckEngine = getEnginePlugin('duckdb').open(duck, home);
    local = await (await duckEngine.start(pact, { pactPath: join(dir, 'p.pact.yml') })).result;
    await duckEngine.dispose();

    em = await startEmulator({ catalogs: ['datapact'], duckdbCatalogs: { shop, lake } });
    const dbx = resolveEngineConfig({ type: 'databricks', warehouse: 'Starter Warehouse' }, join(dir, 'p.pact.yml'));
    const dbxEngine = getEnginePlugin('databricks').open(dbx, { env: em.env(), homeDir: dir });
    remote = await (await dbxEngine.start(pact, { pactPath: join(dir, 'p.pact.yml'), mode: 'direct' })).result;
    remoteJob = await (await dbxEngine.start(pact, { pactPath: join(dir, 'p.pact.yml') })).result;
    await dbxEngine.dispose();
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const t of TASKS) {
    it(`${t.task_key}: same status, same check verdicts and numbers`, () => {
      const a = local.tasks.find((x) => x.task_key === t.task_key)!;
      const b = remote.tasks.find((x) => x.task_key === t.task_key)!;
      assert.equal(b.status, a.status, `status (databricks error: ${b.error ?? '-'}; duckdb error: ${a.error ?? '-'})`);
      assert.deepEqual(essentials(b.payload), essentials(a.payload));
      const j = remoteJob.tasks.find((x) => x.task_key === t.task_key)!;
      assert.equal(j.status, a.status, `job run status (error: ${j.error ?? '-'})`);
      assert.deepEqual(essentials(j.payload), essentials(a.payload), 'job run payload');
    });
  }
  it('the corruptions are seen (the suite can fail)', () => {
    assert.equal(local.status, 'FAILURE');
    assert.deepEqual(local.tasks.filter((x) => x.status === 'SUCCESS').map((x) => x.task_key).sort(), ['count']);
  });
});
