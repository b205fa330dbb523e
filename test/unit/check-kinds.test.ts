/** The check-kind registry is the one home the rest reads from: it must agree with the schema and the SQL. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECK_KINDS, checkKindOfPayloadKey, compileTask, PACT_SCHEMA, type Task } from '../../core/src/index';

const taskKeys = Object.keys((PACT_SCHEMA as { $defs: { task: { properties: object } } }).$defs.task.properties);

test('every key a kind declares is a task key of the schema', () => {
  for (const kind of CHECK_KINDS) {
    for (const key of [...kind.keys, ...kind.columnListKeys, ...kind.snippet.writes, ...(kind.outline ? [kind.outline.key] : [])]) {
      assert.ok(taskKeys.includes(key), `${kind.id}: ${key} is not in the schema`);
    }
  }
});

test('every payload key the SQL produces belongs to exactly one kind, and each kind has a people name for it', () => {
  const task: Task = {
    task_key: 't',
    source_catalog: 'a', source_schema: 'b', source_table: 'c',
    target_catalog: 'a', target_schema: 'b', target_table: 'd',
    primary_keys: ['id'],
    count_tolerance: 0,
    pk_row_hash_check: true,
    pk_hash_tolerance: 0,
    null_validation_tolerance: 0,
    null_validation_columns: ['phone'],
    agg_validations: [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'COUNT_DISTINCT', tolerance: 0 }] }],
    uniqueness_columns: ['id', 'region'],
    uniqueness_tolerance: 0,
    custom_sql_tests: [{ name: 'status mix', sql: 'SELECT 1 FROM {{ table_fqn }}' }],
  } as Task;
  const keys = compileTask(task, 'duckdb').checkKeys;
  const labels = keys.map((key) => {
    const owners = CHECK_KINDS.filter((k) => k.ownsPayloadKey(key));
    assert.equal(owners.length, 1, `${key} is claimed by ${owners.map((k) => k.id).join(', ') || 'no kind'}`);
    return checkKindOfPayloadKey(key)!.label(key, { name: 'status mix' }, task);
  });
  assert.deepEqual(labels, [
    'row count',
    'row hash',
    'nulls in phone',
    'SUM(amount)',
    'COUNT(DISTINCT amount)',
    'uniqueness of (id, region)',
    "custom SQL 'status mix'",
    'rows compared',
  ]);
  // Every kind is exercised above: a new kind without a payload name fails here.
  assert.equal(new Set(keys.map((k) => checkKindOfPayloadKey(k)!.id)).size, CHECK_KINDS.length);
});

test('a uniqueness name says which columns: the task tells [id, region] from [id_region]', () => {
  const kind = checkKindOfPayloadKey('uniqueness_validation_id_region')!;
  const label = (columns?: string[]) => kind.label('uniqueness_validation_id_region', {}, columns ? { uniqueness_columns: columns } : undefined);
  assert.equal(label(['id', 'region']), 'uniqueness of (id, region)');
  assert.equal(label(['id_region']), 'uniqueness of id_region');
  // A task whose columns do not make this key (another version of the pact): the key's own text, not a guess.
  assert.equal(label(['order_id']), 'uniqueness of id_region');
  assert.equal(label(), 'uniqueness of id_region');
});
