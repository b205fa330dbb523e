import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aggTask, evaluate, openDuck, table, task, type Duck } from './support/duck';

describe('aggregate checks on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  it('SUM/AVG/COUNT/COUNT_DISTINCT/STDDEV: symmetric relative difference', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (100.0), (100.0), (NULL)) v(x)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (100.0), (98.0), (NULL)) v(x)`);
    const r = await evaluate(duck, aggTask('x', ['SUM', 0.01], ['AVG', 0], ['COUNT', 0], ['COUNT_DISTINCT', 0], ['STDDEV', 0]));
    assert.deepEqual(r.payload.agg_validation_x_SUM, {
      status: 'PASS', source_value: 200, target_value: 198, source_exact: '200', target_exact: '198', relative_diff: 0.01, tolerance: 0.01,
    });
    assert.equal(r.payload.agg_validation_x_AVG.relative_diff, 1 / 100);
    assert.equal(r.payload.agg_validation_x_AVG.status, 'FAIL');
    assert.equal(r.payload.agg_validation_x_COUNT.source_value, 2);
    assert.equal(r.payload.agg_validation_x_COUNT.status, 'PASS');
    assert.equal(r.payload.agg_validation_x_COUNT_DISTINCT.source_value, 1);
    assert.equal(r.payload.agg_validation_x_COUNT_DISTINCT.target_value, 2);
    assert.equal(r.payload.agg_validation_x_STDDEV.source_value, 0);
    assert.ok(Math.abs(r.payload.agg_validation_x_STDDEV.target_value - Math.SQRT2) < 1e-12);
    assert.equal(r.payload.agg_validation_x_STDDEV.status, 'FAIL');
    assert.equal(r.verdict, false);
  });

  it('both NULL passes; exactly one NULL fails (the original passed)', async () => {
    await table(duck, 'src', 't', `SELECT NULL::DOUBLE AS x`);
    await table(duck, 'tgt', 't', `SELECT NULL::DOUBLE AS x`);
    const both = await evaluate(duck, aggTask('x', ['SUM', 0]));
    assert.deepEqual(both.payload.agg_validation_x_SUM, { status: 'PASS', source_value: null, target_value: null, relative_diff: 0, tolerance: 0 });
    await table(duck, 'tgt', 't', `SELECT 1.0::DOUBLE AS x`);
    const one = await evaluate(duck, aggTask('x', ['SUM', 1]));
    assert.equal(one.payload.agg_validation_x_SUM.status, 'FAIL');
    assert.equal(one.payload.agg_validation_x_SUM.relative_diff, null);
    assert.equal(one.verdict, false);
  });

  it('both zero gives 0; empty tables pass (SUM NULL on both sides)', async () => {
    await table(duck, 'src', 't', `SELECT 0 AS x`);
    await table(duck, 'tgt', 't', `SELECT 0 AS x`);
    assert.equal((await evaluate(duck, aggTask('x', ['SUM', 0]))).payload.agg_validation_x_SUM.relative_diff, 0);
    await table(duck, 'src', 't', `SELECT 1 AS x WHERE false`);
    await table(duck, 'tgt', 't', `SELECT 1 AS x WHERE false`);
    const empty = await evaluate(duck, aggTask('x', ['SUM', 0], ['MAX', 0]));
    assert.equal(empty.payload.agg_validation_x_SUM.status, 'PASS');
    assert.equal(empty.payload.agg_validation_x_MAX.status, 'PASS');
    // …but an empty comparison validated nothing: the task fails unless the pact allows it.
    assert.equal(empty.verdict, false);
    assert.equal((await evaluate(duck, { ...aggTask('x', ['SUM', 0], ['MAX', 0]), allow_empty: true })).verdict, true);
  });

  it('MIN/MAX of numbers compare numerically, of strings and dates for equality', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (1, 'apple', DATE '2024-01-01'), (5, 'pear', DATE '2024-12-31')) v(n, s, d)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (1, 'apple', DATE '2024-01-01'), (4, 'plum', DATE '2024-12-31')) v(n, s, d)`);
    const r = await evaluate(duck, task({
      agg_validations: [
        { column: 'n', validations: [{ agg: 'MAX', tolerance: 0.25 }] },
        { column: 's', validations: [{ agg: 'MIN', tolerance: 1 }, { agg: 'MAX', tolerance: 1 }] },
        { column: 'd', validations: [{ agg: 'MAX', tolerance: 0 }] },
      ],
    }));
    assert.equal(r.payload.agg_validation_n_MAX.relative_diff, 0.2);
    assert.equal(r.payload.agg_validation_n_MAX.status, 'PASS');
    assert.equal(r.payload.agg_validation_s_MIN.status, 'PASS');
    // Different strings fail whatever the tolerance.
    assert.deepEqual(r.payload.agg_validation_s_MAX, {
      status: 'FAIL', source_value: null, target_value: null, source_text: 'pear', target_text: 'plum', relative_diff: 1, tolerance: 1,
    });
    assert.equal(r.payload.agg_validation_d_MAX.source_text, '2024-12-31');
    assert.equal(r.payload.agg_validation_d_MAX.status, 'PASS');
    assert.equal(r.verdict, false);
  });
});
