// The pact grammar's behaviour as a list of cases, each run against a tokenizer: test/unit/pact-grammar.test.ts runs
// them with the tm-grammars YAML and SQL, test/e2e/grammar-vscode-yaml.test.ts with the grammars VS Code ships, so
// SQL highlighting is proven against the YAML grammar real users get, not only the one npm has.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, Scalar, visit } from 'yaml';
import { REPO_ROOT } from './grammar-sources';
import { describeTokens, PactToken, scopesAtColumn, scopesOf, TokenizePact } from './tokenize-pact';

/** One behaviour of the pact grammar, checked on whatever YAML + SQL grammars `tokenize` was built with. */
export interface PactGrammarCase {
  name: string;
  run(tokenize: TokenizePact): Promise<void>;
}

/** The scope the pact grammar gives embedded SQL (package.json maps it to the sql language). */
export const SQL = 'meta.embedded.sql.datapact';

const embedded = (scopes: string[]) => scopes.includes(SQL);
/** A scope the SQL grammar gave (source.sql names its scopes `*.sql`). */
const sqlScope = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix) && s.endsWith('.sql'));

function assertSql(line: PactToken[], fragment: string, prefix: string): void {
  const scopes = scopesOf(line, fragment);
  assert.ok(
    embedded(scopes) && sqlScope(scopes, prefix),
    `${fragment} should be SQL ${prefix}*:\n${describeTokens(line)}`,
  );
}
function assertYamlKey(line: PactToken[], key: string): void {
  const scopes = scopesOf(line, key);
  assert.ok(
    scopes.includes('entity.name.tag.yaml') && !embedded(scopes),
    `${key} should be a YAML key:\n${describeTokens(line)}`,
  );
}
function assertNothingEmbedded(line: PactToken[]): void {
  assert.ok(!line.some((t) => embedded(t.scopes)), `nothing should be SQL:\n${describeTokens(line)}`);
}

/** Offsets of the characters YAML itself reads as the text of a filter or sql value (quotes and block headers excluded). */
function sqlValueOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !['filter', 'sql'].includes(String(pair.key.value))) return;
      if (!isScalar(pair.value) || !pair.value.range || isMap(pair.value)) return;
      let [start, end] = pair.value.range;
      const type = pair.value.type;
      if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) [start, end] = [start + 1, end - 1];
      if (type === Scalar.BLOCK_FOLDED || type === Scalar.BLOCK_LITERAL) start = text.indexOf('\n', start) + 1;
      for (let offset = start; offset < end; offset++) offsets.add(offset);
    },
  });
  return offsets;
}

/**
 * `text` tokenized twice: as a whole file, and as the fields of a task further down a pact, where VS Code's YAML
 * grammar has its block mapping and sequence rules open (they consume each line's indentation first). Only the
 * lines of `text` are returned.
 */
async function asFileAndInTask(tokenize: TokenizePact, text: string): Promise<PactToken[][][]> {
  const task = ['validations:', '  - name: t'];
  const inTask = await tokenize([...task, text].join('\n'));
  return [await tokenize(text), inTask.slice(task.length)];
}

export const pactGrammarCases: PactGrammarCase[] = [
  {
    name: 'a double-quoted filter is SQL between the quotes, the quotes stay YAML',
    async run(tokenize) {
      for (const [line] of await asFileAndInTask(tokenize, `    filter: "amount > 1 AND status <> 'void'"`)) {
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
    async run(tokenize) {
      const text = '    filter: amount > 1\n    filter: amount > 1 AND b = 2   # only big';
      for (const [plain, commented] of await asFileAndInTask(tokenize, text)) {
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
    async run(tokenize) {
      for (const [line] of await asFileAndInTask(tokenize, "    filter: 'status = ''x'' AND a > 1'  # c")) {
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
    async run(tokenize) {
      const lines = await tokenize(
        [
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
        ].join('\n'),
      );
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
      const lines = await tokenize(
        [
          'custom_sql_tests:',
          '      - { name: x, sql: SELECT 1 }',
          `      - {sql: "SELECT 'a'", filter: 'a > 1'}  # c`,
          '      - {name: x,',
          '         sql: SELECT 2 }',
          '      - { name: x, sql: SELECT a, b FROM t }',
          'next: 1',
        ].join('\n'),
      );
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
    async run(tokenize) {
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
      for (const lines of await asFileAndInTask(tokenize, text)) {
        lines.forEach(assertNothingEmbedded);
        assertYamlKey(lines[0]!, 'filters');
        assertYamlKey(lines[1]!, 'sql_text');
      }
    },
  },
  {
    name: 'on every example pact the grammar embeds exactly the filter and sql values YAML reads',
    async run(tokenize) {
      const folder = join(REPO_ROOT, 'examples');
      const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
      assert.ok(files.length >= 3);
      let checked = 0;
      for (const name of files) {
        const text = readFileSync(join(folder, name), 'utf8');
        const values = sqlValueOffsets(text);
        const lines = await tokenize(text);
        let lineStart = 0;
        lines.forEach((tokens, index) => {
          const line = text.split('\n')[index]!;
          for (let column = 0; column < line.length; column++) {
            if (/\s/.test(line[column]!)) continue; // indentation and spacing around values may go either way
            const inValue = values.has(lineStart + column);
            const where = `${name}:${index + 1}:${column + 1} ${JSON.stringify(line)}`;
            assert.equal(embedded(scopesAtColumn(tokens, column)), inValue, `${where}\n${describeTokens(tokens)}`);
            if (inValue) checked++;
          }
          lineStart += line.length + 1;
        });
      }
      assert.ok(checked > 100, `only ${checked} SQL characters in the examples`);
    },
  },
];
