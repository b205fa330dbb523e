// The schema is the single source of hover text, completion and validation: every key documented, and
// its key set in step with the model and the loader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AGG_FUNCTIONS, BUSINESS_PRIORITIES, ENGINE_TYPES, HASH_ALGORITHMS, LEGACY_KEYS, loadPact, makeSqlIdentifier, PACT_SCHEMA } from '../../core/src/index';

type Schema = Record<string, any>;
const schema = PACT_SCHEMA as Schema;
const defs = schema.$defs as Record<string, Schema>;

function properties(node: Schema): Array<[string, Schema]> {
  return Object.entries((node.properties ?? {}) as Record<string, Schema>);
}

test('every key has a description and an example or a default', () => {
  const nodes: Array<[string, Schema]> = [
    ...properties(schema).map(([k, v]) => [`/${k}`, v] as [string, Schema]),
    ...['task', 'engine', 'aggColumn', 'aggValidation', 'customSqlTest'].flatMap((d) => properties(defs[d]!).map(([k, v]) => [`${d}/${k}`, v] as [string, Schema])),
  ];
  assert.ok(nodes.length > 40);
  const missing = nodes.filter(([, v]) => typeof v.description !== 'string' || v.description.length < 10).map(([k]) => k);
  assert.deepEqual(missing, [], 'without description');
  const noExample = nodes.filter(([, v]) => !('examples' in v) && !('default' in v) && !(v.$ref && defs[String(v.$ref).split('/').pop()!]?.examples)).map(([k]) => k);
  assert.deepEqual(noExample, [], 'without example or default');
});

test('every object forbids unknown keys', () => {
  for (const name of ['task', 'engine', 'aggColumn', 'aggValidation', 'customSqlTest']) assert.equal(defs[name]!.additionalProperties, false, name);
  assert.equal(schema.additionalProperties, false);
});

test('the schema enums match the model constants', () => {
  assert.deepEqual(defs.aggValidation!.properties.agg.anyOf[0].enum, [...AGG_FUNCTIONS]);
  assert.deepEqual(defs.task!.properties.business_priority.anyOf[0].enum, [...BUSINESS_PRIORITIES]);
  assert.deepEqual(defs.task!.properties.hash_algorithm.enum, [...HASH_ALGORITHMS]);
  assert.deepEqual(defs.engine!.properties.type.enum, [...ENGINE_TYPES]);
});

test('agg and business_priority accept any case, and nothing else', () => {
  const pattern = new RegExp(defs.aggValidation!.properties.agg.anyOf[1].pattern, 'u');
  for (const agg of AGG_FUNCTIONS) for (const v of [agg, agg.toLowerCase(), agg[0] + agg.slice(1).toLowerCase()]) assert.ok(pattern.test(v), v);
  for (const v of ['MEDIAN', 'sum(x)', 'COUNTDISTINCT', '']) assert.ok(!pattern.test(v), v);
  const priority = new RegExp(defs.task!.properties.business_priority.anyOf[1].pattern, 'u');
  for (const v of ['critical', 'High', 'mEdIuM', 'LOW']) assert.ok(priority.test(v), v);
  assert.ok(!priority.test('urgent'));
});

test('legacy keys are not schema keys (they are refused with their replacement)', () => {
  const taskKeys = Object.keys(defs.task!.properties);
  for (const [legacy, replacement] of Object.entries(LEGACY_KEYS)) {
    assert.ok(!taskKeys.includes(legacy), legacy);
    assert.ok(taskKeys.includes(replacement), replacement);
  }
});

test('every task key of the schema reaches the model', () => {
  const taskKeys = Object.keys(defs.task!.properties);
  const values: Record<string, string> = {
    primary_keys: '[id]', filter: 'x > 1', count_tolerance: '0', pk_row_hash_check: 'true', pk_hash_tolerance: '0',
    hash_columns: '[a]', hash_algorithm: 'md5', sample_size: '3', null_validation_tolerance: '0', null_validation_columns: '[a]',
    agg_validations: '[{column: a, validations: [{agg: sum, tolerance: 0}]}]', uniqueness_columns: '[id]', uniqueness_tolerance: '0',
    business_domain: 'd', business_owner: 'o', business_priority: 'low', expected_sla_hours: '1', estimated_impact_usd: '2',
    custom_sql_tests: '[{name: n, sql: SELECT 1, description: d}]', exclude_columns: '[b]', compare: 'strict', allow_empty: 'true',
    naive_timestamp_zone: 'Europe/Paris',
  };
  const tables = ['source_catalog', 'source_schema', 'source_table', 'target_catalog', 'target_schema', 'target_table'];
  const line = (k: string, key = 't') => `    ${k}: ${k === 'task_key' ? key : tables.includes(k) ? 'x' : values[k]}`;
  assert.ok(!taskKeys.map((k) => line(k)).some((l) => l.endsWith('undefined')), 'a value for every key');
  // Two tasks between them set every key: hash_columns and exclude_columns conflict in one task (conflicting-keys).
  const task = (without: string, key: string) => taskKeys.filter((k) => k !== without).map((k) => line(k, key)).join('\n').trimStart();
  const loaded = loadPact(`validations:\n  - ${task('exclude_columns', 't1')}\n  - ${task('hash_columns', 't2')}\n`);
  assert.deepEqual(loaded.problems, []);
  const modelKeys = new Set(loaded.pact!.validations.flatMap((t) => Object.keys(t)));
  assert.deepEqual([...modelKeys].sort(), [...taskKeys].sort());
});

test('the schema file is the one the extension manifest points to', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
  const onDisk = JSON.parse(readFileSync(join(import.meta.dirname, '../..', manifest.contributes.yamlValidation[0].url), 'utf8'));
  assert.deepEqual(onDisk, PACT_SCHEMA);
});

test('custom SQL test names become identifiers as in DataPact 2.x', () => {
  assert.equal(makeSqlIdentifier('Orders By Region'), 'orders_by_region');
  assert.equal(makeSqlIdentifier('123 Leading digits', 'cte'), 'cte_123_leading_digits');
  assert.equal(makeSqlIdentifier('special*&^%chars'), 'special_chars');
  assert.equal(makeSqlIdentifier('   ', 'cte'), 'cte');
  assert.equal(makeSqlIdentifier('Daily Sales'), makeSqlIdentifier('Daily-Sales'));
});
