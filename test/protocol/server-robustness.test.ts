/**
 * The language server under hostile input (issue 13), over stdio with deadlines: FIFO catalogs never pin it,
 * 20,000 random edits with requests never crash it and every request is answered, and the memory a 5 MB
 * document took comes back once it shrinks. Heavier variants (completion time on large pacts) are in bench/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { buildCatalogs, type CatalogFixture } from './catalog-fixture';
import { startServer, type Harness } from './lsp-harness';

/** Resolves with `work`, or rejects when it takes longer than `ms` (so a hung server fails the test). */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TASK = `  - task_key: orders
    source_catalog: lake
    source_schema: sales
    source_table: orders
    target_catalog: pipe1
    target_schema: main
    target_table: orders
    primary_keys: [id, name]
    filter: "amount > 1"
    count_tolerance: 0.01
`;

/** A pact whose engine block names six FIFO catalogs beside a real folder catalog. */
function pactWithFifos(): string {
  const fifos = [1, 2, 3, 4, 5, 6].map((i) => `    pipe${i}: pipe${i}.duckdb`).join('\n');
  return `engine:\n  type: duckdb\n  catalogs:\n    lake: lake\n${fifos}\nvalidations:\n${TASK}`;
}

describe('language server robustness', () => {
  let fixture: CatalogFixture;
  let server: Harness;

  before(async () => {
    fixture = await buildCatalogs();
    for (let i = 1; i <= 6; i++) assert.equal(spawnSync('mkfifo', [join(fixture.dir, `pipe${i}.duckdb`)]).status, 0, 'mkfifo');
    server = await startServer();
  });
  after(async () => server?.close());

  it('answers at once for a pact with FIFO catalogs, saying they are not files', async () => {
    const uri = await server.open(join(fixture.dir, 'fifo.pact.yml'), pactWithFifos());
    const diagnostics = await within(20_000, 'diagnostics', server.diagnostics(uri, (d) => d.some((x) => /FIFO/.test(String(x.message)))));
    assert.match(String(diagnostics.find((d) => /FIFO/.test(String(d.message)))!.message), /pipe1\.duckdb is a FIFO \(named pipe\), not a DuckDB file or a folder/);
    // Completion still answers (catalog lookups used to pin worker threads until none was left).
    const items = await within(10_000, 'completion', server.request<unknown[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 13, character: 20 },
    }));
    assert.ok(Array.isArray(items));
    await server.closeDocument(uri);
  });

  it('survives 20,000 random edits with requests, and gives back the memory of a 5 MB document', async () => {
    const uri = await server.open(join(fixture.dir, 'fuzz.pact.yml'), pactWithFifos());
    await within(20_000, 'first diagnostics', server.diagnostics(uri));
    const startMb = rssMb(server.child.pid!);
    const unit = fc.constantFrom(...' :-[]{},"\'|>#&*!%@`\n\tabcdeSUM0.1'.split(''));
    const edits = fc.sample(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 4 }), insert: fc.string({ unit, maxLength: 4 }) }),
      { numRuns: 20_000, seed: 13 },
    );
    let text = pactWithFifos();
    let requests = 0;
    const answers: Promise<unknown>[] = [];
    for (const [index, edit] of edits.entries()) {
      const at = Math.floor(edit.at * text.length);
      text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
      if (text.length > 4000 || text.length < 50) text = pactWithFifos();
      server.change(uri, text);
      if (index % 20 === 0) {
        const offset = Math.min(at, text.length);
        const line = text.slice(0, offset).split('\n').length - 1;
        const position = { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
        const method = ['textDocument/completion', 'textDocument/hover', 'textDocument/documentSymbol', 'textDocument/codeAction'][requests++ % 4]!;
        answers.push(server.request(method, { textDocument: { uri }, position, range: { start: position, end: position }, context: { diagnostics: [] } }));
      }
      if (answers.length >= 50) await within(30_000, 'requests after edits', Promise.all(answers.splice(0)));
    }
    await within(30_000, 'requests after edits', Promise.all(answers.splice(0)));
    assert.equal(requests, 1000);
    assert.equal(server.child.exitCode, null, server.stderr());

    // A 5 MB document: a realistic pact of 2,000 tasks padded with comments.
    const tasks = Array.from({ length: 2000 }, (_, i) => TASK.replace('task_key: orders', `task_key: t${i}`)).join('');
    const padding = `# ${'x'.repeat(98)}\n`.repeat(Math.ceil((5_000_000 - tasks.length) / 101));
    const large = `${pactWithFifos()}${tasks}${padding}`;
    assert.ok(large.length >= 5_000_000);
    server.change(uri, large);
    await within(60_000, 'completion on 5 MB', server.request('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 4 } }));
    await within(60_000, 'diagnostics on 5 MB', server.diagnostics(uri));
    const peakMb = rssMb(server.child.pid!);

    server.change(uri, pactWithFifos());
    await within(30_000, 'diagnostics after shrinking', server.diagnostics(uri));
    let nowMb = rssMb(server.child.pid!);
    for (let waited = 0; waited < 15_000 && nowMb > startMb + 150; waited += 500) {
      await sleep(500);
      nowMb = rssMb(server.child.pid!);
    }
    assert.ok(nowMb <= startMb + 150, `memory stayed at ${nowMb.toFixed(0)} MB after shrinking (start ${startMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB)`);
    assert.equal(server.child.exitCode, null, server.stderr());
    assert.deepEqual(server.logs().filter((m) => /failed/.test(m)), [], 'no feature threw');
  });
});
