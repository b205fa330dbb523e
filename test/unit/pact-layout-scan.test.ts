/**
 * Property: the task layout read from a text's lines alone (scanLayout, what the first completion in a large
 * document uses instead of parsing it) is, whenever it answers, the layout yaml's parse gives (layoutOf): the same
 * start of the task list and the same extent for every task. Checked on the examples, the broken fixtures, pacts
 * written with comments, block scalars and flow collections, and chains of random one-character edits of them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPact } from '../../core/src/index';
import { layoutOf, scanLayout } from '../../server/src/pact-layout';

const ROOT = join(import.meta.dirname, '..', '..');

/** A pact written the way people write them: comments everywhere, a block scalar, flow lists spread over lines. */
function written(tasks: number): string {
  const lines = ['# a pact', 'engine:', '  type: duckdb', '  catalogs: { wh: wh.duckdb }', 'defaults:', '  count_tolerance: 0.01 # one percent', 'validations:'];
  for (let i = 0; i < tasks; i++) {
    lines.push(`  # task ${i}`, `  - task_key: t${i} # key`, '    source_catalog: wh', '    source_table: src', '    target_table: tgt');
    if (i % 3 === 0) lines.push('    primary_keys: [id,', '      name]', '    pk_row_hash_check: true');
    if (i % 4 === 1) lines.push('    custom_sql_tests:', '      - name: c', '        sql: |', '          SELECT id', `          FROM {{ table_fqn }} WHERE id > ${i}`, '');
    if (i % 5 === 2) lines.push('    filter: "amount > 0"', '', '    # inside the task', '    count_tolerance: 0');
    if (i % 7 === 3) lines.push('    sql: >-', '      SELECT 1', '');
  }
  return `${lines.join('\n')}\n`;
}

/** The property, for one text. Returns whether the scan answered. */
function agrees(text: string, what: string): boolean {
  const scanned = scanLayout(text);
  if (!scanned) return false;
  const loaded = loadPact(text);
  // A text yaml cannot parse has no layout to agree with: there the scan reads the tasks as their lines lay
  // them out (completion in one task then reads that task as written).
  if (loaded.problems.some((p) => p.code === 'yaml-syntax')) return false;
  const parsed = layoutOf(loaded);
  assert.ok(parsed, `${what}: the scan found tasks where the parse found none\n${text}`);
  assert.deepEqual(
    { seqLineStart: scanned.seqLineStart, tasks: scanned.tasks, standalone: scanned.standalone },
    { seqLineStart: parsed.seqLineStart, tasks: parsed.tasks.map((t) => ({ start: t.start, end: t.end })), standalone: parsed.standalone },
    `${what}: the scanned layout differs from the parsed one\n${text}`,
  );
  return true;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARACTERS = ' :-[]{},"\'#\n0a_Xs.|>&*\t'.split('');

/** `edits` random one-character insertions or deletions in a chain; returns how many texts the scan answered for. */
function chain(text: string, edits: number, seed: number): number {
  const next = random(seed);
  let current = text;
  let answered = 0;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (current.length + 1));
    current = next() < 0.3 && at < current.length ? current.slice(0, at) + current.slice(at + 1) : current.slice(0, at) + CHARACTERS[Math.floor(next() * CHARACTERS.length)]! + current.slice(at);
    if (agrees(current, `edit ${i} (seed ${seed})`)) answered++;
    if (i % 8 === 7) current = text; // random characters soon make a text no scan answers for
  }
  return answered;
}

test('a pact written with comments, block scalars and multi-line flow lists: the scan answers and agrees', () => {
  for (const tasks of [2, 3, 12, 40]) assert.ok(agrees(written(tasks), `${tasks} tasks`), `no scanned layout for ${tasks} tasks`);
});

test('random edits: whenever the scan answers, it agrees with the parse', () => {
  const answered = chain(written(8), 1500, 1);
  assert.ok(answered > 300, `the scan answered for only ${answered} of 1500 edited texts`);
});

test('examples and broken fixtures (with a plain task appended): whenever the scan answers, it agrees with the parse', () => {
  const extra = '  - task_key: appended\n    source_table: a\n    target_table: b\n';
  const dir = join(ROOT, 'test', 'fixtures', 'pacts', 'broken');
  const texts = [
    ...readdirSync(join(ROOT, 'examples')).filter((n) => /\.ya?ml$/.test(n)).map((n) => [n, readFileSync(join(ROOT, 'examples', n), 'utf8')]),
    ...readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
  ];
  let answered = 0;
  for (const [name, text] of texts) {
    for (const candidate of [text, `${text.trimEnd()}\n${extra}`]) if (agrees(candidate, name!)) answered++;
    chain(text!, 60, name!.length);
  }
  assert.ok(answered > 0, 'the scan answered for no example or fixture');
});

test('texts the scan must leave to the parser', () => {
  const plain = written(3);
  const cases: Record<string, string> = {
    'an anchor and an alias': plain.replace('task_key: t1', 'task_key: &k t1').replace('task_key: t2', 'task_key: *k'),
    'a merge key': plain.replace('    source_catalog: wh\n', '    <<: {}\n'),
    'a top-level key after validations': `${plain}extra: 1\n`,
    'a second document': `${plain}---\nvalidations: []\n`,
    'a flow list of tasks': 'validations: [{ task_key: a }, { task_key: b }]\n',
    'a scalar item': plain.replace('  - task_key: t1 # key', '  - t1'),
    'a CR line end': plain.replace('\n', '\r\n'),
    'tab indentation': plain.replace('    source_table: src', '\tsource_table: src'),
    'a comment after the last task': `${plain}# the end\n`,
    'a block scalar that keeps its trailing lines': plain.replace('    sql: |', '    sql: |+'),
    'one task': 'validations:\n  - task_key: a\n',
    'a line of a block scalar that reads like a comment': plain.replace('          SELECT id\n', '          SELECT id\n          # part of the SQL\n'),
  };
  for (const [what, text] of Object.entries(cases)) assert.equal(scanLayout(text), undefined, what);
});
