// The fast CST path (core/src/pact/fast-cst.ts) must build exactly the tree yaml's parser builds, and loadPact
// must answer the same (model, data, findings, positions) whichever path parsed the text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineCounter, Parser } from 'yaml';
import { loadPact } from '../../core/src/index';
import { fastCst } from '../../core/src/pact/fast-cst';
import { parsing } from '../../core/src/pact/parse-pact-text';

const ROOT = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** The same text without its comments (full lines, and ` # …` after a value). */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/\s+#.*$/, ''))
    .join('\n');
}

/**
 * A pact shaped like the benchmark's and written like examples/*.pact.yml: a header comment, a comment above
 * each task (one indented deeper, which yaml attaches to the value before it), comments after values and after
 * a key with no value, flow lists and mappings, quoted filters, a comment at the end.
 */
function generated(tasks: number): string {
  const lines = ['# Generated pact', '# (two header lines)', '', 'engine:', '  type: duckdb', '  catalogs:  # one per file', '    wh: wh.duckdb # the warehouse', '', 'validations:'];
  for (let i = 0; i < tasks; i++) {
    lines.push(
      `  # Task ${i}`,
      `  - task_key: task_${i}`,
      `    source_table: src_${i}  # from the old system`,
      '      # (an indented note: it belongs to the value above)',
      '    target_table: tgt',
      '    primary_keys: [id, name] # the business key',
      `    filter: "amount > ${i} AND status <> 'void'" # SQL`,
      `    count_tolerance: 0.0${i}`,
      '    agg_validations: # totals',
      '      - column: amount',
      '        validations:',
      '          - { agg: SUM, tolerance: 0.001 }  # exact',
      '',
    );
  }
  lines.push('# end of the pact');
  return `${lines.join('\n')}\n`;
}

/** Loads `text` on both paths; returns whether the fast one applied. */
function assertSamePact(text: string): boolean {
  const yamlLines = new LineCounter();
  const fastLines = new LineCounter();
  const fast = fastCst(text, fastLines);
  if (fast) {
    assert.deepEqual(fast, [...new Parser(yamlLines.addNewLine).parse(text)], 'the CST of yaml');
    assert.deepEqual(fastLines.lineStarts, yamlLines.lineStarts, 'line starts');
  }
  const viaFast = loadPact(text);
  parsing.fast = false;
  let viaYaml: ReturnType<typeof loadPact>;
  try {
    viaYaml = loadPact(text);
  } finally {
    parsing.fast = true;
  }
  assert.deepEqual(viaFast.problems, viaYaml.problems);
  assert.deepEqual(viaFast.raw, viaYaml.raw);
  assert.deepEqual(viaFast.pact, viaYaml.pact);
  assert.deepEqual(viaFast.source.lines.lineStarts, viaYaml.source.lines.lineStarts);
  return fast !== undefined;
}

const inputs = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))].map((path) => readFileSync(path, 'utf8'));

test('examples and broken fixtures (and the same without comments) load the same on both paths; comments never send a text to yaml', () => {
  let fast = 0;
  let commented = 0;
  for (const text of inputs) {
    const withComments = assertSamePact(text);
    const bare = withoutComments(text);
    const without = assertSamePact(bare);
    if (bare !== text && withComments) commented++;
    if (without) fast++;
    assert.equal(withComments, without, `comments change the path for:\n${text}`);
  }
  assert.ok(fast >= inputs.length / 2, `the fast path applied to only ${fast} of ${inputs.length} files`);
  assert.ok(commented >= inputs.length / 2, `the fast path applied to only ${commented} of ${inputs.length} files with comments`);
});

test('a large generated pact takes the fast path and loads the same', () => {
  assert.equal(assertSamePact(generated(60)), true);
  assert.equal(assertSamePact(generated(3).slice(0, -1)), true, 'without a final newline');
  assert.equal(assertSamePact(withoutComments(generated(3))), true, 'without comments');
});

test('YAML outside the subset is left to yaml', () => {
  for (const text of ['a: &x 1\nb: *x\n', 'a: |\n  x\n', 'a: b\n  c\n', '--- \na: 1\n', 'a:\n- b\n', '\ta: 1\n', 'a: 1 \n', '"a": 1\n', '- a\n']) {
    assert.equal(fastCst(text), undefined, JSON.stringify(text));
    assertSamePact(text);
  }
});

