/** Completion, hover, code lenses, symbols, folding, quick fixes and datapact/previewSql over stdio. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadPact } from '../../core/src/index';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();
let counter = 0;

const CARET = '¦';

/** Opens `marked` (with one ¦ caret) and returns its uri, text and the caret's position. */
async function openAt(marked: string): Promise<{ uri: string; text: string; position: Position }> {
  const at = marked.indexOf(CARET);
  const text = marked.replace(CARET, '');
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const uri = await session.server.open(join(session.fixture.dir, `doc${++counter}.pact.yaml`), text);
  return { uri, text, position: { line, character } };
}

async function completion(marked: string): Promise<CompletionItem[]> {
  const { uri, position } = await openAt(marked);
  const answer = await session.server.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  return Array.isArray(answer) ? answer : answer?.items ?? [];
}

const HEAD = `engine:
  type: duckdb
  catalogs:
    wh: wh.duckdb
    lake: lake
validations:
  - task_key: orders
    source_catalog: lake
    source_schema: sales
    source_table: orders
    target_catalog: wh
    target_schema: main
    target_table: orders
`;

test('keys valid at the cursor, without those already written, with check snippets', async () => {
  const items = await completion(`${HEAD}    count_tolerance: 0.1\n    pri${CARET}\n`);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('primary_keys'));
  assert.ok(labels.includes('null_validation_columns'));
  assert.ok(!labels.includes('count_tolerance'), 'already written');
  assert.ok(!labels.includes('source_table'), 'already written');
  assert.ok(labels.includes('row hash check'));
  assert.ok(!labels.includes('count check'), 'its key is written');
  const pk = items.find((i) => i.label === 'primary_keys')!;
  assert.match(String((pk.documentation as { value: string }).value), /identify a row/);
});

test('a whole-task snippet on a new list item', async () => {
  const items = await completion(`${HEAD}  - ${CARET}\n`);
  const task = items.find((i) => i.label === 'task');
  assert.ok(task, JSON.stringify(items.map((i) => i.label)));
  assert.equal(task.insertTextFormat, 2);
});

