// The position helpers the adapters use: pathAt (language server), lineColumn (CLI), source.locate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineColumn, loadPact, pathAt } from '../../core/src/index';

const TEXT = `defaults: &d
  count_tolerance: 0.1
validations:
  - task_key: orders
    <<: *d
    primary_keys: [order_id, line_no]
    filter:
    agg_validations:
      - column: amount
        validations:
          - { agg: SUM, tolerance: 0 }
`;
const source = loadPact(TEXT).source;
const at = (needle: string, delta = 0) => TEXT.indexOf(needle) + delta;

test('pathAt finds keys, values, list items and nested entries', () => {
  assert.deepEqual(pathAt(source, at('task_key') + 2), { path: ['validations', 0, 'task_key'], part: 'key' });
  assert.deepEqual(pathAt(source, at('orders') + 1), { path: ['validations', 0, 'task_key'], part: 'value' });
  assert.deepEqual(pathAt(source, at('line_no')), { path: ['validations', 0, 'primary_keys', 1], part: 'value' });
  assert.deepEqual(pathAt(source, at('SUM')), { path: ['validations', 0, 'agg_validations', 0, 'validations', 0, 'agg'], part: 'value' });
  assert.deepEqual(pathAt(source, at('count_tolerance')), { path: ['defaults', 'count_tolerance'], part: 'key' });
});

test('pathAt after "key:" with no value yet is that key\'s value (completion of values)', () => {
  assert.deepEqual(pathAt(source, at('filter:') + 'filter:'.length), { path: ['validations', 0, 'filter'], part: 'value' });
});

test('pathAt at the start of an empty line of a mapping is a new key of that mapping', () => {
  const text = 'validations:\n  - task_key: a\n    \n    source_table: t\n';
  const loaded = loadPact(text);
  assert.deepEqual(pathAt(loaded.source, text.indexOf('\n    \n') + 5), { path: ['validations', 0], part: 'key' });
});

test('pathAt never throws on odd documents and offsets', () => {
  for (const text of ['', '- a', 'a: *nope', ': :', 'validations:\n\t- x']) {
    const loaded = loadPact(text);
    for (const offset of [-5, 0, 1, text.length, text.length + 10]) assert.ok(Array.isArray(pathAt(loaded.source, offset).path));
  }
});

test('lineColumn is 1-based and clamps', () => {
  assert.deepEqual(lineColumn(source, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn(source, at('validations')), { line: 3, column: 1 });
  assert.deepEqual(lineColumn(source, at('orders')), { line: 4, column: 15 });
  assert.deepEqual(lineColumn(source, TEXT.length + 100), lineColumn(source, TEXT.length));
  assert.deepEqual(lineColumn(loadPact('').source, 0), { line: 1, column: 1 });
});

test('locate follows << merge keys to where an inherited value is written', () => {
  const span = source.locate(['validations', 0, 'count_tolerance']);
  assert.ok(span);
  assert.equal(TEXT.slice(span.start, span.end), '0.1');
  const key = source.locate(['validations', 0, 'primary_keys'], 'key');
  assert.equal(TEXT.slice(key!.start, key!.end), 'primary_keys');
  assert.equal(source.locate(['validations', 3]), undefined);
});

test('a runaway task key is cut in messages that quote it, not in the finding about its length', () => {
  const key = `${'k'.repeat(5000)}`;
  const { problems } = loadPact(`validations:\n  - task_key: ${key}\n    source_catalog: a\n`);
  const missing = problems.find((p) => p.code === 'missing-key')!;
  assert.match(missing.message, /^task 'k{79}…' is missing /);
  assert.ok(problems.some((p) => p.code === 'invalid-task-key' && /5000 characters/.test(p.message)));
  assert.ok(problems.every((p) => p.message.length < 400), 'no message carries the whole key');
});
