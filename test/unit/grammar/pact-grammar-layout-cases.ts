// The pact grammar on every way YAML lets a filter / sql value be laid out: on the line after its key, over several
// lines, under a quoted key, as a block scalar with indicators and a comment. Each case also proves the SQL region
// ends where the value does (the next key of the task and the next `- task_key:` item are YAML again) and that
// nothing outside the values changes scope compared with the plain YAML grammar.
import { assertNothingEmbedded, assertOnlySqlDiffers, assertSql, assertYamlKey } from './grammar-assertions';
import { PactToken, TokenizePact } from './tokenize-pact';

/** One layout: the pact text, and what must be SQL / YAML on its lines (by 0-based line index). */
interface Layout {
  name: string;
  lines: string[];
  /** line index -> [fragment, scope prefix] pairs that must be SQL. */
  sql: Record<number, [string, string][]>;
  /** line index -> key that must be a YAML key on a line where nothing is SQL. */
  yaml: Record<number, string>;
}

function layoutCase({ name, lines, sql, yaml }: Layout) {
  return {
    name,
    async run(tokenize: TokenizePact, plainYaml: TokenizePact) {
      const text = lines.join('\n');
      const tokens: PactToken[][] = await tokenize(text);
      for (const [index, fragments] of Object.entries(sql))
        for (const [fragment, prefix] of fragments) assertSql(tokens[Number(index)]!, fragment, prefix);
      for (const [index, key] of Object.entries(yaml)) {
        assertYamlKey(tokens[Number(index)]!, key);
        assertNothingEmbedded(tokens[Number(index)]!);
      }
      await assertOnlySqlDiffers(tokenize, plainYaml, text, name);
    },
  };
}

const KEYWORD: [string, string] = ['AND', 'keyword.'];

