import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';
import type { HashAlgorithm } from '../../core/src/index';

const SOURCE = `SELECT * FROM (VALUES (1, 'a', 10), (2, NULL, 20), (3, 'c', 30), (4, 'd', 40), (NULL, 'n', 50)) v(id, name, qty)`;

describe('row hash check on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  for (const algorithm of ['native', 'md5'] as HashAlgorithm[]) {
    it(`${algorithm}: counts mismatched, missing both ways, with NULL-safe keys and samples`, async () => {
      await table(duck, 'src', 't', SOURCE);
      // 2: NULL -> '' (must differ), 3: qty changed, 4: missing in target, 5: missing in source, NULL key matches.
      await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (1, 'a', 10), (2, '', 20), (3, 'c', 31), (5, 'e', 50), (NULL, 'n', 50)) v(id, name, qty)`);
      const r = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['id'], pk_hash_tolerance: 0.5, hash_algorithm: algorithm }));
      assert.deepEqual(r.payload.row_hash_validation, {
        status: 'FAIL',
        compared_rows: 6,
        mismatch_count: 2,
        missing_in_target: 1,
        missing_in_source: 1,
        mismatch_ratio: 4 / 6,
        tolerance: 0.5,
        samples: { mismatched: [{ id: 2 }, { id: 3 }], missing_in_target: [{ id: 4 }], missing_in_source: [{ id: 5 }] },
        // name and qty (the key is compared by the join), in name order
        columns_compared: 2,
        columns_only_in_source: [],
        columns_only_in_target: [],
        type_drift: [],
      });
      assert.deepEqual(r.payload.configured_primary_keys, ['id']);
      assert.equal(r.verdict, false);
    });
  }

  it('identical tables pass; hash_columns limits what is compared', async () => {
    await table(duck, 'src', 't', SOURCE);
    await table(duck, 'tgt', 't', `SELECT id, name, qty + 1 AS qty FROM (${SOURCE})`);
    const all = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['id'] }));
    assert.equal(all.payload.row_hash_validation.mismatch_count, 5);
    const some = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['id'], hash_columns: ['name'] }));
    assert.equal(some.payload.row_hash_validation.mismatch_count, 0);
    assert.equal(some.payload.row_hash_validation.status, 'PASS');
    assert.equal(some.verdict, true);
  });

  it('NULL moving between columns is a mismatch (no argument-position ambiguity)', async () => {
    await table(duck, 'src', 't', `SELECT 1 AS id, NULL::VARCHAR AS a, 'x' AS b`);
    await table(duck, 'tgt', 't', `SELECT 1 AS id, 'x' AS a, NULL::VARCHAR AS b`);
    for (const algorithm of ['native', 'md5'] as HashAlgorithm[]) {
      const r = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['id'], hash_columns: ['a', 'b'], hash_algorithm: algorithm }));
      assert.equal(r.payload.row_hash_validation.mismatch_count, 1, algorithm);
    }
  });

  it('a column named like a generated row alias does not stand in for the whole row', async () => {
    // DuckDB binds a column before a table alias: hashing the bare alias would hash this one column only.
    const names = ['src_row', 'tgt_row', 'r', 'x'].map((n) => `1 AS ${n}`).join(', ');
    await table(duck, 'src', 't', `SELECT 1 AS id, ${names}, 'a' AS v`);
    await table(duck, 'tgt', 't', `SELECT 1 AS id, ${names}, 'b' AS v`);
    for (const algorithm of ['native', 'md5'] as HashAlgorithm[]) {
      const r = await evaluate(duck, task({
        pk_row_hash_check: true, primary_keys: ['id'], hash_algorithm: algorithm,
        custom_sql_tests: [{ name: 'rows', sql: 'SELECT * FROM {{ table_fqn }}' }],
      }));
      assert.equal(r.payload.row_hash_validation.mismatch_count, 1, algorithm);
      const custom = r.payload.custom_sql_validation_rows;
      assert.deepEqual(custom.sample_missing_in_target, { id: 1, src_row: 1, tgt_row: 1, r: 1, x: 1, v: 'a' }, algorithm);
    }
  });

  it('composite keys, sample_size bounds the samples, empty tables pass', async () => {
    await table(duck, 'src', 't', `SELECT range % 3 AS a, range // 3 AS b, range AS v FROM range(30)`);
    await table(duck, 'tgt', 't', `SELECT range % 3 AS a, range // 3 AS b, range AS v FROM range(0)`);
    const r = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['a', 'b'], sample_size: 2 }));
    assert.equal(r.payload.row_hash_validation.missing_in_target, 30);
    assert.equal(r.payload.row_hash_validation.mismatch_ratio, 1);
    assert.deepEqual(r.payload.row_hash_validation.samples.missing_in_target, [{ a: 0, b: 0 }, { a: 0, b: 1 }]);
    assert.deepEqual(r.payload.row_hash_validation.samples.mismatched, []);
    await table(duck, 'src', 't', `SELECT 1 AS a, 1 AS b WHERE false`);
    await table(duck, 'tgt', 't', `SELECT 1 AS a, 1 AS b WHERE false`);
    const empty = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['a', 'b'], sample_size: 0, allow_empty: true }));
    assert.equal(empty.payload.row_hash_validation.compared_rows, 0);
    assert.equal(empty.payload.row_hash_validation.mismatch_ratio, 0);
    assert.equal(empty.verdict, true);
  });

  it('is skipped without primary keys (no payload key)', async () => {
    const r = await evaluate(duck, task({ pk_row_hash_check: true, count_tolerance: 0 }));
    assert.equal(r.payload.row_hash_validation, undefined);
  });
});

describe('row hash samples with key names equal ignoring case', () => {
  it('still sample (DuckDB struct names would collide)', async () => {
    const duck = await openDuck();
    try {
      await table(duck, 'src', 't', `SELECT 1 AS id, 'a' AS v`);
      await table(duck, 'tgt', 't', `SELECT 1 AS id, 'b' AS v`);
      const r = await evaluate(duck, task({ pk_row_hash_check: true, primary_keys: ['id', 'ID'] }));
      assert.deepEqual(r.payload.row_hash_validation.samples.mismatched, [{ id: 1, ID: 1 }]);
    } finally {
      duck.close();
    }
  });
});
