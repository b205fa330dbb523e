/** Run-time errors traced back to the pact: the listed column, the word in the filter, the filter's syntax error. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPact, locateRunError } from '../../core/src/index';

const PACT = `defaults:
  filter: "order_dat >= DATE '2024-01-01' AND"
validations:
  - task_key: nulls
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: c
    null_validation_tolerance: 0
    null_validation_columns: [email, emial]
    filter: null
  - task_key: filtered
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: c
    count_tolerance: 0
    filter: "status = 'x' AND Order_Dat > 1"
  - task_key: broken
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: c
    count_tolerance: 0
`;

const loaded = loadPact(PACT);
const spanText = (span: { start: number; end: number } | undefined) => (span ? PACT.slice(span.start, span.end) : undefined);

test('a missing column lands on the list item that names it', () => {
  const span = locateRunError(loaded, 'nulls', 'Binder Error: the target table "a"."b"."c" has no column "emial"');
  assert.equal(spanText(span), 'emial');
  assert.equal(span!.start, PACT.indexOf('emial'));
});

test('a column only the filter names lands on that word in the filter', () => {
  const span = locateRunError(loaded, 'filtered', 'Binder Error: Referenced column "order_dat" not found in FROM clause!');
  assert.equal(spanText(span), 'Order_Dat');
});

test('a syntax error lands in the filter the task inherits from defaults, not in DataPact\'s parentheses', () => {
  const span = locateRunError(loaded, 'broken', 'Parser Error: syntax error at or near ")"');
  assert.ok(span);
  assert.equal(PACT.slice(0, span.start).split('\n').length, 2); // the defaults filter's line
});

test('errors that do not trace to the pact stay unlocated', () => {
  assert.equal(locateRunError(loaded, 'nulls', 'IO Error: cannot open file'), undefined);
  assert.equal(locateRunError(loaded, 'nope', 'Binder Error: has no column "emial"'), undefined);
});
