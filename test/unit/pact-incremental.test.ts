/**
 * Property: after a one-character edit inside a task, the language server's full answer built from that task
 * alone (server/src/incremental-check.ts) equals the whole-file check (loadPact + embedded SQL + catalog),
 * finding for finding, ranges and order included; and the task layout it carries forward equals a fresh one,
 * so chains of edits stay equal too. Runs on examples, a generated pact and the broken fixtures.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  checkAgainstCatalog,
  checkEmbeddedSql,
  loadPact,
  type CatalogAnswers,
  type EngineType,
  type Problem,
  type TableInfo,
} from '../../core/src/index';
import { byStart, recheckTask, type CheckedVersion } from '../../server/src/incremental-check';
import { layoutOf } from '../../server/src/pact-layout';

const ROOT = join(import.meta.dirname, '..', '..');

/** A small fixed catalog: `wh.main.src_N` / `tgt_N` with columns id, name, status, amount. */
const CATALOG: CatalogAnswers = {
  catalogs: () => [{ name: 'wh' }],
  schemas: (catalog) => (catalog === 'wh' ? [{ catalog, name: 'main' }] : []),
  tables: (catalog, schema) =>
    catalog === 'wh' && schema === 'main'
      ? ['src', 'tgt'].flatMap((side) =>
          [0, 1, 2].map((n): TableInfo => ({
            catalog,
            schema,
            name: `${side}_${n}`,
            kind: 'table',
            columns: ['id', 'name', 'status', 'amount'].map((name) => ({ name, type: 'VARCHAR', nullable: true })),
            primaryKey: [],
          })),
        )
      : [],
};

function wholeFile(text: string, engine: EngineType, catalog?: CatalogAnswers): Problem[] {
  const loaded = loadPact(text);
  const fromCatalog = catalog ? checkAgainstCatalog(loaded.raw, loaded.source, catalog) : [];
  return byStart(byStart([...loaded.problems, ...checkEmbeddedSql(loaded.raw, loaded.source, engine)]).concat(fromCatalog));
}

function checked(text: string, engine: EngineType, catalog?: CatalogAnswers): CheckedVersion {
  const layout = layoutOf(loadPact(text));
  return { text, problems: wholeFile(text, engine, catalog), engine, complete: true, ...(layout ? { layout } : {}), ...(catalog ? { catalog } : {}) };
}

