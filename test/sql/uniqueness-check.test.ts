import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

describe('uniqueness check on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  it('duplicates = rows − distinct key tuples, judged per side', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (1, 'a'), (1, 'b'), (2, 'a'), (3, 'a')) v(id, region)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (1, 'a'), (2, 'a')) v(id, region)`);
    const r = await evaluate(duck, task({ uniqueness_columns: ['id', 'region'], uniqueness_tolerance: 0.25 }));
    assert.deepEqual(r.payload.uniqueness_validation_id_region, {
      status: 'FAIL', source_duplicates: 0, target_duplicates: 2, source_dupe_ratio: 0, target_dupe_ratio: 0.5, tolerance: 0.25,
    });
    assert.equal(r.verdict, false);
  });

  it('NULL keys count as values: repeated NULL keys are duplicates', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (NULL), (NULL), (1)) v(id)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (NULL), (1)) v(id)`);
    const r = await evaluate(duck, task({ uniqueness_columns: ['id'], uniqueness_tolerance: 0 }));
    assert.equal(r.payload.uniqueness_validation_id.source_duplicates, 1);
    assert.equal(r.payload.uniqueness_validation_id.target_duplicates, 0);
    assert.equal(r.verdict, false);
  });

  it('empty tables have ratio 0 and pass', async () => {
    await table(duck, 'src', 't', `SELECT 1 AS id WHERE false`);
    await table(duck, 'tgt', 't', `SELECT 1 AS id WHERE false`);
    const r = await evaluate(duck, task({ uniqueness_columns: ['id'], uniqueness_tolerance: 0, allow_empty: true }));
    assert.equal(r.payload.uniqueness_validation_id.source_dupe_ratio, 0);
    assert.equal(r.verdict, true);
  });
});
