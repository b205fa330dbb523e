/**
 * Odd documents and odd requests: every request on every document is answered (never an error), positions past
 * the end or negative are clamped, documents that are not open get empty answers, and no feature logs a failure.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Position } from 'vscode-languageserver-protocol';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();

const DOCUMENTS: Record<string, string> = {
  empty: '',
  comments: '# only\n# comments\n',
  list: '- a\n- b\n',
  scalar: 'hello',
  'null validations': 'validations: null\n',
  'string tasks': 'validations:\n  - orders\n  - 3\n',
  'duplicate keys': 'validations:\n  - task_key: a\n    task_key: b\n    source_table: x\n    source_table: y\n',
  unicode: 'validations:\n  - task_key: über\n    ключ: 1\n    "😀": 2\n',
  crlf: 'validations:\r\n  - task_key: a\r\n    count_tolerance: 2\r\n',
  bom: '\uFEFFvalidations:\n  - task_key: a\n',
  tabs: 'validations:\n\t- task_key: a\n',
  'long line': `validations:\n  - task_key: ${'x'.repeat(100_000)}\n`,
  'odd engine': 'engine:\n  type: duckdb\n  catalogs:\n    x: 5\n    y: [1]\nvalidations:\n  - task_key: a\n    source_catalog: x\n',
  'missing anchor': 'defaults: &d\n  count_tolerance: 0.1\nvalidations:\n  - <<: *d\n    task_key: a\n  - <<: *missing\n',
  'collection keys': '? [a, b]\n: 1\nvalidations:\n  - ? {x: 1}\n    : 2\n',
  'two documents': 'validations: []\n---\nfoo: 1\n',
  'odd checks': 'validations:\n  - task_key: a\n    filter: [1]\n    agg_validations: [3, {column: 1, validations: 3}]\n    custom_sql_tests: [1, {name: 3, sql: [2]}, {sql: null}]\n',
};

const POSITIONS: Position[] = [
  { line: 0, character: 0 },
  { line: 1, character: 4 },
  { line: 1, character: 500 },
  { line: 3, character: 6 },
  { line: 10_000, character: 0 },
  { line: 0, character: 100_050 },
];

test('every request on odd documents at odd positions is answered, and nothing logs a failure', async () => {
  let n = 0;
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    const uri = await session.server.open(join(session.fixture.dir, `odd${++n}.pact.yaml`), text);
    const doc = { textDocument: { uri } };
    for (const position of POSITIONS) {
      const range = { start: position, end: position };
      const diagnostics = [
        { range, message: 'm', source: 'datapact', code: 'missing-key', data: { key: 'count_tolerance' } },
        { range, message: 'm', source: 'datapact', code: 'primary-keys-not-set', data: { primaryKey: [1, null] } },
        { range, message: 'm', source: 'datapact', code: 'half-configured-check', data: null },
      ];
      await assert.doesNotReject(session.server.request('textDocument/completion', { ...doc, position }), `${name} completion`);
      await assert.doesNotReject(session.server.request('textDocument/hover', { ...doc, position }), `${name} hover`);
      await assert.doesNotReject(session.server.request('textDocument/codeAction', { ...doc, range, context: { diagnostics } }), `${name} code actions`);
    }
    for (const method of ['textDocument/codeLens', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
      await assert.doesNotReject(session.server.request(method, doc), `${name} ${method}`);
    }
    await session.server.diagnostics(uri);
    await session.server.closeDocument(uri);
  }
  assert.equal(session.server.child.exitCode, null, session.server.stderr());
  assert.deepEqual(session.server.logs().filter((m) => /failed|Warning/.test(m)), [], 'no feature threw or warned');
});

test('requests about a document that is not open get empty answers', async () => {
  const doc = { textDocument: { uri: 'file:///nowhere/not-open.pact.yaml' } };
  const position = { line: 0, character: 0 };
  assert.deepEqual(await session.server.request('textDocument/completion', { ...doc, position }), []);
  assert.equal(await session.server.request('textDocument/hover', { ...doc, position }), null);
  assert.deepEqual(await session.server.request('textDocument/documentSymbol', doc), []);
  await assert.rejects(session.server.request('datapact/previewSql', { uri: doc.textDocument.uri }), /is not open in the editor/);
  assert.deepEqual(await session.server.request('datapact/refreshCatalog', { uri: doc.textDocument.uri }), { dropped: 0 });
});
