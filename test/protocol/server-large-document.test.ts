/**
 * A 5 MB pact in the language server, over stdio: its full check (loader, schema, rules, SQL grammar, catalog)
 * takes seconds, and requests must keep being answered meanwhile. The server runs with a gate
 * (DATAPACT_TEST_HOLD_CHECKS) that holds the full check's answer until the test opens it, so "completion answered
 * while the check was still running" does not depend on the machine's speed.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { buildCatalogs, type CatalogFixture } from './catalog-fixture';
import { startServer, type Harness } from './lsp-harness';

const TASKS = 20_000;

function task(i: number): string {
  return [
    `  # task ${i}`,
    `  - task_key: t${i}`,
    '    source_catalog: wh',
    '    source_schema: main',
    '    source_table: orders',
    '    target_catalog: lake',
    '    target_schema: sales',
    '    target_table: orders',
    '    primary_keys: [id]',
    `    filter: "amount > ${i}"`,
    '    count_tolerance: 0.01',
    '',
  ].join('\n');
}

describe('language server: a 5 MB pact', () => {
  let fixture: CatalogFixture;
  let server: Harness;
  let gate: string;

  before(async () => {
    fixture = await buildCatalogs();
    gate = join(fixture.dir, 'open-the-gate');
    server = await startServer({ env: { ...process.env, DATAPACT_TEST_HOLD_CHECKS: gate } });
  });
  after(async () => server?.close());

  it('answers completion while the full check runs, then publishes every finding of the check', async () => {
    const header = 'engine:\n  type: duckdb\n  catalogs:\n    wh: wh.duckdb\n    lake: lake\nvalidations:\n';
    const tasks = Array.from({ length: TASKS }, (_, i) => task(i));
    // Two findings far down the file: a schema error and a column the target table does not have.
    tasks[TASKS - 2] = tasks[TASKS - 2]!.replace('count_tolerance: 0.01', 'count_tolerance: 7');
    tasks[TASKS - 1] = tasks[TASKS - 1]!.replace('primary_keys: [id]', 'primary_keys: [idd]');
    const text = header + tasks.join('');
    assert.ok(text.length >= 5_000_000, `${text.length} characters`);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));

    const uri = await server.open(join(fixture.dir, 'large.pact.yml'), text);
    // Completion of a table name in task 100 (`source_table: |`): the catalog's tables, while the check is held.
    const line = lineOf('- task_key: t100') + 3;
    const character = lines[line]!.indexOf(':') + 2;
    const items = await server.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri }, position: { line, character } }, 120_000);
    assert.ok(items.some((item) => item.label === 'orders'), JSON.stringify(items.map((i) => i.label)));
    assert.deepEqual(server.published(uri).filter((p) => p.diagnostics.length > 0), [], 'completion came after the check: it waited for it');
    // Other requests of an opened document answer too (VS Code asks for symbols and folding right after opening).
    const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
    assert.ok(symbols.length > 0);

    writeFileSync(gate, '');
    const has = (d: Diagnostic[], line: number, pattern: RegExp) => d.some((x) => x.range.start.line === line && pattern.test(String(x.message)));
    const tolerance = lineOf(`- task_key: t${TASKS - 2}`) + 9;
    const key = lineOf(`- task_key: t${TASKS - 1}`) + 7;
    const found = await server.diagnostics(uri, (d) => has(d, tolerance, /count_tolerance/) && has(d, key, /idd/), 180_000);
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.deepEqual(server.logs().filter((m) => /failed/.test(m)), []);
    await server.closeDocument(uri);
  });

  it('answers the first completion after opening from the cursor\'s task, without parsing the whole document', async () => {
    writeFileSync(gate, ''); // no hold in this test
    await server.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const header = 'engine:\n  type: duckdb\n  catalogs:\n    wh: wh.duckdb\n    lake: lake\nvalidations:\n';
    const tasks = Array.from({ length: TASKS }, (_, i) => task(i));
    const text = header + tasks.join('');
    const lines = text.split('\n');
    const wholeParses = () => server.traces().filter((m) => /completion parses the whole document/.test(m));
    const ask = (uri: string, line: number, character: number) =>
      server.request<Array<{ label: string; textEdit?: { range: { start: { line: number } } } }>>('textDocument/completion', { textDocument: { uri }, position: { line, character } }, 120_000);

    // A table name in task 15,000 and a key in task 3: the first requests after opening.
    const uri = await server.open(join(fixture.dir, 'first.pact.yml'), text);
    const tableLine = lines.indexOf('  - task_key: t15000') + 3;
    const tables = await ask(uri, tableLine, '    source_table: '.length);
    assert.ok(tables.some((item) => item.label === 'orders'), JSON.stringify(tables.map((i) => i.label)));
    const keys = await ask(uri, lines.indexOf('  - task_key: t3') + 1, 4);
    assert.ok(keys.some((item) => item.label === 'source_catalog'), JSON.stringify(keys.map((i) => i.label)));
    assert.deepEqual(wholeParses(), [], 'the first completions parsed the whole document');
    await server.closeDocument(uri);

    // The same document with an anchor cannot be read by its lines: completion parses it, and the trace says so.
    const anchored = await server.open(join(fixture.dir, 'anchored.pact.yml'), text.replace('  - task_key: t1\n', '  - task_key: &one t1\n'));
    assert.ok((await ask(anchored, tableLine, '    source_table: '.length)).some((item) => item.label === 'orders'));
    assert.equal(wholeParses().length, 1, JSON.stringify(server.traces()));
    await server.closeDocument(anchored);
  });

  it('after edits inside a task, completes as it does in a document of that task alone', async () => {
    writeFileSync(gate, ''); // no hold in this test
    const header = 'engine:\n  type: duckdb\n  catalogs:\n    wh: wh.duckdb\n    lake: lake\nvalidations:\n';
    // Large enough to be a large document (≥ 1 MB: checked off the thread, completed from a window).
    const tasks = Array.from({ length: 8_000 }, (_, i) => task(i));
    assert.ok(tasks.join('').length >= 1_000_000);
    const large = await server.open(join(fixture.dir, 'large2.pact.yml'), header + tasks.join(''));
    const small = await server.open(join(fixture.dir, 'small.pact.yml'), header + task(7000));
    await server.diagnostics(large, () => true, 180_000);
    await server.diagnostics(small);
    // The same edits in both: a key half typed at the end of task 7000, a column started in its primary keys.
    const edited = task(7000).replace('primary_keys: [id]', 'primary_keys: [id, na]').replace('count_tolerance: 0.01\n', 'count_tolerance: 0.01\n    null_val\n');
    const largeText = header + tasks.slice(0, 7000).join('') + edited + tasks.slice(7001).join('');
    server.change(large, largeText);
    server.change(small, header + edited);
    const taskLine = largeText.split('\n').findIndex((l) => l.includes('- task_key: t7000'));
    const smallLine = header.split('\n').length - 1 + 1; // the comment line above the task, then the task
    const ask = async (uri: string, line: number, character: number) => {
      const items = await server.request<Array<{ label: string; textEdit?: { range: { start: { line: number }; end: { line: number } } } }>>(
        'textDocument/completion',
        { textDocument: { uri }, position: { line, character } },
        120_000,
      );
      return items;
    };
    const places: Array<[offsetInTask: number, character: number]> = [
      [3, '    source_table: '.length], // a table name
      [7, '    primary_keys: [id, na'.length], // a column
      [10, '    null_val'.length], // a key
    ];
    for (const [offset, character] of places) {
      const inLarge = await ask(large, taskLine + offset, character);
      const inSmall = await ask(small, smallLine + offset, character);
      assert.ok(inSmall.length > 0, `nothing to compare at line ${offset} of the task`);
      const moved = inSmall.map((item) => (item.textEdit ? { ...item, textEdit: { ...item.textEdit, range: shiftLines(item.textEdit.range, taskLine - smallLine) } } : item));
      assert.deepEqual(inLarge, moved, `line ${offset} of the task`);
    }

    // Then edits in other tasks, one after another (the window follows from the last completion's layout).
    let current = largeText;
    for (const k of [2000, 2001, 5000]) {
      const other = task(k).replace('primary_keys: [id]', 'primary_keys: [id, st]');
      current = current.replace(task(k), other);
      server.change(large, current);
      const otherSmall = await server.open(join(fixture.dir, `small-${k}.pact.yml`), header + other);
      const line = current.split('\n').findIndex((l) => l.includes(`- task_key: t${k}`)) + 7;
      const inLarge = await ask(large, line, '    primary_keys: [id, st'.length);
      const inSmall = await ask(otherSmall, smallLine + 7, '    primary_keys: [id, st'.length);
      assert.ok(inSmall.some((item) => item.label === 'status'), JSON.stringify(inSmall.map((i) => i.label)));
      const moved = inSmall.map((item) => (item.textEdit ? { ...item, textEdit: { ...item.textEdit, range: shiftLines(item.textEdit.range, line - 7 - smallLine) } } : item));
      assert.deepEqual(inLarge, moved, `task ${k}`);
      await server.closeDocument(otherSmall);
    }
  });
});

function shiftLines<R extends { start: { line: number }; end: { line: number } }>(range: R, by: number): R {
  return { ...range, start: { ...range.start, line: range.start.line + by }, end: { ...range.end, line: range.end.line + by } };
}
