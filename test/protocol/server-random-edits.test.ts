/**
 * Property: whatever random characters are inserted into or deleted from a pact, the server never crashes and
 * answers every request (completion, hover, symbols, folding, code lenses, code actions) after each edit.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();

const PACT = `engine:
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
    primary_keys: [id, name]
    filter: "amount > 1"
    null_validation_tolerance: 0.1
    null_validation_columns:
      - name
      - status
    agg_validations:
      - column: amount
        validations: [{ agg: SUM, tolerance: 0.01 }]
    custom_sql_tests:
      - name: mix
        sql: |
          SELECT status, COUNT(*) FROM {{ table_fqn }} GROUP BY status
`;

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

/** An edit: insert some characters (YAML and SQL punctuation likely) at a relative place, or delete a run. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: fc.constantFrom(...' :-[]{},"\'|>#&*!%@`\n\tabcdeSUM0.1'.split('')), maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 8 }) }),
);

function apply(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  if (e.kind === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  return text.slice(0, at) + text.slice(at + e.length);
}

function positionOf(text: string, ratio: number) {
  const offset = Math.floor(ratio * text.length);
  const line = text.slice(0, offset).split('\n').length - 1;
  return { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}

test('random edits never crash the server, and every request is answered', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), async (edits, where) => {
      const uri = await session.server.open(join(session.fixture.dir, `random${++n}.pact.yaml`), PACT);
      let text = PACT;
      for (const e of edits) {
        text = apply(text, e);
        session.server.change(uri, text);
        const position = positionOf(text, where);
        const doc = { textDocument: { uri } };
        const answers = await Promise.all([
          session.server.request('textDocument/completion', { ...doc, position }),
          session.server.request('textDocument/hover', { ...doc, position }),
          session.server.request('textDocument/documentSymbol', doc),
          session.server.request('textDocument/foldingRange', doc),
          session.server.request('textDocument/codeLens', doc),
          session.server.request('textDocument/codeAction', { ...doc, range: { start: position, end: position }, context: { diagnostics: [] } }),
        ]);
        assert.equal(answers.length, 6);
      }
      // Diagnostics for the final version arrive (the debounced check ran on it without failing).
      await session.server.diagnostics(uri);
      await session.server.closeDocument(uri);
      assert.equal(session.server.child.exitCode, null, session.server.stderr());
    }),
    { numRuns: 60 },
  );
  assert.deepEqual(session.server.logs().filter((m) => /failed/.test(m)), [], 'no feature threw');
});
