/**
 * Exact sums of wide columns write their text (and compare averages over different counts) in one-row CTEs over
 * each side's stats. The stats scan must still run once per side: DuckDB materialises a CTE read twice. Checked on
 * the plan (EXPLAIN), not on time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileTask } from '../../core/src/index';
import { openDuck, table, task, type Duck } from './support/duck';

describe('exact sums read each table once (DuckDB plan)', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
    const rows = `SELECT range AS id, CAST(range AS DECIMAL(38, 0)) AS w, CAST(range AS DECIMAL(38, 10)) AS d, range::INTEGER AS n FROM range(100)`;
    await table(duck, 'src', 't', rows);
    await table(duck, 'tgt', 't', rows);
  });
  after(() => duck.close());

  for (const column of ['w', 'd', 'n']) {
    it(`SUM and AVG of ${column}: one table scan per side`, async () => {
      const { readDuckDbTaskColumns } = await import('../../core/src/engines/duckdb/duckdb-task-columns');
      const t = task({ agg_validations: [{ column, validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'AVG', tolerance: 0 }] }] });
      const sql = compileTask(t, 'duckdb', await readDuckDbTaskColumns(duck.connection, t)).metricsSql;
      const plan = (await duck.run(`EXPLAIN ${sql}`)).map((r) => String(r.explain_value)).join('\n');
      assert.equal((plan.match(/SEQ_SCAN/g) ?? []).length, 2, plan);
    });
  }
});
