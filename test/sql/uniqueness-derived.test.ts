/**
 * Uniqueness on the primary keys with the row hash on is derived from the row hash join (no COUNT(DISTINCT)
 * unless keys repeat among paired keys). It must give exactly what the stand-alone COUNT(DISTINCT) plan gives:
 * checked on hand-picked cases and on random key multisets (NULL keys, composite keys, empty sides).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTask, type Task } from '../../core/src/index';
import { UNPAIRED_KEY_CAP } from '../../core/src/sql/checks/row-hash-one-pass';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

type Key = [number | null, number | null];

function values(keys: readonly Key[], salt: number): string {
  if (keys.length === 0) return 'SELECT 1 AS a, 1 AS b, 1 AS v WHERE false';
  const rows = keys.map(([a, b], i) => `(${a ?? 'NULL'}, ${b ?? 'NULL'}, ${(i * 7 + salt) % 3})`);
  return `SELECT * FROM (VALUES ${rows.join(', ')}) v(a, b, v)`;
}

const uniqueOnly = (keys: string[]): Task => task({ uniqueness_columns: keys, uniqueness_tolerance: 0 });
const derived = (keys: string[]): Task =>
  task({ uniqueness_columns: [...keys].reverse(), uniqueness_tolerance: 0, primary_keys: keys, pk_row_hash_check: true, pk_hash_tolerance: 1 });

describe('uniqueness derived from the row hash join', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  async function both(keys: string[], src: readonly Key[], tgt: readonly Key[]) {
    await table(duck, 'src', 't', values(src, 0));
    await table(duck, 'tgt', 't', values(tgt, 1));
    const plain = (await evaluate(duck, uniqueOnly(keys))).payload;
    const fromJoin = (await evaluate(duck, derived(keys))).payload;
    const key = `uniqueness_validation_${keys.join('_')}`;
    const reversed = `uniqueness_validation_${[...keys].reverse().join('_')}`;
    return { plain: plain[key], fromJoin: fromJoin[reversed] };
  }

  it('is the plan used for uniqueness on the primary keys with the row hash on (DuckDB)', () => {
    const sql = compileTask(derived(['a', 'b']), 'duckdb').metricsSql;
    assert.match(sql, /dp_u_gate AS MATERIALIZED/);
    assert.doesNotMatch(sql, /AS u_distinct/);
    assert.match(compileTask(uniqueOnly(['a', 'b']), 'duckdb').metricsSql, /AS u_distinct/);
    // Databricks has no way to compute a CTE once: it keeps the COUNT(DISTINCT) plan.
    assert.doesNotMatch(compileTask(derived(['a', 'b']), 'databricks').metricsSql, /dp_u_gate/);
  });

  it('duplicates among paired keys, among unpaired keys, NULL keys, empty sides', async () => {
    const cases: Array<[string, Key[], Key[], number, number]> = [
      ['unique', [[1, 1], [2, 1]], [[1, 1], [3, 1]], 0, 0],
      ['paired key twice in source', [[1, 1], [1, 1], [2, 1]], [[1, 1], [2, 1]], 1, 0],
      ['paired key twice on both sides', [[1, 1], [1, 1]], [[1, 1], [1, 1], [1, 1]], 1, 2],
      ['unpaired key repeated', [[5, 5], [5, 5], [5, 5], [1, 1]], [[1, 1]], 2, 0],
      ['NULL keys repeat', [[null, 1], [null, 1], [null, null]], [[null, null], [null, null]], 1, 1],
      ['empty target', [[1, 1], [1, 1]], [], 1, 0],
      ['both empty', [], [], 0, 0],
    ];
    for (const [name, src, tgt, sd, td] of cases) {
      const { plain, fromJoin } = await both(['a', 'b'], src, tgt);
      assert.equal(plain.source_duplicates, sd, `${name}: plain source`);
      assert.equal(plain.target_duplicates, td, `${name}: plain target`);
      assert.deepEqual(fromJoin, plain, name);
    }
  });

  it('more unpaired keys than the join aggregate keeps: falls back to the exact count', async () => {
    // Source: keys 0 … CAP+4, key CAP+1 (unpaired) twice; target: keys 0 … 2 and -7 (unpaired) twice. Paired keys
    // are unique, so only the unpaired-key count can send the gate to COUNT(DISTINCT).
    const n = UNPAIRED_KEY_CAP + 5;
    const src = `SELECT i AS a, 1 AS b, 0 AS v FROM range(${n}) r(i) UNION ALL SELECT ${UNPAIRED_KEY_CAP + 1}, 1, 0`;
    await table(duck, 'src', 't', src);
    await table(duck, 'tgt', 't', 'SELECT * FROM (VALUES (0, 1, 0), (1, 1, 0), (2, 1, 0), (-7, 1, 0), (-7, 1, 0)) v(a, b, v)');
    for (const keys of [['a'], ['a', 'b']]) {
      const plain = (await evaluate(duck, uniqueOnly(keys))).payload[`uniqueness_validation_${keys.join('_')}`];
      const fromJoin = (await evaluate(duck, derived(keys))).payload[`uniqueness_validation_${[...keys].reverse().join('_')}`];
      assert.equal(plain.source_duplicates, 1);
      assert.equal(plain.target_duplicates, 1);
      assert.deepEqual(fromJoin, plain, keys.join(','));
    }
  });

  it('equals COUNT(DISTINCT) on random key multisets', async () => {
    const part = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 4 });
    const keys = fc.array(fc.tuple(part, part), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(keys, keys, fc.boolean(), async (src, tgt, composite) => {
        const cols = composite ? ['a', 'b'] : ['a'];
        const { plain, fromJoin } = await both(cols, src, tgt);
        assert.deepEqual(fromJoin, plain);
      }),
      { numRuns: 60 },
    );
  });
});
