/** Where the cursor is, for completion: a half-typed key, a new list item, a value in flow and block sequences. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorContext } from '../../server/src/cursor-context';
import { ParseCache } from '../../server/src/documents';

function contextAt(marked: string) {
  const offset = marked.indexOf('¦');
  const text = marked.replace('¦', '');
  const pact = new ParseCache().get(TextDocument.create('file:///x.pact.yaml', 'datapact', 1, text));
  const context = cursorContext(pact, offset);
  return context.kind === 'key' ? { kind: 'key', path: context.mapPath, newItem: context.newItem } : { kind: 'value', path: context.path };
}

const HEAD = 'validations:\n  - task_key: a\n    source_catalog: wh\n';

test('a half-typed key belongs to the mapping its indentation says (not to the previous value)', () => {
  assert.deepEqual(contextAt(`${HEAD}    sou¦\n`), { kind: 'key', path: ['validations', 0], newItem: false });
  assert.deepEqual(contextAt(`${HEAD}    ¦\n  - task_key: b\n`), { kind: 'key', path: ['validations', 0], newItem: false });
  assert.deepEqual(contextAt(`${HEAD}  - ¦\n`), { kind: 'key', path: ['validations', 1], newItem: true });
  assert.deepEqual(contextAt(`engine:\n  ty¦\n${HEAD}`), { kind: 'key', path: ['engine'], newItem: false });
  assert.deepEqual(contextAt(`${HEAD}    agg_validations:\n      - column: x\n        valid¦\n`), { kind: 'key', path: ['validations', 0, 'agg_validations', 0], newItem: false });
});

test('values: after a key, in a flow sequence, in a block sequence', () => {
  assert.deepEqual(contextAt(`${HEAD}    source_schema: ma¦\n`), { kind: 'value', path: ['validations', 0, 'source_schema'] });
  assert.deepEqual(contextAt(`${HEAD}    primary_keys: [id, ¦]\n`), { kind: 'value', path: ['validations', 0, 'primary_keys'] });
  assert.deepEqual(contextAt(`${HEAD}    primary_keys: [id, na¦]\n`), { kind: 'value', path: ['validations', 0, 'primary_keys', 1] });
  assert.deepEqual(contextAt(`${HEAD}    primary_keys:\n      - id\n      - ¦\n`), { kind: 'value', path: ['validations', 0, 'primary_keys', 1] });
});
