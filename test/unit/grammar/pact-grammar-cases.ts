// The pact grammar's behaviour as a list of cases, each run against a tokenizer: test/unit/pact-grammar.test.ts runs
// them with the tm-grammars YAML and SQL, test/e2e/grammar-vscode-yaml.test.ts with the grammars VS Code ships, so
// SQL highlighting is proven against the YAML grammar real users get, not only the one npm has.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingEmbedded, assertOnlySqlDiffers, assertSql, assertYamlKey, embedded } from './grammar-assertions';
import { REPO_ROOT } from './grammar-sources';
import { pactLayoutCases } from './pact-grammar-layout-cases';
import { describeTokens, PactToken, scopesAtColumn, scopesOf, TokenizePact } from './tokenize-pact';

export { SQL } from './grammar-assertions';

/** One behaviour of the pact grammar, checked on whatever YAML + SQL grammars the tokenizers were built with. */
export interface PactGrammarCase {
  name: string;
  /** `tokenize` runs the pact grammar, `yaml` the plain YAML grammar it extends (from the same source). */
  run(tokenize: TokenizePact, yaml: TokenizePact): Promise<void>;
}

/**
 * `text` tokenized twice: as a whole file, and as the fields of a task further down a pact, where VS Code's YAML
 * grammar has its block mapping and sequence rules open (they consume each line's indentation first). Only the
 * lines of `text` are returned.
 */
async function asFileAndInTask(tokenize: TokenizePact, text: string, yaml?: TokenizePact): Promise<PactToken[][][]> {
  const task = ['validations:', '  - name: t'];
  const inTask = await tokenize([...task, text].join('\n'));
  if (yaml) await assertOnlySqlDiffers(tokenize, yaml, [...task, text].join('\n'));
  return [await tokenize(text), inTask.slice(task.length)];
}