/** A commented pact like the benchmark's, with duplicate and reserved keys, a catalog typo and half-set checks. */
function generated(tasks: number): string {
  const lines = ['# generated', 'engine:', '  type: duckdb', 'defaults:', '  count_tolerance: 0.01', 'validations:'];
  for (let i = 0; i < tasks; i++) {
    const key = i % 7 === 3 ? `Task_${i - 1}` : i === 5 ? 'aggregate_results' : `task_${i}`;
    lines.push(
      `  # Task ${i}`,
      `  - task_key: ${key}`,
      '    source_catalog: wh',
      '    source_schema: main',
      `    source_table: src_${i % 3}`,
      '    target_catalog: wh',
      '    target_schema: main',
      `    target_table: tgt_${i % 4}`,
      '    primary_keys: [id]  # the business key',
      `    filter: "amount > ${i} AND status <> 'void'"`,
      i % 5 === 2 ? '    null_validation_columns: [name, stauts]' : '    null_validation_tolerance: 0.05 # 5 %',
      '    agg_validations:',
      '      - column: amount',
      '        validations:',
      '          - { agg: SUM, tolerance: 0.001 }',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_TASK = `  - task_key: appended
    source_catalog: wh
    source_schema: main
    source_table: src_1
    target_catalog: wh
    target_schema: main
    target_table: tgt_1
`;

const CHARACTERS = ' :-[]{},"\'#\n0a_Xs.'.split('');

/** A one-character insertion or deletion somewhere inside a task of `version` (from its line start to its end). */
function editInsideTask(version: CheckedVersion, next: () => number): string {
  const tasks = version.layout!.tasks;
  const task = tasks[Math.floor(next() * tasks.length)]!;
  const from = version.text.lastIndexOf('\n', task.start - 1) + 1;
  const at = from + Math.floor(next() * (task.end - from + 1));
  const { text } = version;
  if (next() < 0.3 && at < text.length) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + CHARACTERS[Math.floor(next() * CHARACTERS.length)]! + text.slice(at);
}

/** Applies `edits` random edits in a chain; returns how many took the one-task full answer. */
function chain(text: string, edits: number, seed: number, engine: EngineType, catalog?: CatalogAnswers): number {
  const next = random(seed);
  let version = checked(text, engine, catalog);
  let incremental = 0;
  for (let i = 0; i < edits && version.layout; i++) {
    const edited = editInsideTask(version, next);
    const recheck = recheckTask(version, edited, undefined);
    if (recheck?.full) {
      incremental++;
      const expected = checked(edited, engine, catalog);
      assert.deepEqual(recheck.full.problems, expected.problems, `edit ${i} (seed ${seed}): findings differ`);
      assert.deepEqual(recheck.full.layout, expected.layout, `edit ${i} (seed ${seed}): layout differs`);
      version = { ...version, text: edited, problems: recheck.full.problems, layout: recheck.full.layout };
    } else {
      version = checked(edited, engine, catalog); // the server's whole-file path
    }
    // Random characters soon break the YAML for good (then no edit can take the one-task path): start again.
    const broken = version.problems.some((p) => p.code === 'yaml-syntax');
    if (!version.layout || broken || i % 10 === 9) version = checked(text, engine, catalog);
  }
  return incremental;
}

test('generated pact with catalog: incremental full answer equals the whole-file check', () => {
  const incremental = chain(generated(30), 400, 1, 'duckdb', CATALOG);
  assert.ok(incremental > 200, `only ${incremental} of 400 edits took the one-task path`);
});

test('generated pact, databricks, no catalog: incremental full answer equals the whole-file check', () => {
  const incremental = chain(generated(12), 250, 2, 'databricks');
  assert.ok(incremental > 100, `only ${incremental} of 250 edits took the one-task path`);
});

test('examples: incremental full answer equals the whole-file check', () => {
  // Pact files only: `npm run demo` leaves the run records of examples/demo.pact.yml in examples/.datapact/.
  const names = readdirSync(join(ROOT, 'examples')).filter((name) => /\.ya?ml$/.test(name));
  const counts = names.map((name, n) => chain(readFileSync(join(ROOT, 'examples', name), 'utf8'), 150, 10 + n, 'duckdb'));
  // The others hold anchors or aliases (every edit takes the whole-file path there); these two must not.
  for (const name of ['demo.pact.yml', 'finance.pact.yml']) assert.ok(counts[names.indexOf(name)]! > 20, `${name}: ${counts}`);
});

test('broken fixtures: incremental full answer equals the whole-file check', () => {
  const dir = join(ROOT, 'test', 'fixtures', 'pacts', 'broken');
  // Most fixtures hold one task: a second one after it gives the edits something to keep.
  const counts = readdirSync(dir).map((name, n) => chain(`${readFileSync(join(dir, name), 'utf8')}${EXTRA_TASK}`, 40, 100 + n, 'duckdb', CATALOG));
  const exercised = counts.filter((c) => c > 0).length;
  assert.ok(exercised > 30, `only ${exercised} fixtures took the one-task path`);
});

test('an edit that adds a task, or text with anchors, takes the whole-file path', () => {
  const text = generated(3);
  const version = checked(text, 'duckdb');
  const at = text.indexOf('  - task_key: task_1');
  assert.equal(recheckTask(version, `${text.slice(0, at)}  - task_key: extra\n${text.slice(at)}`, undefined)?.full, undefined);
  const anchored = text.replace('primary_keys: [id]', 'primary_keys: &pk [id]');
  const withAnchor = checked(anchored, 'duckdb');
  const edited = anchored.replace('amount > 2', 'amount > 29');
  assert.equal(recheckTask(withAnchor, edited, undefined)?.full, undefined);
  assert.ok(recheckTask(withAnchor, edited, undefined)?.quick);
});