export const pactLayoutCases = [
  layoutCase({
    name: 'a filter or sql value on the line after its key, plain or quoted, is SQL; the next key is YAML',
    lines: [
      'validations:',
      '  - task_key: next_line',
      '    filter:',
      "      status = 'open' AND amount > 0",
      '    target_table: a',
      '  - task_key: next_line_quoted',
      '    filter:',
      `      "status = 'open'`,
      '       AND amount > 0"',
      '    target_table: b',
      '  - task_key: next_line_single_after_comment',
      '    filter:   # why',
      "      'a = 1 AND b = 2'",
      '    custom_sql_tests:',
      '      - name: n',
      '        sql:',
      '          SELECT COUNT(*) FROM t',
      '  - task_key: last',
    ],
    sql: {
      3: [KEYWORD, ["'open'", 'string.quoted.single'], ['>', 'keyword.operator']],
      7: [["'open'", 'string.quoted.single']],
      8: [KEYWORD, ['0', 'constant.numeric']],
      12: [KEYWORD],
      16: [
        ['SELECT', 'keyword.'],
        ['COUNT', 'support.function'],
      ],
    },
    yaml: {
      4: 'target_table',
      5: 'task_key',
      9: 'target_table',
      10: 'task_key',
      13: 'custom_sql_tests',
      14: 'name',
      17: 'task_key',
    },
  }),
  layoutCase({
    name: 'a plain filter or sql over several more indented lines is SQL on every line, blank lines between too',
    lines: [
      'validations:',
      '  - task_key: t',
      "    filter: status = 'open'",
      '      AND amount > 0',
      '',
      '      OR id IN (1, 2)  # comment',
      '    target_table: a',
      '    custom_sql_tests:',
      '      - name: n',
      '        sql: SELECT COUNT(*)',
      '          FROM {{ table_fqn }}',
      '          WHERE a = 1',
      '      - sql: SELECT 1',
      '          FROM t',
      '        name: after',
      '  - task_key: u',
      '    filter: a = 1',
      '  - task_key: v',
    ],
    sql: {
      3: [KEYWORD],
      5: [
        ['OR', 'keyword.'],
        ['IN', 'keyword.'],
        ['1', 'constant.numeric'],
      ],
      9: [['SELECT', 'keyword.']],
      10: [['FROM', 'keyword.']],
      11: [['WHERE', 'keyword.']],
      13: [['FROM', 'keyword.']],
      16: [['=', 'keyword.operator']],
    },
    yaml: {
      6: 'target_table',
      7: 'custom_sql_tests',
      14: 'name',
      15: 'task_key',
      17: 'task_key',
    },
  }),
  layoutCase({
    name: 'quoted filter and sql keys stay YAML keys and their values are SQL',
    lines: [
      'validations:',
      '  - task_key: t',
      '    "filter": amount > 0 AND b = 1',
      "    'sql': SELECT 1",
      '    "sql": |',
      '      SELECT 2 AND 3',
      '    target_table: a',
      `  - 'filter': "a = 1 AND b = 2"`,
      '    task_key: u',
    ],
    sql: {
      2: [KEYWORD, ['>', 'keyword.operator']],
      3: [['SELECT', 'keyword.']],
      5: [KEYWORD],
      7: [KEYWORD],
    },
    yaml: { 6: 'target_table', 8: 'task_key' },
  }),
  layoutCase({
    name: 'block scalars with chomping and indentation indicators and a comment after the header are SQL',
    lines: [
      'custom_sql_tests:',
      '  - name: a',
      '    sql: |-',
      '      SELECT 1 AND 2',
      '    description: x',
      '  - name: b',
      '    sql: >',
      '      SELECT 2',
      '      FROM t',
      '    description: y',
      '  - name: c',
      '    sql: |2',
      '        SELECT 3 AND 4',
      '    description: z',
      '  - name: d',
      '    sql: |  # why',
      '      SELECT 4',
      '',
      '  - sql: >+',
      '      SELECT 5',
      '    name: e',
      'validations:',
      '  - task_key: t',
      '    filter: >-',
      '      a = 1',
      '      AND b = 2',
      '    target_table: a',
      '  - task_key: u',
    ],
    sql: {
      3: [KEYWORD],
      7: [['SELECT', 'keyword.']],
      8: [['FROM', 'keyword.']],
      12: [KEYWORD],
      16: [['SELECT', 'keyword.']],
      19: [['SELECT', 'keyword.']],
      25: [KEYWORD],
    },
    yaml: {
      4: 'description',
      5: 'name',
      9: 'description',
      13: 'description',
      14: 'name',
      20: 'name',
      21: 'validations',
      26: 'target_table',
      27: 'task_key',
    },
  }),
  layoutCase({
    name: 'SQL left open (an unclosed string or comment) ends with its value: the next key is YAML',
    lines: [
      'validations:',
      '  - task_key: t',
      "    filter: name = 'O",
      '    target_table: a',
      '    custom_sql_tests:',
      '      - sql: |',
      '          SELECT 1 /* not closed',
      '        name: n',
      '  - task_key: u',
      '    filter: a = 1 -- trailing SQL comment',
      '    target_table: b',
    ],
    sql: {
      2: [['=', 'keyword.operator']],
      6: [['SELECT', 'keyword.']],
      9: [['--', 'comment.']],
    },
    yaml: { 3: 'target_table', 7: 'name', 8: 'task_key', 10: 'target_table' },
  }),
  layoutCase({
    name: 'realistic pact details: document start, empty and null values, templates, escapes, comments between keys',
    lines: [
      '---',
      '# pact',
      'validations:',
      '  - task_key: a   # first',
      '    filter: ""',
      '    target_table: t',
      '  - task_key: b',
      '    filter:',
      '    target_table: u',
      '  - task_key: c',
      "    filter: x = '{{ run_date }}'   # templated",
      '    sql: "SELECT \\"col\\" FROM t"',
      '    # a comment between keys',
      '    target_table: v',
      '  -   task_key: d',
      '      filter: a = 1',
      '        AND b = 2',
      '      # after a multi-line value',
      '      custom_sql_tests:',
      '        - sql: |',
      '            SELECT 1',
      '          # at the key column: a YAML comment, the block is over',
      '          name: n',
    ],
    sql: {
      10: [["'{{ run_date }}'", 'string.quoted.single']],
      11: [
        ['SELECT', 'keyword.'],
        ['FROM', 'keyword.'],
      ],
      16: [KEYWORD],
      20: [['SELECT', 'keyword.']],
    },
    yaml: {
      5: 'target_table',
      8: 'target_table',
      13: 'target_table',
      18: 'custom_sql_tests',
      22: 'name',
    },
  }),
];
