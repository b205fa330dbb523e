/** Embedded SQL syntax: errors mapped to the exact characters through plain, quoted and block scalars. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEmbeddedSql, checkSqlSyntax, loadPact, scalarOffsets } from '../../core/src/index';

const task = (filter: string) => `validations:
  - task_key: t
    source_catalog: a
    source_schema: b
    source_table: c
    target_catalog: a
    target_schema: b
    target_table: d
    count_tolerance: 0
    filter: ${filter}
`;

test('value offsets map back through quotes, escapes and block scalars', () => {
  for (const [filter, value] of [
    [`"a = 'x' AND \\"q\\" > 1"`, `a = 'x' AND "q" > 1`],
    [`'it''s = 1 AND b'`, `it's = 1 AND b`],
    [`a > 1 AND b < 2`, `a > 1 AND b < 2`],
    [`|\n      a > 1\n      AND b < 2`, `a > 1\nAND b < 2\n`],
    [`>-\n      a > 1\n      AND b < 2`, `a > 1 AND b < 2`],
  ] as const) {
    const text = task(filter);
    const { source } = loadPact(text);
    const map = scalarOffsets(text, source.yaml, ['validations', 0, 'filter'])!;
    assert.equal(map.value, value);
    // Every non-blank value character sits on the same character in the file (escapes start at their backslash).
    map.value.split('').forEach((c, i) => {
      if (c.trim() === '') return;
      const inFile = text[map.offsets[i]!];
      assert.ok(inFile === c || inFile === '\\' || (c === "'" && inFile === "'"), `${JSON.stringify(filter)}: ${c} at ${i} -> ${inFile}`);
    });
  }
});

test('a filter is parsed as a WHERE clause; the error lands on the offending token in the file', () => {
  const text = task(`"amount > 1 ) AND status = 'x'"`);
  const { raw, source } = loadPact(text);
  const [problem] = checkEmbeddedSql(raw, source, 'databricks');
  assert.equal(problem?.code, 'sql-syntax');
  assert.equal(problem?.severity, 'error');
  assert.equal(text.slice(problem!.start, problem!.end), ')');
  assert.equal(problem!.start, text.indexOf(') AND status'));
  assert.deepEqual(checkEmbeddedSql(loadPact(task(`"amount > 1"`)).raw, loadPact(task(`"amount > 1"`)).source, 'databricks'), []);
});

test('duckdb is checked with the PostgreSQL grammar, as warnings; template variables are identifiers', () => {
  assert.deepEqual(checkSqlSyntax('SELECT n FROM {{ table_fqn }} WHERE n > 1', 'query', 'duckdb'), []);
  const [error] = checkSqlSyntax('SELECT n FROM {{ table_fqn }} WHERE', 'query', 'duckdb');
  assert.ok(error);
  const text = task(`"a >"`);
  const loaded = loadPact(text);
  const [problem] = checkEmbeddedSql(loaded.raw, loaded.source, 'duckdb');
  assert.equal(problem?.severity, 'warning');
  assert.match(problem!.message, /PostgreSQL grammar/);
});
