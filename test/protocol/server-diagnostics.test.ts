/** Diagnostics over stdio: core findings, catalog findings against real DuckDB catalogs, embedded SQL syntax. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();

/** The range of the `nth` occurrence of `needle` in `text` (single line). */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

const byCode = (list: Diagnostic[], code: string) => list.filter((d) => d.code === code);

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
    primary_keys: [id, nme]
    count_tolerance: 0.01
    filter: "amount > 1 AND AND status = 'x'"
    agg_validations:
      - column: name
        validations:
          - agg: SUM
            tolerance: 0.01
  - task_key: lines
    source_catalog: wh
    source_schema: mian
    source_table: order_lines
    target_catalog: wh
    target_schema: main
    target_table: order_line
    count_tolerance: 0
`;

test('catalog findings arrive with exact ranges and did-you-mean data', async () => {
  const path = join(session.fixture.dir, 'orders.pact.yaml');
  writeFileSync(path, PACT);
  const uri = await session.server.open(path, PACT);
  const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column'));
  const columns = byCode(all, 'unknown-column');
  // Missing on both sides: one diagnostic naming both tables (one quick fix), not one per side.
  assert.equal(columns.length, 1, JSON.stringify(all, null, 1));
  assert.deepEqual(columns[0]!.range, rangeOf(PACT, 'nme'));
  assert.deepEqual((columns[0]!.data as { suggestion?: string }).suggestion, 'name');
  assert.deepEqual((columns[0]!.data as { sides: string[] }).sides, ['source', 'target']);
  assert.match(String(columns[0]!.message), /^Column "nme" is in neither the source table .+ nor the target table .+\. Did you mean "name"\?$/);
  const [schema] = byCode(all, 'unknown-schema');
  assert.deepEqual(schema?.range, rangeOf(PACT, 'mian'));
  assert.equal((schema?.data as { suggestion?: string }).suggestion, 'main');
  const [table] = byCode(all, 'unknown-table');
  assert.deepEqual(table?.range, rangeOf(PACT, 'order_line', 1));
  assert.equal((table?.data as { suggestion?: string }).suggestion, 'order_lines');
  const [agg] = byCode(all, 'non-numeric-aggregate');
  assert.deepEqual(agg?.range, rangeOf(PACT, 'SUM'));
  const [sql] = byCode(all, 'sql-syntax');
  // The second AND is where the grammar stops, inside the quoted YAML string.
  assert.deepEqual(sql?.range.start, rangeOf(PACT, 'AND status').start);
});

test('an unreachable catalog gives one information note, not a flood', async () => {
  const text = PACT.replace('wh: wh.duckdb', 'wh: missing/nowhere.duckdb');
  const path = join(session.fixture.dir, 'missing.pact.yaml');
  const uri = await session.server.open(path, text);
  const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'catalog-unavailable'));
  const notes = byCode(all, 'catalog-unavailable');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.severity, 3);
  assert.deepEqual(notes[0]!.range, rangeOf(text, 'missing/nowhere.duckdb'));
  assert.equal(byCode(all, 'unknown-table').length, 0);
  assert.equal(byCode(all, 'unknown-schema').length, 0);
});

test('a newer version supersedes: the fix clears the finding', async () => {
  const path = join(session.fixture.dir, 'edit.pact.yaml');
  const uri = await session.server.open(path, PACT);
  await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column'));
  session.server.change(uri, PACT.replace('nme', 'nam'));
  const fixed = PACT.replace('nme', 'name');
  session.server.change(uri, fixed);
  const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-schema'));
  assert.equal(byCode(all, 'unknown-column').length, 0, JSON.stringify(all));
});

test('Spark SQL grammar for databricks: error placed inside a block scalar', async () => {
  session.server.settings.engine = 'databricks';
  const text = `validations:
  - task_key: t1
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: d
    count_tolerance: 0
    custom_sql_tests:
      - name: mix
        sql: |
          SELECT status, COUNT(*) AS n
          FROM {{ table_fqn }}
          GROUP BY status )
`;
  try {
    const uri = await session.server.open(join(session.fixture.dir, 'spark.pact.yaml'), text);
    const all = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax'));
    const [sql] = byCode(all, 'sql-syntax');
    assert.equal(sql!.severity, 1);
    assert.deepEqual(sql!.range, rangeOf(text, ')', 1));
  } finally {
    session.server.settings.engine = '';
  }
});

test('an edit inside one task gets a quick answer for that task first, and the full check agrees', async () => {
  const uri = await session.server.open(join(session.fixture.dir, 'quick.pact.yaml'), PACT);
  await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column'));
  const before = session.server.published(uri).length;
  const edited = PACT.replace('count_tolerance: 0\n', 'count_tolerance: 7\n');
  const version = session.server.change(uri, edited);
  const full = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'out-of-range'));
  // Wait for the last publish of this version (the full check; the catalog is already loaded, so it is one).
  const ofVersion = () => session.server.published(uri).slice(before).filter((p) => p.version === version);
  while (ofVersion().length < 2) await session.server.diagnostics(uri, () => ofVersion().length >= 2);
  const [quick, complete] = ofVersion();
  const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
  assert.deepEqual(quick!.diagnostics.map(key).sort(), complete!.diagnostics.map(key).sort());
  const [range] = byCode(full, 'out-of-range');
  assert.deepEqual(range!.range, rangeOf(edited, '7'));
  assert.equal(byCode(full, 'unknown-column').length, 1, 'findings of the other task are kept');
});

test('the SQL grammar library prints nothing: no log line, no stderr, only the diagnostic', async () => {
  const text = `validations:
  - task_key: noisy
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: d
    custom_sql_tests:
      - name: two_statements
        sql: "SELECT 1; SELECT a b c FROM t; SELECT"
`;
  const path = join(session.fixture.dir, 'noisy.pact.yaml');
  writeFileSync(path, text);
  const uri = await session.server.open(path, text);
  await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax'));
  const noise = /line \d+:\d+ /;
  assert.deepEqual(session.server.logs().filter((l) => noise.test(l)), []);
  assert.doesNotMatch(session.server.stderr(), noise);
});

test('a diagnostic that never comes fails the wait at its deadline, saying what was published', async () => {
  const text = 'validations: []\n';
  const path = join(session.fixture.dir, 'never.pact.yaml');
  writeFileSync(path, text);
  const uri = await session.server.open(path, text);
  const started = Date.now();
  await assert.rejects(session.server.diagnostics(uri, () => false, 1_500), /no matching diagnostics within 1500 ms\nlast published/);
  assert.ok(Date.now() - started < 10_000);
});
