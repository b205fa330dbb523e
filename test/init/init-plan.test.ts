/** The pure parts of init: table globs, task keys, and the bounded key-inference query (on both dialects). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SparkSQL } from 'dt-sql-parser';
import { getDialect, inferKeyQuery, type InitSource, type InitTable } from '../../core/src/index';
import { globMatcher } from '../../core/src/init/table-glob';
import { planTasks, uniqueTaskKey } from '../../core/src/init/plan-tasks';
import { MAX_SINGLE_CANDIDATES } from '../../core/src/init/infer-key';

/** A source used only to build SQL text: its query is never called. */
function sqlOnlySource(dialect: 'duckdb' | 'databricks'): InitSource {
  return {
    dialect: getDialect(dialect),
    informationSchemaView: (catalog, view) => `${catalog}.information_schema.${view}`,
    query: () => Promise.reject(new Error('not run here')),
    dispose: async () => undefined,
  };
}

const WIDE: InitTable = {
  catalog: 'c`at',
  schema: 'sales',
  name: "odd 'name",
  primaryKey: [],
  columns: [
    { name: 'ratio', type: 'DOUBLE', nullable: true },
    ...Array.from({ length: 12 }, (_, i) => ({ name: `k${i}`, type: i % 2 ? 'STRING' : 'BIGINT', nullable: true })),
    { name: 'price', type: 'DECIMAL(10,2)', nullable: true },
    { name: 'whole', type: 'DECIMAL', scale: 0, nullable: true },
  ],
};

describe('init: pure parts', () => {
  it('globs match whole names with * and ?, ignoring case', () => {
    const m = globMatcher('Ord?r*');
    assert.deepEqual(['orders', 'ORDER', 'ordr', 'xorders', 'order.s'].map(m), [true, true, false, false, true]);
    assert.equal(globMatcher('a.b')('axb'), false, 'dots are literal');
  });

  it('task keys: the job charset, unique ignoring case, never reserved, at most 100 characters', () => {
    const used = new Set<string>(['aggregate_results']);
    assert.equal(uniqueTaskKey('my table!', used), 'my_table_');
    assert.equal(uniqueTaskKey('MY TABLE!', used), 'MY_TABLE__2');
    assert.equal(uniqueTaskKey('Aggregate_Results', used), 'Aggregate_Results_2');
    const long = uniqueTaskKey('x'.repeat(150), used);
    assert.equal(long.length, 100);
    assert.equal(uniqueTaskKey('x'.repeat(150), used).length, 100);
  });

  it('the inference query is bounded: a fixed number of candidates, pairs and rows, floating point never a key', () => {
    const query = inferKeyQuery(sqlOnlySource('duckdb'), WIDE, 5000)!;
    assert.match(query.sql, /LIMIT 5000\)/);
    assert.doesNotMatch(query.sql, /"ratio"|"price"/);
    assert.equal((query.sql.match(/COUNT\(DISTINCT "k\d+"\)/g) ?? []).length, MAX_SINGLE_CANDIDATES);
    assert.equal((query.sql.match(/COUNT\(DISTINCT ROW/g) ?? []).length, 10);
    assert.match(query.sql, /FROM "c`at"\."sales"\."odd 'name"/);
    // Reading the row: the first unique complete column wins; a sampled table says so.
    const row: Record<string, unknown> = { n: '5000' };
    for (let i = 0; i < MAX_SINGLE_CANDIDATES; i++) Object.assign(row, { [`nn_${i}`]: 5000, [`d_${i}`]: i === 3 ? 5000 : 10 });
    assert.deepEqual(query.read(row), { columns: ['k3'], rowsRead: 5000, sampled: true });
    row.nn_3 = 4999;
    for (const [a, b] of [[0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]) row[`p_${a}_${b}`] = a === 1 && b === 4 ? 5000 : 7;
    assert.deepEqual(query.read(row)?.columns, ['k1', 'k4']);
    assert.equal(query.read({ ...row, n: 0 }), undefined, 'an empty table proves nothing');
  });

  it('whole-number decimals can be keys; a table with no key-like column asks nothing', () => {
    const onlyDecimals: InitTable = { ...WIDE, columns: WIDE.columns.filter((c) => !c.name.startsWith('k')) };
    assert.match(inferKeyQuery(sqlOnlySource('duckdb'), onlyDecimals, 10)!.sql, /COUNT\(DISTINCT "whole"\)/);
    assert.equal(inferKeyQuery(sqlOnlySource('duckdb'), { ...onlyDecimals, columns: onlyDecimals.columns.slice(0, 2) }, 10), undefined);
  });

  it('tables that differ: only shared columns are checked, the hash names them, the rest is listed', () => {
    const source: InitTable = {
      catalog: 'a', schema: 's', name: 'Orders', primaryKey: ['ID'],
      columns: [
        { name: 'ID', type: 'INTEGER', nullable: false },
        { name: 'total', type: 'DOUBLE', nullable: true },
        { name: 'legacy_code', type: 'VARCHAR', nullable: false },
      ],
    };
    const target: InitTable = {
      catalog: 'b', schema: 't', name: 'orders', primaryKey: [],
      columns: [{ name: 'id', type: 'BIGINT', nullable: true }, { name: 'TOTAL', type: 'DOUBLE', nullable: true }, { name: 'extra', type: 'INT', nullable: true }],
    };
    const plan = planTasks([source], [target, { ...target, name: 'other' }]);
    assert.deepEqual(plan.targetOnly.map((t) => t.name), ['other']);
    const [planned] = plan.tasks;
    assert.equal(planned!.keyOrigin, 'declared on the source');
    assert.deepEqual(planned!.task.hash_columns, ['ID', 'total']);
    assert.deepEqual(planned!.missingInTarget, ['legacy_code']);
    assert.equal(planned!.task.null_validation_columns, undefined, 'legacy_code is not in the target');
    assert.deepEqual(planned!.task.agg_validations, [{ column: 'total', validations: [{ agg: 'SUM', tolerance: 0.000001 }] }]);
    assert.equal(planned!.task.target_table, 'orders');
  });

  it('the Databricks inference query parses as Spark SQL', () => {
    const sql = inferKeyQuery(sqlOnlySource('databricks'), WIDE, 1_000_000)!.sql;
    assert.match(sql, /struct\(/);
    assert.deepEqual(new SparkSQL().validate(sql).map((e) => e.message), [], sql);
  });
});
