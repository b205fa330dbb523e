// The builder's state <-> YAML: a pact opened and saved unchanged is byte-identical; a changed value changes only
// its own text; effective values become the fewest edits (defaults and `<<` merges respected); new pacts load clean.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  applyBuilderState,
  builderStateFromText,
  BuilderInputError,
  duplicateBuilderTask,
  loadPact,
  newBuilderTask,
  pactTextFromState,
  type BuilderState,
} from '../../core/src/index';

const EXAMPLES = readdirSync('examples')
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, text: readFileSync(join('examples', name), 'utf8') }));

const LEGACY = readFileSync('examples/datapact_legacy.yml', 'utf8');

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length, 'the edit must not add or remove lines');
  return b.filter((line, i) => line !== a[i]);
}

function modelOf(text: string) {
  const loaded = loadPact(text);
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), [], text);
  return loaded.pact!;
}

test('every example (and the 2.x pact) opened and saved unchanged is byte-identical', () => {
  assert.ok(EXAMPLES.length >= 4);
  for (const { name, text } of EXAMPLES) {
    assert.equal(applyBuilderState(text, builderStateFromText(text)), text, name);
  }
});

test('a pact written from the builder state of every example means the same pact', () => {
  for (const { name, text } of EXAMPLES) {
    const written = pactTextFromState(builderStateFromText(text));
    assert.deepEqual(modelOf(written).validations, modelOf(text).validations, name);
    assert.deepEqual(modelOf(written).engine, modelOf(text).engine, name);
  }
});

test('changing a tolerance changes that line only, keeping its comments', () => {
  const text = readFileSync('examples/demo.pact.yml', 'utf8');
  const state = builderStateFromText(text);
  const task = state.tasks.find((t) => t.values.count_tolerance !== undefined)!;
  task.values.count_tolerance = 0.25;
  const edited = applyBuilderState(text, state);
  const lines = changedLines(text, edited);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /count_tolerance: 0\.25/);
  assert.equal(modelOf(edited).validations.find((t) => t.task_key === task.values.task_key)!.count_tolerance, 0.25);
});

test('a value inside a flow mapping of a nested list is replaced where it stands', () => {
  const state = builderStateFromText(LEGACY);
  const aggs = state.tasks[0]!.values.agg_validations as { validations: { tolerance: number }[] }[];
  aggs[0]!.validations[0]!.tolerance = 0.5;
  const edited = applyBuilderState(LEGACY, state);
  assert.deepEqual(changedLines(LEGACY, edited), ['          - { agg: sum, tolerance: 0.5 }']);
});

