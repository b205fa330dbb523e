/** The catalog rules as a pure function: a pact, its source, and catalog answers (here read from real DuckDB). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogMemo, catalogQuestions, checkAgainstCatalog, loadPact, openDuckDbCatalogProvider } from '../../core/src/index';
import { buildCatalogs } from '../protocol/catalog-fixture';

const PACT = `validations:
  - task_key: t
    source_catalog: wh
    source_schema: main
    source_table: orders
    target_catalog: lake
    target_schema: sales
    target_table: orders
    pk_row_hash_check: true
    pk_hash_tolerance: 0
    hash_columns: [name, status]
    uniqueness_columns: [id]
    uniqueness_tolerance: 0
    agg_validations:
      - column: amount
        validations:
          - { agg: avg, tolerance: 0.1 }
      - column: status
        validations:
          - { agg: max, tolerance: 0 }
          - { agg: stddev, tolerance: 0 }
  - task_key: u
    source_catalog: whx
    source_schema: main
    source_table: orders
    target_catalog: gone
    target_schema: main
    target_table: orders
`;

test('columns missing on one side, non-numeric aggregates, unknown catalogs, the declared key, one note per unreadable catalog', async () => {
  const fixture = await buildCatalogs();
  const memo = new CatalogMemo(openDuckDbCatalogProvider({ wh: fixture.warehouse, lake: fixture.lake, gone: '/nowhere/at/all' }));
  const { raw, source } = loadPact(PACT);
  await memo.load(catalogQuestions(raw));
  const problems = checkAgainstCatalog(raw, source, memo);
  const found = problems.map((p) => [p.code, PACT.slice(p.start, p.end), p.data?.side ?? p.data?.suggestion ?? '']);
  assert.deepEqual(found, [
    ['catalog-unavailable', '', ''],
    ['unknown-column', 'status', 'target'], // hash_columns
    ['unknown-column', 'status', 'target'], // the aggregate's column
    ['non-numeric-aggregate', 'stddev', 'source'],
    ['primary-keys-not-set', 't', ''],
    ['unknown-catalog', 'whx', 'wh'],
  ]);
  const pk = problems.find((p) => p.code === 'primary-keys-not-set')!;
  assert.equal(pk.severity, 'warning');
  assert.deepEqual(pk.data, { primaryKey: ['id'] });
  await memo.dispose();
});
