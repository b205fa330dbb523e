import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

describe('null checks on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  const nulls = (n: number, of: number) => `SELECT CASE WHEN range < ${n} THEN NULL ELSE 'x' END AS email, NULL::INT AS gone FROM range(${of})`;

  it('ratio |S_n − T_n| / S_n per column against the tolerance', async () => {
    await table(duck, 'src', 't', nulls(10, 100));
    await table(duck, 'tgt', 't', nulls(11, 100));
    const r = await evaluate(duck, task({ null_validation_columns: ['email', 'gone'], null_validation_tolerance: 0.05 }));
    assert.deepEqual(r.payload.null_validation_email, { status: 'FAIL', source_nulls: 10, target_nulls: 11, relative_diff: 0.1, tolerance: 0.05 });
    // All-NULL column on both sides: equal counts pass.
    assert.deepEqual(r.payload.null_validation_gone, { status: 'PASS', source_nulls: 100, target_nulls: 100, relative_diff: 0, tolerance: 0.05 });
    assert.equal(r.verdict, false);
  });

  it('S_n = 0: passes only when T_n = 0', async () => {
    await table(duck, 'src', 't', nulls(0, 10));
    await table(duck, 'tgt', 't', nulls(1, 10));
    const fail = await evaluate(duck, task({ null_validation_columns: ['email'], null_validation_tolerance: 0.5 }));
    assert.equal(fail.payload.null_validation_email.relative_diff, 1);
    assert.equal(fail.verdict, false);
    await table(duck, 'tgt', 't', nulls(0, 10));
    assert.equal((await evaluate(duck, task({ null_validation_columns: ['email'], null_validation_tolerance: 0 }))).verdict, true);
  });

  it('empty tables count 0 nulls (not NULL) and pass', async () => {
    await table(duck, 'src', 't', nulls(0, 0));
    await table(duck, 'tgt', 't', nulls(0, 0));
    const r = await evaluate(duck, task({ null_validation_columns: ['email'], null_validation_tolerance: 0, allow_empty: true }));
    assert.equal(r.payload.null_validation_email.source_nulls, 0);
    assert.equal(r.verdict, true);
  });

  it('counts over the whole table even with primary keys (no PK join)', async () => {
    await table(duck, 'src', 't', `SELECT range AS id, NULL::INT AS v FROM range(4)`);
    await table(duck, 'tgt', 't', `SELECT range + 10 AS id, NULL::INT AS v FROM range(4)`);
    const r = await evaluate(duck, task({ primary_keys: ['id'], null_validation_columns: ['v'], null_validation_tolerance: 0 }));
    assert.equal(r.payload.null_validation_v.source_nulls, 4);
    assert.equal(r.verdict, true);
  });
});