test('a value inherited from `<<: *defaults` is overridden in that task only; clearing it writes null', () => {
  const state = builderStateFromText(LEGACY);
  assert.equal(state.tasks[1]!.values.business_domain, 'Retail', 'the builder shows effective values');
  state.tasks[1]!.values.business_domain = 'Reference data';
  delete state.tasks[0]!.values.business_domain;
  const edited = applyBuilderState(LEGACY, state);
  const pact = modelOf(edited);
  assert.equal(pact.validations[1]!.business_domain, 'Reference data');
  assert.equal(pact.validations[0]!.business_domain, undefined);
  assert.match(edited, /defaults: &defaults\n {2}source_catalog: legacy_fed/, 'the anchor block is kept');
  assert.match(edited, /# A pact in the original DataPact 2\.x format/, 'comments are kept');
  // Re-opened, the state is what was saved.
  assert.deepEqual(builderStateFromText(edited).tasks.map((t) => t.values.business_domain), [undefined, 'Reference data']);
});

test('an edit that keeps the inherited value writes nothing', () => {
  const state = builderStateFromText(LEGACY);
  state.tasks[1]!.values.target_catalog = 'lakehouse';
  assert.equal(applyBuilderState(LEGACY, state), LEGACY);
});

test('tasks added, duplicated and removed: comments of the kept tasks stay, the file validates', () => {
  const text = readFileSync('examples/orders.pact.yml', 'utf8');
  let state: BuilderState = builderStateFromText(text);
  state = duplicateBuilderTask(state, 0);
  assert.equal(state.tasks[1]!.values.task_key, 'orders_copy');
  state.tasks.splice(2, 1); // order_lines
  state.tasks.push(newBuilderTask(state, { catalog: 'legacy', schema: 'sales', table: 'Returns' }, { schema: 'gold' }));
  const edited = applyBuilderState(text, state);
  const pact = modelOf(edited);
  assert.deepEqual(pact.validations.map((t) => t.task_key), ['orders', 'orders_copy', 'customers', 'returns']);
  assert.equal(pact.validations[3]!.target_table, 'Returns');
  assert.equal(pact.validations[3]!.business_domain, 'Sales', 'a new task still inherits defaults it does not override');
  assert.equal(pact.validations[3]!.target_catalog, 'lakehouse', 'the target catalog defaults to the pact\'s default target');
  assert.match(edited, /primary_keys: \[order_id\]/, 'flow lists keep the examples\' spelling when re-printed');
  assert.match(edited, /# Merged into every task below; a task's own keys win\./);
  assert.match(edited, /folder: one sub-folder per schema/);
});

test('a new pact from the builder validates clean and reads back as the same state', () => {
  const state: BuilderState = { engine: { type: 'duckdb', catalogs: { legacy: 'data/legacy.duckdb', lake: 'data/lake' } }, tasks: [] };
  state.tasks.push(newBuilderTask(state, { catalog: 'legacy', schema: 'sales', table: 'orders' }, { catalog: 'lake' }));
  state.tasks[0]!.values.primary_keys = ['order_id'];
  state.tasks[0]!.values.pk_row_hash_check = true;
  state.tasks[0]!.values.agg_validations = [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }];
  const text = pactTextFromState(state);
  modelOf(text);
  assert.match(text, /primary_keys: \[order_id\]/);
  assert.deepEqual(builderStateFromText(text).tasks.map((t) => t.values), state.tasks.map((t) => t.values));
});

test('any string written by the builder reads back exactly, in place or re-printed', () => {
  const text = readFileSync('examples/orders.pact.yml', 'utf8');
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.boolean(), (owner, structural) => {
      const state = builderStateFromText(text);
      state.tasks[0]!.values.business_owner = owner;
      if (structural) state.tasks[0]!.values.business_domain = undefined as never;
      if (structural) delete state.tasks[0]!.values.business_domain;
      const edited = applyBuilderState(text, state);
      assert.equal(builderStateFromText(edited).tasks[0]!.values.business_owner, owner);
    }),
    { numRuns: 300 },
  );
});

test('text the builder cannot edit safely is refused with a reason, never rewritten', () => {
  assert.throws(() => builderStateFromText('validations: [\n'), BuilderInputError);
  assert.throws(() => builderStateFromText('- a\n- b\n'), /mapping/);
  assert.throws(() => builderStateFromText('validations: 3\n'), /list of tasks/);
  assert.throws(() => builderStateFromText('validations:\n  - 3\n'), /task 1 is not a mapping/);
});

test('a new task is written with its keys in the model\'s order, every key of the model included', () => {
  // Given in reverse, each key of a task (naive_timestamp_zone too, the newest) must come out in the model's order.
  const values: Record<string, unknown> = {
    estimated_impact_usd: 1000, business_owner: 'steward', null_validation_tolerance: 0.1, naive_timestamp_zone: 'Europe/Paris',
    allow_empty: true, count_tolerance: 0, target_table: 'b', target_schema: 's', target_catalog: 'lake',
    source_table: 'a', source_schema: 's', source_catalog: 'lake', task_key: 't',
  };
  const text = pactTextFromState({ tasks: [{ values }] } as unknown as BuilderState);
  const keys = text.split('\n').filter((line) => /^ {2}(- | {2})\w+:/.test(line)).map((line) => line.trim().replace(/^- /, '').split(':')[0]);
  assert.deepEqual(keys, [
    'task_key', 'source_catalog', 'source_schema', 'source_table', 'target_catalog', 'target_schema', 'target_table',
    'count_tolerance', 'allow_empty', 'naive_timestamp_zone', 'null_validation_tolerance', 'business_owner', 'estimated_impact_usd',
  ]);
});

test('the model\'s key order lists every task key of the schema, and no other', async () => {
  const schema = JSON.parse(readFileSync('schemas/pact.schema.json', 'utf8')) as { $defs: { task: { properties: Record<string, unknown> } } };
  const { TASK_KEY_ORDER } = await import('../../core/src/index');
  assert.deepEqual([...TASK_KEY_ORDER].sort(), Object.keys(schema.$defs.task.properties).sort());
});