test('enum values', async () => {
  const items = await completion(`${HEAD}    business_priority: ${CARET}\n`);
  assert.deepEqual(items.map((i) => i.label).filter((l) => /^[A-Z]+$/.test(l)), ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
});

test('catalogs, schemas of the chosen catalog, tables of the chosen schema', async () => {
  const catalogs = await completion(HEAD.replace('source_catalog: lake', `source_catalog: ${CARET}`));
  assert.deepEqual(catalogs.map((i) => i.label).sort(), ['lake', 'wh']);
  const schemas = await completion(HEAD.replace('target_schema: main', `target_schema: ${CARET}`));
  assert.deepEqual(schemas.map((i) => i.label), ['main']);
  const tables = await completion(HEAD.replace('source_table: orders', `source_table: ord${CARET}`));
  assert.deepEqual(tables.map((i) => i.label).sort(), ['customers', 'orders']);
  const whTables = await completion(HEAD.replace('target_table: orders', `target_table: ${CARET}`));
  assert.deepEqual(whTables.map((i) => i.label).sort(), ['order_lines', 'orders']);
});

test('columns of both tables in flow and block sequences, with type and comment', async () => {
  const flow = await completion(`${HEAD}    primary_keys: [id, ${CARET}]\n`);
  const labels = flow.map((i) => i.label);
  assert.ok(!labels.includes('id'), 'already listed');
  const name = flow.find((i) => i.label === 'name')!;
  assert.equal(name.detail, 'source VARCHAR · target VARCHAR NOT NULL');
  assert.equal(name.documentation, 'Customer name');
  const state = flow.find((i) => i.label === 'state')!;
  assert.match(state.detail!, /source only/);
  const block = await completion(`${HEAD}    null_validation_columns:\n      - ${CARET}\n`);
  assert.ok(block.some((i) => i.label === 'amount'), JSON.stringify(block.map((i) => i.label)));
  const agg = await completion(`${HEAD}    agg_validations:\n      - column: ${CARET}\n`);
  assert.ok(agg.some((i) => i.label === 'amount'));
});

test('columns complete inside a filter, at the word under the cursor', async () => {
  const items = await completion(`${HEAD}    filter: amount > 0 AND na${CARET}\n`);
  const name = items.find((i) => i.label === 'name');
  assert.ok(name, JSON.stringify(items.map((i) => i.label)));
  assert.ok(items.some((i) => i.label === 'amount'), 'a column already used in the filter is offered again');
  const edit = name.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.equal(edit.newText, 'name');
  assert.equal(edit.range.end.character - edit.range.start.character, 2, 'replaces only "na"');
  const quoted = await completion(`${HEAD}    filter: "status = 'x' OR ${CARET}"\n`);
  assert.ok(quoted.some((i) => i.label === 'amount'), JSON.stringify(quoted.map((i) => i.label)));
});

test('hover: key docs from the schema, table and column facts', async () => {
  const { uri, text } = await openAt(`${HEAD}    primary_keys: [id, status]\n${CARET}`);
  const hoverAt = async (needle: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
    const answer = await session.server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return (answer?.contents as { value: string } | undefined)?.value ?? '';
  };
  assert.match(await hoverAt('primary_keys'), /identify a row/);
  const table = await hoverAt('orders', 2);
  assert.match(table, /wh\.main\.orders/);
  assert.match(table, /Primary key: `id`/);
  assert.match(table, /All orders/);
  const id = await hoverAt('id, status');
  assert.match(id, /on both sides/);
  const status = await hoverAt('status]');
  assert.match(status, /not on both sides/);
  assert.match(status, /source `lake\.sales\.orders`: \*\*missing\*\*/);
});

test('code lenses: run pact, and run task + preview SQL per task', async () => {
  const { uri } = await openAt(`${HEAD}    count_tolerance: 0${CARET}\n`);
  const lenses = await session.server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => [l.command?.command, l.command?.arguments]),
    [
      ['datapact.runPact', [uri]],
      ['datapact.runTask', [uri, 'orders']],
      ['datapact.previewSql', [uri, 'orders']],
    ],
  );
  assert.equal(lenses[1]!.range.start.line, 6);
});

test('document symbols: tasks and their checks; folding ranges', async () => {
  const { uri } = await openAt(`${HEAD}    count_tolerance: 0\n    null_validation_tolerance: 0\n    null_validation_columns: [name]${CARET}\n`);
  const symbols = await session.server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['engine', 'orders']);
  assert.deepEqual(symbols[1]!.children!.map((c) => c.name), ['count', 'nulls']);
  const folds = await session.server.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 4), JSON.stringify(folds));
  assert.ok(folds.some((f) => f.startLine === 6 && f.endLine === 15), JSON.stringify(folds));
});

async function fixesFor(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return session.server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  });
}

test('quick fixes: did-you-mean for a column, the declared primary key', async () => {
  const { uri } = await openAt(`${HEAD.replace('lake\n    source_schema: sales\n    source_table: orders', 'wh\n    source_schema: main\n    source_table: orders')}    null_validation_tolerance: 0\n    null_validation_columns: [nmae]${CARET}\n`);
  const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column'));
  const column = all.filter((d) => d.code === 'unknown-column');
  const [fix] = await fixesFor(uri, column.slice(0, 1));
  assert.equal(fix!.title, 'Change to "name"');
  assert.deepEqual(fix!.edit!.changes![uri], [{ range: column[0]!.range, newText: 'name' }]);
  const pk = all.filter((d) => d.code === 'primary-keys-not-set');
  assert.equal(pk.length, 1, JSON.stringify(all));
  const [pkFix] = await fixesFor(uri, pk);
  assert.deepEqual(pkFix!.edit!.changes![uri], [
    { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '    primary_keys: [id]\n' },
  ]);
});

