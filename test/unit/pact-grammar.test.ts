// The TextMate grammar: YAML throughout, SQL inside filter / sql values in every scalar style. There is no
// TextMate engine here (it needs the Oniguruma wasm), so this checks the rules' patterns line by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/datapact.tmLanguage.json'), 'utf8'));
const rules = grammar.repository as Record<string, { begin: string; end: string; contentName?: string; patterns?: unknown[] }>;
const begin = (name: string) => new RegExp(rules[name]!.begin);

test('the grammar is source.datapact over source.yaml, embedding source.sql', () => {
  assert.equal(grammar.scopeName, 'source.datapact');
  assert.ok(grammar.patterns.some((p: { include?: string }) => p.include === 'source.yaml'));
  for (const name of ['sql-block-scalar', 'sql-double-quoted', 'sql-single-quoted', 'sql-plain']) {
    assert.equal(rules[name]!.contentName, 'meta.embedded.sql.datapact', name);
    assert.ok(JSON.stringify(rules[name]!.patterns).includes('source.sql'), name);
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = manifest.contributes.grammars[0];
  assert.equal(contributed.scopeName, grammar.scopeName);
  assert.ok('meta.embedded.sql.datapact' in contributed.embeddedLanguages);
});

test('each scalar style of filter and sql starts embedded SQL, and only that style', () => {
  const cases: Array<[string, string]> = [
    ['    filter: status = 1', 'sql-plain'],
    ['    filter: "status = \'x\'"', 'sql-double-quoted'],
    ["    filter: 'status = ''x'''", 'sql-single-quoted'],
    ['    filter: |', 'sql-block-scalar'],
    ['        sql: >-', 'sql-block-scalar'],
    ['        sql: |2+  # comment', 'sql-block-scalar'],
    ['      - sql: SELECT 1', 'sql-plain'],
    ['      - name: x', ''],
    ['    filters: x = 1', ''],
    ['    sql_text: SELECT 1', ''],
    ['    # filter: x', ''],
    ['    filter: &f x = 1', ''],
  ];
  for (const [line, expected] of cases) {
    const matched = ['sql-block-scalar', 'sql-double-quoted', 'sql-single-quoted', 'sql-plain'].filter((r) => begin(r).test(line));
    assert.deepEqual(matched, expected ? [expected] : [], line);
  }
});

test('a block scalar ends at the first line not indented deeper than its key', () => {
  const [, indent] = begin('sql-block-scalar').exec('        sql: |')!;
  const end = new RegExp(rules['sql-block-scalar']!.end.replace('\\1', indent!));
  assert.ok(!end.test('          SELECT 1'));
  assert.ok(!end.test(''));
  assert.ok(!end.test('   '));
  assert.ok(end.test('        description: x'));
  assert.ok(end.test('      - name: y'));
  assert.ok(end.test('  - task_key: z'));
});

test('a plain filter stops before a YAML comment', () => {
  const end = new RegExp(rules['sql-plain']!.end);
  const rest = 'status = 1   # only open orders';
  assert.equal(rest.search(end), 'status = 1'.length);
});

test('the language configuration comments with # and folds by indentation', () => {
  const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  assert.equal(config.folding.offSide, true);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  assert.ok(increase.test('validations:'));
  assert.ok(increase.test('    sql: |'));
});
