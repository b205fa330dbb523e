/**
 * A third dialect is one class: this file defines it (ANSI defaults from BaseDialect plus the eight hooks that
 * have no portable spelling), registers it, and runs the generator's output on DuckDB. It deliberately has no
 * bounded sample aggregate, so it also exercises the LIMIT'd-subquery sample path that Databricks uses.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BaseDialect, compileTask, findDialect, listDialects, registerDialect, type HashAlgorithm, type JsonField } from '../../core/src/index';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

class MiniDialect extends BaseDialect {
  readonly name = 'mini';
  rowHash(columns: readonly string[] | null, rowAlias: string, _algorithm: HashAlgorithm): string {
    return `md5(CAST(${columns ? `json_array(${columns.join(', ')})` : `to_json(${rowAlias})`} AS VARCHAR))`;
  }
  jsonObject(fields: readonly JsonField[]): string {
    return `json_object(${fields.map(([n, e]) => `${this.stringLiteral(n)}, ${e}`).join(', ')})`;
  }
  stringArray(values: readonly string[]): string {
    return `CAST([${values.map((v) => this.stringLiteral(v)).join(', ')}] AS VARCHAR[])`;
  }
  rowAsJson(rowAlias: string): string {
    return `to_json(${rowAlias})`;
  }
  toJsonText(value: string): string {
    return `CAST(to_json(${value}) AS VARCHAR)`;
  }
  collectSorted(expr: string): string {
    return `list(${expr} ORDER BY ${expr})`;
  }
  emptyArray(): string {
    return 'CAST([] AS JSON[])';
  }
  raiseError(messageExpr: string): string {
    return `error(${messageExpr})`;
  }
}

describe('a third dialect is one file', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  it('registers by name', () => {
    registerDialect(new MiniDialect());
    assert.ok(listDialects().includes('mini' as never));
    assert.ok(findDialect('mini'));
  });

  it('produces the same payload as the DuckDB dialect, samples through LIMIT subqueries', async () => {
    await table(duck, 'src', 't', `SELECT range AS id, range % 7 AS v FROM range(50)`);
    await table(duck, 'tgt', 't', `SELECT range AS id, CASE WHEN range IN (3, 9) THEN -1 ELSE range % 7 END AS v FROM range(1, 52)`);
    const t = task({
      primary_keys: ['id'], pk_row_hash_check: true, hash_algorithm: 'md5', sample_size: 1, count_tolerance: 0.1,
      null_validation_columns: ['v'], null_validation_tolerance: 0, uniqueness_columns: ['id'], uniqueness_tolerance: 0,
      agg_validations: [{ column: 'v', validations: [{ agg: 'SUM', tolerance: 0.1 }] }],
      custom_sql_tests: [{ name: 'v', sql: 'SELECT v FROM {{ table_fqn }}' }],
    });
    const { readDuckDbTaskColumns } = await import('../../core/src/engines/duckdb/duckdb-task-columns');
    const sql = compileTask(t, new MiniDialect(), await readDuckDbTaskColumns(duck.connection, t)).metricsSql;
    assert.match(sql, /LIMIT 1\) AS x\) AS sample_mismatched/);
    const mini = (await duck.run(sql))[0]!;
    const reference = await evaluate(duck, t);
    assert.deepEqual(JSON.parse(mini.result_payload as string), reference.payload);
    assert.deepEqual(reference.payload.row_hash_validation.samples, { mismatched: [{ id: 3 }], missing_in_target: [{ id: 0 }], missing_in_source: [{ id: 50 }] });
  });

  it('LIMIT samples take NULL keys last even where ASC sorts NULLs first (Spark\'s default)', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES (NULL, 1), (2, 1), (5, 1)) v(id, v)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES (9, 1)) v(id, v)`);
    const t = task({ primary_keys: ['id'], pk_row_hash_check: true, sample_size: 1 });
    await duck.run(`SET default_null_order = 'nulls_first'`);
    try {
      const mini = (await duck.run(compileTask(t, new MiniDialect()).metricsSql))[0]!;
      assert.deepEqual(JSON.parse(mini.result_payload as string).row_hash_validation.samples.missing_in_target, [{ id: 2 }]);
    } finally {
      await duck.run(`RESET default_null_order`);
    }
  });
});