/** Scalars and keys inside the subset, and (rarer) ones that must send the text to yaml's parser. */
const SCALARS = ['x', 'task_1', '-1', '.5', '1e3', '~', 'null', 'yes', 'true', 'a b', 'a:b', 'x,y', 'x]', 'a - b', '"q"', '"a\\"b"', "'it''s'", '{}', '[]', '[a, b]', '[a,b ,c]', '{ k: v }', '{k: v, l: 1}', '', 'a#b', 'a #b', 'x  # note: y', '"q" # c', "'s'  #c", '[a, b] # c', '{ k: v } #c', '# only'];
const ODD_SCALARS = ["'", '"', '- x', '? x', '@x', '{k:v}', '[a, ]', '[ a ]', '[ ]', 'a: b', 'x:', '*x', '&x y', '!t y', '|', '"a" b', '[a #c]', '[a, #c]', '"x"# c', '[a]#c', '[a] x', '{ k: v #c }'];
const KEYS = ['task_key', 'filter', 'validations', 'a', 'a.b', '$v', '1', 'x-y'];
const ODD_KEYS = ['a b', '"q"', '-x', '? a', '<<'];
const scalar = fc.oneof({ arbitrary: fc.constantFrom(...SCALARS), weight: 12 }, { arbitrary: fc.constantFrom(...ODD_SCALARS), weight: 1 });
const key = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 20 }, { arbitrary: fc.constantFrom(...ODD_KEYS), weight: 1 });

type Block = { map: Array<[string, Block | string]> } | { seq: Array<Block | string> };

/** Random block-style trees of mappings and sequences with assorted scalars (some of them outside the subset). */
const block = fc.letrec<{ block: Block; value: Block | string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('block')),
  block: fc.oneof(
    fc.array(fc.tuple(key, tie('value')), { minLength: 1, maxLength: 4 }).map((map) => ({ map })),
    fc.array(tie('value'), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
  ),
})).block;

/** Comment lines at assorted indentations (shallower, level with, and deeper than `indent`), chosen by `pick`. */
function comments(indent: number, pick: () => number): string[] {
  const k = pick() % 8;
  if (k > 2) return [];
  const at = (n: number) => `${' '.repeat(n)}# note ${n}`;
  if (k === 0) return [at(indent)];
  if (k === 1) return ['', at(pick() % (indent + 6))];
  return [at(indent + 1 + (pick() % 3)), at(pick() % (indent + 1))];
}

/**
 * Writes a tree as YAML with the given indent step, blank lines, comment lines, comments after values and
 * spaces after `:` chosen by `pick`.
 */
function write(node: Block, indent: number, step: number, pick: () => number, firstPrefix = ''): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const entries: Array<[string, Block | string]> = 'map' in node ? node.map : node.seq.map((v) => ['-', v]);
  entries.forEach(([key, value], i) => {
    const lead = i === 0 && firstPrefix ? firstPrefix : pad;
    if (!(i === 0 && firstPrefix)) lines.push(...comments(indent, pick));
    const blank = pick() % 5 === 0 ? '\n' : '';
    const head = 'map' in node ? `${key}:` : '-';
    if (typeof value === 'string') {
      const gap = value === '' && 'map' in node ? '' : pick() % 4 === 0 ? '  ' : ' ';
      const trailing = value !== '' && !value.includes('#') && pick() % 4 === 0 ? ' # after' : '';
      lines.push(`${i > 0 ? blank : ''}${lead}${head}${gap}${value}${trailing}`);
    } else if (!('map' in node) && 'map' in value && pick() % 2 === 0) {
      // a compact mapping on the `- ` line
      lines.push(...write(value, indent + 2, step, pick, `${i > 0 ? blank : ''}${lead}- `));
    } else {
      const trailing = pick() % 4 === 0 ? '  # on the key' : '';
      lines.push(`${i > 0 ? blank : ''}${lead}${head}${trailing}`, ...write(value, indent + step, step, pick));
    }
  });
  return lines;
}

const tree: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), block), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(20), { minLength: 13, maxLength: 13 }))
  .map(([top, step, choices]) => {
    let n = 0;
    const pick = () => choices[n++ % choices.length]! + n;
    const body = write({ map: top }, 0, step, pick);
    const tail = comments(pick() % 4, pick);
    return [...body, ...tail].join('\n');
  });

test('fuzz: whenever the fast path accepts a text, it builds yaml\'s tree and the same pact', () => {
  let fast = 0;
  let fastWithComments = 0;
  fc.assert(
    fc.property(tree, fc.boolean(), (text, newline) => {
      if (assertSamePact(newline ? `${text}\n` : text)) {
        fast++;
        if (/^ *#/m.test(text) && / #/.test(text.replace(/^ *#.*$/gm, ''))) fastWithComments++;
      }
    }),
    { numRuns: 3000 },
  );
  assert.ok(fast > 250, `only ${fast} of 3000 texts took the fast path: the fuzz would not test it`);
  assert.ok(fastWithComments > 150, `only ${fastWithComments} texts with comment lines and comments after values took the fast path`);
});

test('fuzz: one-character edits of a generated pact', () => {
  const base = generated(2);
  fc.assert(
    fc.property(fc.nat(base.length), fc.constantFrom('', ' ', '\n', '-', ':', '[', ']', '{', '}', ',', '"', "'", 'x', '  ', '#', ' #'), fc.boolean(), (at, bit, replace) => {
      assertSamePact(base.slice(0, at) + bit + base.slice(replace ? at + 1 : at));
    }),
    { numRuns: 1500 },
  );
});
