/**
 * A third dialect is one class: this file defines it (ANSI defaults from BaseDialect plus the nine hooks that
 * have no portable spelling), registers it, and runs the generator's output on DuckDB. It deliberately has no
 * bounded sample aggregate, so it also exercises the LIMIT'd-subquery sample path that Databricks uses.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BaseDialect, compileTask, findDialect, listDialects, registerDialect, type HashAlgorithm, type JsonField } from '../../core/src/index';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';

class MiniDialect extends BaseDialect {
  readonly name: string = 'mini';
  wholeRow(_rowAlias: string): string {
    return 'struct_pack(*COLUMNS(*))';
  }
  rowHash(columns: readonly string[] | null, wholeRow: string, _algorithm: HashAlgorithm): string {
    return `md5(CAST(${columns ? `json_array(${columns.join(', ')})` : `to_json(${wholeRow})`} AS VARCHAR))`;
  }
  jsonObject(fields: readonly JsonField[]): string {
    return `json_object(${fields.map(([n, e]) => `${this.stringLiteral(n)}, ${e}`).join(', ')})`;
  }
  stringArray(values: readonly string[]): string {
    return `CAST([${values.map((v) => this.stringLiteral(v)).join(', ')}] AS VARCHAR[])`;
  }
  rowAsJson(wholeRow: string): string {
    return `to_json(${wholeRow})`;
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

  it('a column named like a row alias does not stand in for the row: the base hands the hooks the whole row', async () => {
    // Without column lists the row hash and the custom SQL sample read the whole row; DuckDB binds a column before an
    // alias, so a dialect handed the bare alias would hash the one column `src_row` and pass the change of `v`.
    const names = ['src_row', 'tgt_row', 'x'].map((n) => `1 AS ${n}`).join(', ');
    await table(duck, 'src', 't', `SELECT 1 AS id, ${names}, 'a' AS v`);
    await table(duck, 'tgt', 't', `SELECT 1 AS id, ${names}, 'b' AS v`);
    const t = task({ primary_keys: ['id'], pk_row_hash_check: true, custom_sql_tests: [{ name: 'rows', sql: 'SELECT * FROM {{ table_fqn }}' }] });
    const payload = JSON.parse((await duck.run(compileTask(t, new MiniDialect()).metricsSql))[0]!.result_payload as string);
    assert.equal(payload.row_hash_validation.mismatch_count, 1);
    assert.deepEqual(payload.custom_sql_validation_rows.sample_missing_in_target, { id: 1, src_row: 1, tgt_row: 1, x: 1, v: 'a' });
  });

  it('a dialect whose whole row names the bare alias is refused when the SQL is compiled', () => {
    class BareAliasDialect extends MiniDialect {
      override readonly name = 'bare-alias';
      override wholeRow(rowAlias: string): string {
        return rowAlias;
      }
    }
    const t = task({ primary_keys: ['id'], pk_row_hash_check: true });
    assert.throws(() => compileTask(t, new BareAliasDialect()), /wholeRow\('src_row'\) is "src_row", which names the bare row alias/);
    // `alias.*` is the relation's columns (Databricks), not a column: allowed.
    assert.doesNotThrow(() => compileTask(t, findDialect('databricks')!));
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
