/**
 * Readable numbers through the built CLI on real DuckDB: a difference that rounds to zero at two decimals still
 * reads as a difference, the row hash line shows every count its ratio is made of, a count failure shows both
 * counts, and checks are named as people say them while the JSON keeps the payload keys.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { addToShop, cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

describe('datapact run: numbers people can read', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    // 40,000 events on the source, the same less one on the target: a ratio of 0.0025%.
    await addToShop(fx, [
      `CREATE TABLE sales.events AS
      SELECT i AS id, CASE WHEN i % 10 = 0 THEN NULL ELSE 'p' || i END AS phone, i * 1.25 AS amount FROM range(1, 40001) t(i)`,
      `COPY (SELECT * FROM sales.events WHERE id <> 777) TO '${join(fx.lakeFolder, 'sales', 'events.parquet')}' (FORMAT parquet)`,
    ]);
    writePact(fx, 'numbers.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('events', 'events', {
          primary_keys: ['id'],
          count_tolerance: 0,
          pk_row_hash_check: true,
          pk_hash_tolerance: 0,
          null_validation_tolerance: 0,
          null_validation_columns: ['phone'],
          agg_validations: [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }],
          uniqueness_columns: ['id', 'phone'],
          uniqueness_tolerance: 0,
        }),
        taskYaml('customers', 'customers', { count_tolerance: 0 }),
      ],
    });
  });
  after(() => fx?.cleanup());

  it('prints each failed check by its people name with its inputs and enough digits', () => {
    const r = cli(['run', 'numbers.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('✘ events'));
    assert.ok(line, r.stdout);
    assert.match(line, /row count: source 40,000, target 39,999 \(0\.0025% > tolerance 0%\)/);
    assert.match(line, /row hash: 40,000 compared, 0 mismatched, 1 missing in target, 0 missing in source \(0\.0025% > tolerance 0%\)/);
    assert.match(line, /SUM\(amount\): source 1,000,025,000, target 1,000,024,028\.75 \(0\.0000971% > tolerance 0%\)/);
    assert.doesNotMatch(line, /nulls in phone/); // 4,000 nulls on both sides: it passed
    assert.doesNotMatch(line, /0\.00%|count_validation|row_hash_validation|agg_validation/);
    assert.match(r.stdout, /^✘ customers {2}row count: source 100, target 99 \(1% > tolerance 0%\)$/m);
  });

  it('keeps the internal keys in the JSON report, each check beside the name people read', () => {
    const r = cli(['run', 'numbers.pact.yml', '--format', 'json'], fx.dir);
    const report = JSON.parse(r.stdout) as { tasks: Array<{ payload: Record<string, unknown>; checks: unknown[] }> };
    assert.deepEqual(
      Object.keys(report.tasks[0]!.payload).filter((k) => k.endsWith('validation') || k.includes('_validation_')),
      ['count_validation', 'row_hash_validation', 'null_validation_phone', 'agg_validation_amount_SUM', 'uniqueness_validation_id_phone'],
    );
    assert.deepEqual(report.tasks[0]!.checks, [
      { key: 'count_validation', name: 'row count', status: 'FAIL' },
      { key: 'row_hash_validation', name: 'row hash', status: 'FAIL' },
      { key: 'null_validation_phone', name: 'nulls in phone', status: 'PASS' },
      { key: 'agg_validation_amount_SUM', name: 'SUM(amount)', status: 'FAIL' },
      // The payload key joins the columns; the name says which they are (the pact is at hand).
      { key: 'uniqueness_validation_id_phone', name: 'uniqueness of (id, phone)', status: 'PASS' },
      // Every task says whether it compared any row at all (an empty comparison is not a pass).
      { key: 'rows_compared', name: 'rows compared', status: 'PASS' },
    ]);
  });
});
