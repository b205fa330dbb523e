import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

describe('count check on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  async function counts(source: number, target: number, tolerance: number, filter?: string) {
    await table(duck, 'src', 't', `SELECT range AS id FROM range(${source})`);
    await table(duck, 'tgt', 't', `SELECT range AS id FROM range(${target})`);
    return evaluate(duck, task({ count_tolerance: tolerance, ...(filter ? { filter } : {}) }));
  }

  it('passes equal counts and reports JSON numbers', async () => {
    const r = await counts(1000, 1000, 0);
    assert.deepEqual(r.payload.count_validation, { status: 'PASS', source_count: 1000, target_count: 1000, relative_diff: 0, tolerance: 0 });
    assert.equal(r.verdict, true);
  });

  it('fails a 1.7% loss beyond a 1% tolerance and passes within 2%', async () => {
    const r = await counts(1000, 983, 0.01);
    assert.equal(r.payload.count_validation.relative_diff, 0.017);
    assert.equal(r.payload.count_validation.status, 'FAIL');
    assert.equal(r.verdict, false);
    assert.equal((await counts(1000, 983, 0.02)).verdict, true);
  });

  it('an empty source with a non-empty target fails (the original passed)', async () => {
    const r = await counts(0, 5, 0.5);
    assert.equal(r.payload.count_validation.relative_diff, 1);
    assert.equal(r.verdict, false);
  });

  it('two empty tables: the counts agree, but nothing was compared, so the task fails', async () => {
    const r = await counts(0, 0, 0);
    assert.equal(r.payload.count_validation.relative_diff, 0);
    assert.equal(r.payload.count_validation.status, 'PASS');
    assert.equal(r.payload.rows_compared.status, 'FAIL');
    assert.equal(r.verdict, false);
  });

  it('applies the filter to both sides and reports it', async () => {
    const r = await counts(100, 50, 0, 'id < 50 -- a trailing comment');
    assert.equal(r.payload.count_validation.source_count, 50);
    assert.equal(r.payload.applied_filter, 'id < 50 -- a trailing comment');
    assert.equal(r.verdict, true);
  });

  it('a task without checks passes with a message', async () => {
    const r = await evaluate(duck, task());
    assert.equal(r.verdict, true);
    assert.deepEqual(r.payload, { applied_filter: null, configured_primary_keys: null, message: 'No validations configured for task k' });
  });
});