export const pactGrammarCases: PactGrammarCase[] = [
  {
    name: 'a double-quoted filter is SQL between the quotes, the quotes stay YAML',
    async run(tokenize, yaml) {
      for (const [line] of await asFileAndInTask(tokenize, `    filter: "amount > 1 AND status <> 'void'"`, yaml)) {
        assertYamlKey(line!, 'filter');
        assertSql(line!, 'AND', 'keyword.');
        assertSql(line!, '>', 'keyword.operator');
        assertSql(line!, '<>', 'keyword.operator');
        assertSql(line!, "'void'", 'string.quoted.single');
        assert.ok(embedded(scopesOf(line!, 'amount')));
        const quotes = line!.filter((t) => t.text === '"');
        assert.equal(quotes.length, 2);
        for (const quote of quotes)
          assert.ok(quote.scopes.includes('string.quoted.double.yaml') && !embedded(quote.scopes));
      }
    },
  },
  {
    name: 'a plain filter is SQL up to a trailing comment, which stays a YAML comment',
    async run(tokenize, yaml) {
      const text = '    filter: amount > 1\n    filter: amount > 1 AND b = 2   # only big';
      for (const [plain, commented] of await asFileAndInTask(tokenize, text, yaml)) {
        assertSql(plain!, '>', 'keyword.operator');
        assertSql(plain!, '1', 'constant.numeric');
        assertSql(commented!, 'AND', 'keyword.');
        const comment = scopesOf(commented!, '# only big');
        assert.ok(comment.includes('comment.line.number-sign.yaml') && !embedded(comment), describeTokens(commented!));
        assert.ok(!embedded(scopesAtColumn(commented!, '    filter: amount > 1 AND b = 2 '.length)));
      }
    },
  },
  {
    name: "a single-quoted filter is SQL, with '' as the YAML escape, and a comment after it",
    async run(tokenize, yaml) {
      for (const [line] of await asFileAndInTask(tokenize, "    filter: 'status = ''x'' AND a > 1'  # c", yaml)) {
        assertSql(line!, 'AND', 'keyword.');
        const escape = scopesOf(line!, "''");
        assert.ok(escape.includes('constant.character.escape.yaml') && embedded(escape));
        assert.ok(scopesOf(line!, '# c').includes('comment.line.number-sign.yaml'));
        assert.ok(!embedded(scopesOf(line!, '# c')));
      }
    },
  },
  {
    name: 'every line of a block scalar sql is SQL, blank lines too, and the next key is YAML again',
    async run(tokenize, yaml) {
      const text = [
        'custom_sql_tests:',
        '  - name: x',
        '    sql: |  # the check',
        '      SELECT COUNT(*) FROM t',
        '',
        '        WHERE a = 1',
        '    description: after',
        '  - sql: >-',
        '      SELECT 2',
        '    name: sibling of sql under the dash',
        'validations: []',
      ].join('\n');
      const lines = await tokenize(text);
      await assertOnlySqlDiffers(tokenize, yaml, text);
      assertYamlKey(lines[2]!, 'sql');
      assert.ok(scopesOf(lines[2]!, '|').includes('keyword.control.flow.block-scalar.literal.yaml'));
      assert.ok(scopesOf(lines[2]!, '# the check').includes('comment.line.number-sign.yaml'));
      // VS Code's YAML grammar scopes the indentation its block rules consume as its own, outside any embedding.
      const content = (line: PactToken[]) =>
        line.filter((t) => !t.scopes.includes('punctuation.whitespace.indentation.yaml'));
      for (const index of [3, 4, 5, 8]) {
        const line = content(lines[index]!);
        assert.ok(
          line.length > 0 && line.every((t) => embedded(t.scopes)),
          `line ${index}:\n${describeTokens(lines[index]!)}`,
        );
      }
      assertSql(lines[3]!, 'SELECT', 'keyword.');
      assertSql(lines[3]!, 'COUNT', 'support.function');
      assertSql(lines[5]!, 'WHERE', 'keyword.');
      assertSql(lines[8]!, 'SELECT', 'keyword.');
      assertYamlKey(lines[6]!, 'description');
      assertNothingEmbedded(lines[6]!);
      // The key after `- sql: >-` sits at the column of `sql`, not deeper than the dash: it ends the block.
      assertYamlKey(lines[9]!, 'name');
      assertNothingEmbedded(lines[9]!);
      assertYamlKey(lines[10]!, 'validations');
    },
  },
  {
    name: 'custom tests in flow style: sql after { or , is SQL, quoted or plain, across lines',
    async run(tokenize) {
      const text = [
        'custom_sql_tests:',
        '      - { name: x, sql: SELECT 1 }',
        `      - {sql: "SELECT 'a'", filter: 'a > 1'}  # c`,
        '      - {name: x,',
        '         sql: SELECT 2 }',
        '      - { name: x, sql: SELECT a, b FROM t }',
        'next: 1',
      ].join('\n');
      const lines = await tokenize(text);
      // Flow pairs keep SQL and key scopes but not YAML's exact flow-pair meta scopes, so no parity check here.
      assertSql(lines[1]!, 'SELECT', 'keyword.');
      assertSql(lines[1]!, '1', 'constant.numeric');
      assert.ok(
        !embedded(scopesOf(lines[1]!, '}')) &&
          scopesOf(lines[1]!, '}').includes('punctuation.definition.mapping.end.yaml'),
      );
      assert.ok(!embedded(scopesOf(lines[1]!, 'name')));
      assertSql(lines[2]!, 'SELECT', 'keyword.');
      assertSql(lines[2]!, "'a'", 'string.quoted.single');
      assertSql(lines[2]!, '>', 'keyword.operator');
      assert.ok(scopesOf(lines[2]!, '# c').includes('comment.line.number-sign.yaml'));
      assertSql(lines[4]!, 'SELECT', 'keyword.');
      // In a flow mapping YAML ends a plain scalar at `,` (`b FROM t` is another key), and so does the grammar.
      assertSql(lines[5]!, 'SELECT', 'keyword.');
      assert.ok(!embedded(scopesOf(lines[5]!, 'b FROM')), describeTokens(lines[5]!));
      assertYamlKey(lines[6]!, 'next');
    },
  },
  {
    name: 'other keys, comments, anchors and text inside other strings are not SQL',
    async run(tokenize, yaml) {
      const text = [
        '    filters: x = 1',
        '    sql_text: SELECT 1',
        '    my_filter: x = 1',
        '    # filter: x = 1',
        '    filter: &f x = 1',
        '    description: |',
        '      sql: SELECT 1',
        '      filter: a = 1',
        '    note: "filter: a = 1"',
        '    more: { filters: x, note: "sql: y" }',
      ].join('\n');
      for (const lines of await asFileAndInTask(tokenize, text, yaml)) {
        lines.forEach(assertNothingEmbedded);
        assertYamlKey(lines[0]!, 'filters');
        assertYamlKey(lines[1]!, 'sql_text');
      }
    },
  },
  {
    name: 'on every example pact the grammar embeds exactly the filter and sql values YAML reads, all else keeps YAML scopes',
    async run(tokenize, yaml) {
      const folder = join(REPO_ROOT, 'examples');
      const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
      assert.ok(files.length >= 3);
      let checked = 0;
      for (const name of files)
        checked += await assertOnlySqlDiffers(tokenize, yaml, readFileSync(join(folder, name), 'utf8'), name);
      assert.ok(checked > 100, `only ${checked} SQL characters in the examples`);
    },
  },
  ...pactLayoutCases,
];
