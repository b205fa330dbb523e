// Pacts in the original DataPact 2.x format load unchanged, with the model we expect: every key of the
// format, YAML anchors and `<<` merge keys for shared settings, lower-case agg and priority, integers for floats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPact, type Pact } from '../../core/src/index';

const LEGACY = `
# DataPact 2.x style: the anchor block lives under an otherwise ignored top-level key.
defaults: &defaults
  source_catalog: legacy_fed
  target_catalog: lakehouse
  count_tolerance: 0.01
  business_domain: Finance
  business_owner: Controller team

validations:
  - task_key: orders_full
    <<: *defaults
    source_schema: sales
    source_table: orders
    target_schema: gold
    target_table: orders
    primary_keys: [order_id, line_no]
    filter: "  order_ts >= '2025-01-01'  "
    count_tolerance: 0.005
    pk_row_hash_check: true
    pk_hash_tolerance: 0.001
    hash_columns: [qty, unit_price, status]
    null_validation_tolerance: 0.02
    null_validation_columns: [status, ship_date]
    agg_validations:
      - column: unit_price
        validations:
          - { agg: sum, tolerance: 0.0001 }
          - { agg: Max, tolerance: 0 }
    uniqueness_columns: [order_id, line_no]
    uniqueness_tolerance: 0.0
    business_priority: high
    expected_sla_hours: 6
    estimated_impact_usd: 75000
    custom_sql_tests:
      - name: Status mix
        description: Row counts per status must match
        sql: |
          SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status
      - name: 123 Leading digits
        sql: SELECT 1 AS one

  - task_key: dim_region_counts_only
    <<: *defaults
    source_schema: ref
    source_table: region
    target_schema: silver
    target_table: region
    count_tolerance: 0
    business_priority: Low
`;

const COMMON = { source_catalog: 'legacy_fed', target_catalog: 'lakehouse', business_domain: 'Finance', business_owner: 'Controller team' };

const EXPECTED: Pact = {
  validations: [
    {
      ...COMMON,
      task_key: 'orders_full',
      source_schema: 'sales',
      source_table: 'orders',
      target_schema: 'gold',
      target_table: 'orders',
      primary_keys: ['order_id', 'line_no'],
      filter: "order_ts >= '2025-01-01'",
      count_tolerance: 0.005,
      pk_row_hash_check: true,
      pk_hash_tolerance: 0.001,
      hash_columns: ['qty', 'unit_price', 'status'],
      null_validation_tolerance: 0.02,
      null_validation_columns: ['status', 'ship_date'],
      agg_validations: [
        { column: 'unit_price', validations: [{ agg: 'SUM', tolerance: 0.0001 }, { agg: 'MAX', tolerance: 0 }] },
      ],
      uniqueness_columns: ['order_id', 'line_no'],
      uniqueness_tolerance: 0,
      business_priority: 'HIGH',
      expected_sla_hours: 6,
      estimated_impact_usd: 75000,
      custom_sql_tests: [
        {
          name: 'Status mix',
          description: 'Row counts per status must match',
          sql: 'SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status',
        },
        { name: '123 Leading digits', sql: 'SELECT 1 AS one' },
      ],
    },
    {
      ...COMMON,
      task_key: 'dim_region_counts_only',
      source_schema: 'ref',
      source_table: 'region',
      target_schema: 'silver',
      target_table: 'region',
      count_tolerance: 0,
      business_priority: 'LOW',
    },
  ],
};

test('a DataPact 2.x pact with anchors and merge keys loads unchanged', () => {
  const loaded = loadPact(LEGACY);
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact, EXPECTED);
});

test('the same pact without the merge keys gives the same model (defaults are merged anyway)', () => {
  const loaded = loadPact(LEGACY.replace(/^\s+<<: \*defaults\n/gm, '').replace('defaults: &defaults', 'defaults:'));
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact, EXPECTED);
});

test('raw keeps the document as plain data, even when it does not validate', () => {
  const loaded = loadPact(LEGACY.replace('count_tolerance: 0.005', 'count_tolerance: 5'));
  assert.equal(loaded.pact, undefined);
  const raw = loaded.raw as { validations: Array<Record<string, unknown>> };
  assert.equal(raw.validations[0]!.count_tolerance, 5);
  assert.equal(raw.validations[1]!.source_catalog, 'legacy_fed');
});

const TABLES = `
    source_catalog: s
    source_schema: s
    source_table: t
    target_catalog: t
    target_schema: s
    target_table: t`;

test('a task key wins over defaults, and null in a task clears a default', () => {
  const loaded = loadPact(`
defaults:
  count_tolerance: 0.1
  filter: region = 'EU'
  business_priority: medium
validations:
  - task_key: a${TABLES}
    count_tolerance: 0
    filter: null
  - task_key: b${TABLES}
`);
  assert.deepEqual(loaded.problems, []);
  const [a, b] = loaded.pact!.validations;
  assert.equal(a!.count_tolerance, 0);
  assert.equal('filter' in a!, false);
  assert.equal(a!.business_priority, 'MEDIUM');
  assert.equal(b!.count_tolerance, 0.1);
  assert.equal(b!.filter, "region = 'EU'");
});

test('the extensions load into the model: version, engine, hash options', () => {
  const loaded = loadPact(`
version: 1
engine:
  type: duckdb
  catalogs: { s: data/s, t: data/t.duckdb }
  results: out/history.duckdb
validations:
  - task_key: a${TABLES}
    primary_keys: [id]
    pk_row_hash_check: true
    hash_algorithm: md5
    sample_size: 0
    agg_validations:
      - column: x
        validations: [{ agg: count_distinct, tolerance: 0 }, { agg: StdDev, tolerance: 1 }]
`);
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.pact!.version, '1');
  assert.deepEqual(loaded.pact!.engine, { type: 'duckdb', catalogs: { s: 'data/s', t: 'data/t.duckdb' }, results: 'out/history.duckdb' });
  const task = loaded.pact!.validations[0]!;
  assert.equal(task.hash_algorithm, 'md5');
  assert.equal(task.sample_size, 0);
  assert.deepEqual(task.agg_validations![0]!.validations.map((v) => v.agg), ['COUNT_DISTINCT', 'STDDEV']);
});

test('a default shared by tasks that do not use its check is not a half-configured check', () => {
  const loaded = loadPact(`
defaults:
  null_validation_tolerance: 0.01
  uniqueness_tolerance: 0
  pk_hash_tolerance: 0.001
  exclude_columns: [etl_loaded_at]
  compare: strict
validations:
  - task_key: a${TABLES}
    null_validation_columns: [x]
  - task_key: b${TABLES}
`);
  assert.deepEqual(loaded.problems, []);
  assert.equal(loaded.pact!.validations[0]!.null_validation_tolerance, 0.01);
});

test('a ; inside a string literal or a comment of a filter is fine', () => {
  const loaded = loadPact(`
validations:
  - task_key: a${TABLES}
    filter: "note <> 'a;b' /* ; */"
`);
  assert.deepEqual(loaded.problems, []);
});
