/**
 * Aggregate checks at the edges of DOUBLE: integers beyond 2^53 (snowflake-style BIGINT ids) that a DOUBLE
 * cannot tell apart, and non-finite values (Infinity, NaN) that have no JSON number.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aggTask, evaluate, openDuck, table, task, type Duck } from './support/duck';

describe('aggregate checks at the edges of DOUBLE (DuckDB)', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  it('MIN/MAX of BIGINTs that differ beyond DOUBLE precision FAIL at tolerance 0 (numerically they differ)', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (1800000000000000001::BIGINT), (5::BIGINT)) v(id)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (1800000000000000000::BIGINT), (5::BIGINT)) v(id)`);
    const r = await evaluate(duck, aggTask('id', ['MAX', 0], ['MIN', 0]));
    const max = r.payload.agg_validation_id_MAX;
    assert.equal(max.source_text, '1800000000000000001');
    assert.equal(max.target_text, '1800000000000000000');
    assert.equal(max.status, 'FAIL', JSON.stringify(max));
    assert.ok(max.relative_diff > 0 && max.relative_diff < 1e-15, String(max.relative_diff));
    assert.equal(r.payload.agg_validation_id_MIN.status, 'PASS');
    assert.equal(r.verdict, false);
  });

  it('MIN/MAX of digits stored as text compare as text: a lost leading zero FAILs', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES ('01234', 7), ('20000', 7)) v(zip, n)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES ('1234', 7), ('20000', 7)) v(zip, n)`);
    const r = await evaluate(duck, aggTask('zip', ['MIN', 0.5], ['MAX', 0]));
    const min = r.payload.agg_validation_zip_MIN;
    assert.equal(min.status, 'FAIL', JSON.stringify(min));
    assert.equal(min.source_text, '01234');
    assert.equal(min.source_value, null); // text, so no number is read from it
    assert.equal(r.payload.agg_validation_zip_MAX.status, 'PASS');
  });

  it('MIN/MAX of a numeric column against digits stored as text: a type drift, not a silent comparison', async () => {
    await table(duck, 'src', 't', `SELECT 1234::INTEGER AS zip`);
    await table(duck, 'tgt', 't', `SELECT '01234' AS zip`);
    const r = await evaluate(duck, aggTask('zip', ['MAX', 0]));
    assert.equal(r.payload.agg_validation_zip_MAX.status, 'FAIL', JSON.stringify(r.payload.agg_validation_zip_MAX));
    assert.deepEqual(r.payload.agg_validation_zip_MAX.type_drift, { source_type: 'INTEGER', target_type: 'VARCHAR' });
    // Compiled without the column types (an offline preview), one numeric side still reads the text as a number.
    const untyped = await evaluate(duck, aggTask('zip', ['MAX', 0]), { columns: false });
    assert.equal(untyped.payload.agg_validation_zip_MAX.status, 'PASS');
    assert.equal(untyped.payload.agg_validation_zip_MAX.target_value, 1234);
  });

  it('MIN/MAX of the same number written differently (DECIMAL 1.50 vs DOUBLE 1.5) still PASS', async () => {
    await table(duck, 'src', 't', `SELECT 1.50::DECIMAL(10, 2) AS x`);
    await table(duck, 'tgt', 't', `SELECT 1.5::DOUBLE AS x`);
    const r = await evaluate(duck, aggTask('x', ['MAX', 0]));
    assert.deepEqual(r.payload.agg_validation_x_MAX, {
      status: 'PASS', source_value: 1.5, target_value: 1.5, source_text: '1.50', target_text: '1.5', relative_diff: 0, tolerance: 0,
    });
  });

  it('equal non-finite aggregates PASS, different ones FAIL, and the payload stays JSON (non-finite → null)', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES ('inf'::DOUBLE, 1.0::DOUBLE), (1.0, 'nan'::DOUBLE)) v(x, y)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES ('inf'::DOUBLE, 1.0::DOUBLE), (1.0, 'nan'::DOUBLE)) v(x, y)`);
    const same = await evaluate(duck, task({
      agg_validations: [
        { column: 'x', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }, { agg: 'AVG', tolerance: 0 }] },
        { column: 'y', validations: [{ agg: 'SUM', tolerance: 0 }] },
      ],
    }));
    assert.deepEqual(same.payload.agg_validation_x_SUM, { status: 'PASS', source_value: null, target_value: null, relative_diff: 0, tolerance: 0 });
    assert.equal(same.payload.agg_validation_x_MAX.status, 'PASS');
    assert.equal(same.payload.agg_validation_x_MAX.source_text, 'inf');
    assert.equal(same.payload.agg_validation_x_AVG.status, 'PASS');
    assert.equal(same.payload.agg_validation_y_SUM.status, 'PASS');
    assert.equal(same.verdict, true);

    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (1.0::DOUBLE, 1.0::DOUBLE), (1.0, 2.0)) v(x, y)`);
    const different = await evaluate(duck, aggTask('x', ['SUM', 0.5], ['MAX', 0.5]));
    assert.equal(different.payload.agg_validation_x_SUM.status, 'FAIL');
    assert.equal(different.payload.agg_validation_x_SUM.source_value, null);
    assert.equal(different.payload.agg_validation_x_SUM.target_value, 2);
    assert.equal(different.payload.agg_validation_x_MAX.status, 'FAIL');
    assert.equal(different.verdict, false);
  });
});