test('quick fixes: rename a legacy key, did-you-mean for a key, add a missing tolerance (keyed on code + data)', async () => {
  const { uri, text } = await openAt(`${HEAD}    pk_row_hash_check: true\n    primary_key: [id]\n    pk_hash_threshold: 0.1\n    null_validation_columns: [name]${CARET}\n`);
  const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'legacy-key'));
  const slice = (range: { start: Position; end: Position }) => text.split('\n')[range.start.line]!.slice(range.start.character, range.end.character);
  const [rename] = await fixesFor(uri, all.filter((d) => d.code === 'legacy-key'));
  assert.equal(rename!.title, 'Rename to pk_hash_tolerance');
  const edits = rename!.edit!.changes![uri]!;
  assert.equal(edits[0]!.newText, 'pk_hash_tolerance');
  assert.equal(slice(edits[0]!.range), 'pk_hash_threshold');
  const [unknownKey] = await fixesFor(uri, all.filter((d) => d.code === 'unknown-key'));
  assert.equal(unknownKey!.edit!.changes![uri]![0]!.newText, 'primary_keys');
  assert.equal(slice(unknownKey!.edit!.changes![uri]![0]!.range), 'primary_key');
  const half = all.filter((d) => d.code === 'half-configured-check' && (d.data as { missing?: string }).missing === 'null_validation_tolerance');
  assert.equal(half.length, 1, JSON.stringify(all));
  const [add] = await fixesFor(uri, half);
  assert.equal(add!.title, 'Add null_validation_tolerance');
  assert.deepEqual(add!.edit!.changes![uri], [
    { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '    null_validation_tolerance: 0\n' },
  ]);
});

test('datapact/previewSql: one task, the whole pact, and a clear error on a broken pact', async () => {
  const { uri } = await openAt(`${HEAD}    count_tolerance: 0.01${CARET}\n`);
  const one = await session.server.request<{ sql: string }>('datapact/previewSql', { uri, taskKey: 'orders' });
  assert.match(one.sql, /SELECT/);
  assert.match(one.sql, /"lake"\."sales"\."orders"/);
  const whole = await session.server.request<{ sql: string }>('datapact/previewSql', { uri, dialect: 'databricks' });
  assert.match(whole.sql, /^-- task: orders\n/);
  assert.match(whole.sql, /`lake`\.`sales`\.`orders`/);
  const broken = await openAt(`validations:\n  - task_key: [${CARET}\n`);
  await assert.rejects(session.server.request('datapact/previewSql', { uri: broken.uri }), /cannot be generated while the pact has errors/);
  await assert.rejects(session.server.request('datapact/previewSql', { uri, taskKey: 'nope' }), /no task "nope"/);
});

test('catalog names complete in the defaults block too', async () => {
  const items = await completion(`engine:\n  type: duckdb\n  catalogs:\n    wh: wh.duckdb\ndefaults:\n  source_catalog: wh\n  source_schema: ${CARET}\nvalidations:\n  - task_key: a\n`);
  assert.deepEqual(items.map((i) => i.label), ['main']);
});

test('completion in a document with a list used as a key answers without yaml warnings in the log', async () => {
  const before = session.server.logs().length;
  const { uri } = await openAt(`${CARET}? [a, b]\n: 1\n${HEAD}`);
  const answer = await session.server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.ok(answer.map((i) => i.label).includes('validations'));
  // A warning is emitted on a later tick: one more round trip lets it arrive before the log is read.
  await session.server.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(session.server.logs().slice(before).filter((l) => /Warning|stringified/.test(l)), []);
});

test('quick fix "add a missing tolerance" in a flow-style task keeps the YAML valid', async () => {
  const task = '{task_key: orders, source_catalog: lake, source_schema: sales, source_table: orders, target_catalog: wh, target_schema: main, target_table: orders, null_validation_columns: [name]}';
  for (const marked of [`validations:\n  - ${task}${CARET}\n`, `validations: [${task}]${CARET}\n`]) {
    const { uri, text } = await openAt(marked);
    const half = (await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'half-configured-check'))).filter((d) => d.code === 'half-configured-check');
    const [add] = await fixesFor(uri, half);
    assert.equal(add?.title, 'Add null_validation_tolerance');
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'datapact', 1, text), add!.edit!.changes![uri]!);
    const loaded = loadPact(fixed);
    assert.deepEqual(loaded.problems.map((p) => p.code), [], fixed);
    assert.equal(loaded.pact?.validations[0]?.null_validation_tolerance, 0);
  }
});
