/**
 * One rule for "a task with its defaults merged", whoever reads it (loader rules, catalog checks, embedded SQL):
 * task keys win, `null` clears a default, and a value inherited from `defaults` is checked where it is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogMemo, catalogQuestions, checkAgainstCatalog, checkEmbeddedSql, loadPact, openDuckDbCatalogProvider } from '../../core/src/index';
import { buildCatalogs } from '../protocol/catalog-fixture';

const tables = `    source_catalog: wh
    source_schema: main
    source_table: orders
    target_catalog: wh
    target_schema: main
    target_table: orders`;

test('a task that sets a list key to null gets no catalog finding for the default list', async () => {
  const text = `defaults:
  null_validation_columns: [ghost]
  null_validation_tolerance: 0
validations:
  - task_key: cleared
${tables}
    primary_keys: [id]
    null_validation_columns: null
  - task_key: inherits
${tables}
    primary_keys: [id]
`;
  const fixture = await buildCatalogs();
  const memo = new CatalogMemo(openDuckDbCatalogProvider({ wh: fixture.warehouse }));
  try {
    const { raw, source } = loadPact(text);
    await memo.load(catalogQuestions(raw));
    const found = checkAgainstCatalog(raw, source, memo).map((p) => [p.code, text.slice(p.start, p.end)]);
    // The inheriting task reports the default's column (once, naming both sides) at the defaults line; the clearing task nothing.
    assert.deepEqual(found, [['unknown-column', 'ghost']]);
  } finally {
    await memo.dispose();
  }
});

test('a broken filter in defaults gets the same SQL finding as in a task, once, at the defaults line', () => {
  const broken = 'order_dat >= 1 AND';
  const inDefaults = `defaults:
  filter: "${broken}"
validations:
  - task_key: a
${tables}
    count_tolerance: 0
  - task_key: b
${tables}
    count_tolerance: 0
`;
  const inTask = `validations:
  - task_key: a
${tables}
    count_tolerance: 0
    filter: "${broken}"
`;
  const fromDefaults = checkEmbeddedSql(loadPact(inDefaults).raw, loadPact(inDefaults).source, 'databricks');
  const fromTask = checkEmbeddedSql(loadPact(inTask).raw, loadPact(inTask).source, 'databricks');
  assert.equal(fromTask.length, 1);
  assert.equal(fromDefaults.length, 1);
  assert.equal(fromDefaults[0]!.message, fromTask[0]!.message);
  const line = inDefaults.slice(0, fromDefaults[0]!.start).split('\n').length;
  assert.equal(line, 2);
  // A task that clears the default filter is not checked against it.
  const cleared = inDefaults.replace(/(task_key: b\n[\s\S]*?count_tolerance: 0)/, '$1\n    filter: null');
  assert.equal(checkEmbeddedSql(loadPact(cleared).raw, loadPact(cleared).source, 'databricks').length, 1);
});
