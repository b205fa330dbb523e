/**
 * Payloads read back into JavaScript. DuckDB's JSON renders non-finite doubles as bare `Infinity` / `NaN`, which
 * JSON.parse rejects: a task whose payload holds one (a custom SQL sample row, a DOUBLE key in a row hash sample)
 * must still report its payload, with those values as null, not lose every metric. Integers beyond 2^53 (BIGINT
 * ids in samples) must not be rounded to another id.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEngineConfig, runPact, type EngineRunResult } from '../../core/src/index';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildFixture, pactOf, task, type EngineFixture } from './engine-fixture';

describe('DuckDB engine: payloads holding non-finite doubles', () => {
  let fx: EngineFixture;
  let run: EngineRunResult;

  before(async () => {
    fx = await buildFixture();
    const idsFile = join(fx.dir, 'ids.duckdb');
    const instance = await DuckDBInstance.create(idsFile);
    const c = await instance.connect();
    await c.run(`CREATE TABLE src_ids AS SELECT * FROM (VALUES (1800000000000000001::BIGINT, 'a'), (7, 'b')) v(id, v)`);
    await c.run(`CREATE TABLE tgt_ids AS SELECT * FROM (VALUES (1800000000000000000::BIGINT, 'a'), (7, 'b')) v(id, v)`);
    c.disconnectSync();
    instance.closeSync();
    const base = pactOf(fx, []);
    const pact = { ...base, engine: { ...base.engine!, catalogs: { ...base.engine!.catalogs, ids: idsFile } }, validations: [
      task('inf_sample', 'orders', {
        custom_sql_tests: [{
          name: 'weird floats',
          sql: `SELECT CAST('{{ rendered_role }}' AS VARCHAR) AS role, CAST('inf' AS DOUBLE) AS x, CAST('-inf' AS DOUBLE) AS y, CAST('nan' AS DOUBLE) AS z, 'NaN Infinity' AS label`,
        }],
      }),
      {
        task_key: 'big_ids', source_catalog: 'ids', source_schema: 'main', source_table: 'src_ids',
        target_catalog: 'ids', target_schema: 'main', target_table: 'tgt_ids', primary_keys: ['id'], pk_row_hash_check: true,
      },
    ] };
    run = await runPact(pact, { pactPath: 'p', engineConfig: resolveEngineConfig(pact.engine, undefined) });
  });
  after(() => fx?.cleanup());

  it('keeps the payload; non-finite values read as null, strings untouched', () => {
    const result = run.tasks[0]!;
    assert.equal(result.status, 'FAILURE');
    const check = (result.payload as Record<string, any>)?.custom_sql_validation_weird_floats;
    assert.ok(check, JSON.stringify(result.payload));
    assert.equal(check.rows_missing_in_target, 1);
    assert.deepEqual(check.sample_missing_in_target, { role: 'source', x: null, y: null, z: null, label: 'NaN Infinity' });
  });

  it('keeps integers beyond 2^53 exact (as text) instead of rounding them to a neighbouring id', () => {
    const result = run.tasks[1]!;
    assert.equal(result.status, 'FAILURE');
    const samples = (result.payload as Record<string, any>).row_hash_validation.samples;
    assert.deepEqual(samples.missing_in_target, [{ id: '1800000000000000001' }]);
    assert.deepEqual(samples.missing_in_source, [{ id: '1800000000000000000' }]);
    assert.equal((result.payload as Record<string, any>).row_hash_validation.compared_rows, 3);
  });
});
