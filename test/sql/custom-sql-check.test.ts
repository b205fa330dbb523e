import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, openDuck, table, task, type Duck } from './support/duck';
import { renderTemplate, sanitizeName, templateVariables, getDialect } from '../../core/src/index';

describe('custom SQL tests on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck();
  });
  after(() => duck.close());

  it('multiset difference both ways with a sample row each way', async () => {
    await table(duck, 'src', 't', `SELECT * FROM (VALUES ('open'), ('open'), ('shipped')) v(status)`);
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES ('open'), ('shipped'), ('lost')) v(status)`);
    const r = await evaluate(duck, task({
      custom_sql_tests: [
        { name: 'All rows', sql: 'SELECT status FROM {{ table_fqn }} ORDER BY 1 -- order is ignored' },
        { name: '123 Status-mix!', sql: `SELECT count(*) AS n FROM {{table_fqn}} WHERE '{{ rendered_role }}' <> 'x'` },
      ],
    }));
    assert.deepEqual(r.payload.custom_sql_validation_all_rows, {
      status: 'FAIL', name: 'All rows', rows_missing_in_target: 1, rows_missing_in_source: 1,
      sample_missing_in_target: { status: 'open' }, sample_missing_in_source: { status: 'lost' },
    });
    assert.equal(r.payload['custom_sql_validation_custom_sql_123_status_mix'].status, 'PASS');
    assert.equal(r.payload['custom_sql_validation_custom_sql_123_status_mix'].sample_missing_in_target, null);
    assert.equal(r.verdict, false);
  });

  it('ignores the filter and passes equal results', async () => {
    await table(duck, 'tgt', 't', `SELECT * FROM (VALUES ('open'), ('shipped'), ('open')) v(status)`);
    const r = await evaluate(duck, task({ filter: 'false', custom_sql_tests: [{ name: 'x', sql: 'SELECT status FROM {{ table_fqn }}' }] }));
    assert.equal(r.verdict, true);
  });

  it('renders the original template variables per role', () => {
    const d = getDialect('databricks');
    const t = task({}, 'orders', 'orders`v2');
    const sql = '{{ source_fqn }}|{{target_fqn}}|{{ table_catalog }}.{{ table_schema }}.{{ table_name }}|{{ rendered_role }}|{{ unknown }}';
    assert.equal(renderTemplate(sql, templateVariables(d, t, 'source')), '`src`.`main`.`orders`|`tgt`.`main`.`orders``v2`|src.main.orders|source|{{ unknown }}');
    assert.equal(renderTemplate('{{ table_fqn }}', templateVariables(d, t, 'target')), '`tgt`.`main`.`orders``v2`');
  });

  it('sanitises names like the original make_sql_identifier', () => {
    assert.equal(sanitizeName('Orders By Region'), 'orders_by_region');
    assert.equal(sanitizeName('special*&^%chars'), 'special_chars');
    assert.equal(sanitizeName('123 Leading digits', 'cte'), 'cte_123_leading_digits');
    assert.equal(sanitizeName('   '), 'custom_sql');
    assert.equal(sanitizeName('Daily Sales'), sanitizeName('Daily-Sales'));
  });
  it('samples the first missing row by its JSON text, so re-runs show the same sample', async () => {
    // Enough rows that DuckDB scans in parallel: a bare LIMIT 1 would return whichever thread finished first.
    await table(duck, 'src', 't', `SELECT range AS id, range % 97 AS v FROM range(200000)`);
    await table(duck, 'tgt', 't', `SELECT range AS id, range % 97 AS v FROM range(200000) WHERE range % 1000 <> 7`);
    const samples = new Set<string>();
    for (let run = 0; run < 5; run++) {
      const r = await evaluate(duck, task({ custom_sql_tests: [{ name: 'rows', sql: 'SELECT id, v FROM {{ table_fqn }}' }] }));
      const check = r.payload.custom_sql_validation_rows;
      assert.equal(check.rows_missing_in_target, 200);
      samples.add(JSON.stringify(check.sample_missing_in_target));
    }
    // The smallest JSON text of the 200 missing rows {"id":7,...}, {"id":1007,...}, ..., {"id":100007,...}: text
    // order, not numeric order ("10000" < "1007").
    assert.deepEqual([...samples], ['{"id":100007,"v":0}']);
  });
});
