import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, task, type Duck } from './support/duck';
import { getDialect, quoteDuckDbIdentifier } from '../../core/src/index';
import type { Task } from '../../core/src/index';

const WEIRD = 'we"ird';
const TICK = 'a`b c';

/** Every check at once over names that need quoting, in catalogs whose names need quoting too. */
function weirdTask(): Task {
  return task({
    task_key: "it's \\ weird",
    source_catalog: 'src"cat',
    target_catalog: 'tgt`cat',
    primary_keys: [WEIRD, 'café'],
    count_tolerance: 0,
    pk_row_hash_check: true,
    null_validation_columns: [TICK, '数量'],
    null_validation_tolerance: 0,
    agg_validations: [{ column: '数量', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] }],
    uniqueness_columns: [WEIRD, 'café'],
    uniqueness_tolerance: 0,
    filter: `"数量" >= 0 OR "数量" IS NULL`,
    custom_sql_tests: [{ name: 'Quoted', sql: `SELECT "${TICK}" FROM {{ table_fqn }} WHERE "café" <> 'it''s'` }],
    business_owner: "O'Brien \\ team",
  }, 'select', 'select');
}

describe('quoting and escaping', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck(['src"cat', 'tgt`cat']);
  });
  after(() => duck.close());

  it('runs every check over names that need quoting (DuckDB)', async () => {
    for (const cat of ['src"cat', 'tgt`cat']) {
      await duck.run(
        `CREATE TABLE ${quoteDuckDbIdentifier(cat)}.main."select" AS SELECT * FROM (VALUES
           ('k1', 'é', 'x', 1), ('k2', 'ü', NULL, 2), (NULL, '', 'z', NULL)) v("we""ird", "café", "a\`b c", "数量")`,
      );
    }
    const r = await evaluate(duck, weirdTask());
    assert.equal(r.verdict, true, JSON.stringify(r.payload));
    assert.deepEqual(Object.keys(r.payload), [
      'applied_filter', 'configured_primary_keys', 'count_validation', 'row_hash_validation',
      `null_validation_${TICK}`, 'null_validation_数量', 'agg_validation_数量_SUM', 'agg_validation_数量_MAX',
      `uniqueness_validation_${WEIRD}_café`, 'custom_sql_validation_quoted', 'rows_compared',
    ]);
    assert.equal(r.payload.row_hash_validation.compared_rows, 3);
    assert.equal(r.payload['null_validation_数量'].source_nulls, 1);
    assert.equal(r.payload['agg_validation_数量_SUM'].source_value, 3);
    assert.deepEqual(r.payload.configured_primary_keys, [WEIRD, 'café']);

    await duck.run(`UPDATE "tgt\`cat".main."select" SET "a\`b c" = 'changed' WHERE "we""ird" = 'k1'`);
    const changed = await evaluate(duck, weirdTask());
    assert.deepEqual(changed.payload.row_hash_validation.samples.mismatched, [{ [WEIRD]: 'k1', café: 'é' }]);
    assert.equal(changed.verdict, false);
  });

  it('escapes identifiers per dialect', () => {
    assert.equal(getDialect('duckdb').quoteIdentifier('we"ird'), '"we""ird"');
    assert.equal(getDialect('databricks').quoteIdentifier('a`b c'), '`a``b c`');
    assert.equal(getDialect('databricks').quoteIdentifier('select'), '`select`');
  });

  it('escapes string literals per dialect (Databricks also escapes backslash)', () => {
    assert.equal(getDialect('duckdb').stringLiteral("O'Brien \\ x"), "'O''Brien \\ x'");
    assert.equal(getDialect('databricks').stringLiteral("O'Brien \\ x"), "'O\\'Brien \\\\ x'");
  });

  it('no name from the pact appears unquoted in the generated SQL', async () => {
    const { compileTask } = await import('../../core/src/index');
    for (const dialect of ['duckdb', 'databricks'] as const) {
      // filter and custom SQL are raw SQL by design (and DuckDB-flavoured here): left out of this check.
      const { filter: _f, custom_sql_tests: _c, ...generatedOnly } = weirdTask();
      const sql = compileTask(generatedOnly, dialect).metricsSql;
      const d = getDialect(dialect);
      // Strip quoted identifiers and string literals; what is left must not contain the YAML names.
      const rest = sql
        .replace(dialect === 'duckdb' ? /"(?:[^"]|"")*"/g : /`(?:[^`]|``)*`/g, ' ')
        .replace(dialect === 'duckdb' ? /'(?:[^']|'')*'/g : /'(?:[^'\\]|\\.)*'/g, ' ');
      for (const name of ['we', 'café', '数量', 'select"', 'weird']) assert.ok(!rest.includes(name), `${dialect}: ${name} unquoted`);
      assert.ok(sql.includes(d.quoteIdentifier('数量')));
    }
  });
});
