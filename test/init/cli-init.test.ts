/**
 * `datapact init` as a user runs it: the built CLI reads DuckDB schemas with and without declared keys, writes a
 * pact that validates clean (also against the catalogs) and runs with the verdicts the data's differences call for.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogMemo, catalogQuestions, checkAgainstCatalog, loadPact, openDuckDbCatalogProvider, type Pact } from '../../core/src/index';
import { cli, ensureBuilt } from '../unit/cli-run-helpers';
import { buildInitFixture, type InitFixture } from './init-fixture';

const BOTH = ['--duckdb', 'src=src.duckdb', '--duckdb', 'tgt=tgt.duckdb', '--catalog', 'src', '--schema', 'sales', '--target-catalog', 'tgt'];

function pactOf(path: string): { text: string; pact: Pact } {
  const text = readFileSync(path, 'utf8');
  const loaded = loadPact(text);
  assert.deepEqual(loaded.problems, [], text);
  return { text, pact: loaded.pact! };
}

function task(pact: Pact, key: string) {
  const found = pact.validations.find((t) => t.task_key === key);
  assert.ok(found, `task ${key}`);
  return found;
}

async function catalogFindings(fx: InitFixture, path: string, catalogs: Record<string, string>): Promise<string[]> {
  const text = readFileSync(path, 'utf8');
  const memo = new CatalogMemo(openDuckDbCatalogProvider(Object.fromEntries(Object.entries(catalogs).map(([k, v]) => [k, join(fx.dir, v)]))));
  try {
    const { raw, source } = loadPact(text);
    await memo.load(catalogQuestions(raw));
    return checkAgainstCatalog(raw, source, memo).map((p) => `${p.code}: ${p.message}`);
  } finally {
    await memo.dispose();
  }
}

function runVerdicts(dir: string, pactPath: string): { code: number | null; statuses: Record<string, string>; checks: Record<string, Record<string, string>> } {
  const r = cli(['run', pactPath, '--format', 'json'], dir);
  const report = JSON.parse(r.stdout) as { tasks: { task_key: string; status: string; payload: Record<string, { status?: string }> }[] };
  const statuses = Object.fromEntries(report.tasks.map((t) => [t.task_key, t.status]));
  const checks = Object.fromEntries(
    report.tasks.map((t) => [t.task_key, Object.fromEntries(Object.entries(t.payload ?? {}).filter(([, v]) => v && typeof v === 'object' && 'status' in v).map(([k, v]) => [k, String(v.status)]))]),
  );
  return { code: r.code, statuses, checks };
}

describe('datapact init on DuckDB', () => {
  let fx: InitFixture;
  before(async () => {
    ensureBuilt();
    fx = await buildInitFixture();
  });
  after(() => fx?.cleanup());

  it('with --infer-keys: declared and inferred keys, a pact that validates clean and runs with the expected verdicts', async () => {
    const r = cli(['init', ...BOTH, '--infer-keys', '-o', 'pacts/inferred.pact.yml'], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote pacts\/inferred\.pact\.yml: 5 tasks, 2 with a declared key, 2 with an inferred key, 1 without a key/);
    assert.match(r.stderr, /source tables without a target: audit/);
    assert.match(r.stderr, /target tables without a source: tmp_copy/);
    const path = join(fx.dir, 'pacts', 'inferred.pact.yml');
    const { text, pact } = pactOf(path);

    assert.deepEqual(pact.engine, { type: 'duckdb', catalogs: { src: '../src.duckdb', tgt: '../tgt.duckdb' } });
    assert.deepEqual(pact.validations.map((t) => t.task_key), ['customers', 'events', 'lines', 'orders', 'visits']);
    const orders = task(pact, 'orders');
    assert.deepEqual(
      [orders.primary_keys, orders.pk_row_hash_check, orders.uniqueness_columns, orders.null_validation_columns, orders.agg_validations],
      [['order_id'], true, ['order_id'], ['region'], [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }]],
    );
    assert.equal(orders.hash_columns, undefined, 'same columns on both sides: the all-column hash');
    assert.deepEqual(task(pact, 'lines').primary_keys, ['order_id', 'line_no']);
    assert.deepEqual(task(pact, 'lines').agg_validations?.map((a) => a.column), ['qty'], 'order_id and line_no are not measures');
    assert.deepEqual(task(pact, 'customers').primary_keys, ['customer_id']);
    assert.deepEqual(task(pact, 'customers').agg_validations, [{ column: 'score', validations: [{ agg: 'SUM', tolerance: 0.000001 }] }]);
    assert.deepEqual(task(pact, 'visits').primary_keys, ['day', 'person']);
    assert.equal(task(pact, 'events').primary_keys, undefined);
    assert.deepEqual(task(pact, 'events').agg_validations, [{ column: 'amount_cents', validations: [{ agg: 'SUM', tolerance: 0 }] }]);

    assert.match(text, /# orders: key \(order_id\) declared on the source/);
    assert.match(text, /# lines: key \(order_id, line_no\) declared on the target/);
    assert.match(text, /# customers: key \(customer_id\) inferred: non-NULL and unique in all 50 rows of the source/);
    assert.match(text, /# events: no key declared, and no column or pair is non-NULL and unique/);
    assert.match(text, /# {3}src\.sales\.audit \(source only\)\n# {3}tgt\.sales\.tmp_copy \(target only\)/);
    assert.doesNotMatch(text, /[&*]a\d/, 'no YAML anchors');

    const validate = cli(['validate', path], fx.dir);
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    assert.deepEqual(await catalogFindings(fx, path, { src: 'src.duckdb', tgt: 'tgt.duckdb' }), []);

    const run = runVerdicts(fx.dir, path);
    assert.equal(run.code, 1);
    assert.deepEqual(run.statuses, { customers: 'SUCCESS', events: 'FAILURE', lines: 'SUCCESS', orders: 'FAILURE', visits: 'SUCCESS' });
    assert.deepEqual(run.checks.orders, {
      count_validation: 'PASS',
      row_hash_validation: 'FAIL',
      null_validation_region: 'PASS',
      agg_validation_amount_SUM: 'FAIL',
      uniqueness_validation_order_id: 'PASS',
      rows_compared: 'PASS',
    });
    assert.equal(run.checks.events?.count_validation, 'FAIL');
  });

  it('without --infer-keys: only declared keys; tasks without one compare counts, nulls and sums', async () => {
    const r = cli(['init', ...BOTH, '-o', 'declared.pact.yml'], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /5 tasks, 2 with a declared key, 3 without a key/);
    const path = join(fx.dir, 'declared.pact.yml');
    const { text, pact } = pactOf(path);
    assert.deepEqual(pact.engine?.catalogs, { src: 'src.duckdb', tgt: 'tgt.duckdb' });
    for (const key of ['customers', 'visits', 'events']) {
      assert.equal(task(pact, key).primary_keys, undefined, key);
      assert.equal(task(pact, key).pk_row_hash_check, undefined, key);
    }
    assert.match(text, /# customers: no key declared \(--infer-keys looks for one\)/);
    assert.equal(cli(['validate', path], fx.dir).code, 0);
    const run = runVerdicts(fx.dir, path);
    assert.deepEqual(run.statuses, { customers: 'SUCCESS', events: 'FAILURE', lines: 'SUCCESS', orders: 'FAILURE', visits: 'SUCCESS' });
    assert.deepEqual(Object.keys(run.checks.customers!), ['count_validation', 'agg_validation_score_SUM', 'rows_compared']);
  });

  it('--tables filters by name ignoring case; the target defaults to the source schema (a folder catalog here)', async () => {
    const r = cli(['init', '--duckdb', 'src=src.duckdb', '--duckdb', 'lake=lake', '--catalog', 'src', '--schema', 'SALES', '--target-catalog', 'lake', '--tables', 'ORD*', '-o', 'lake.pact.yml'], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    const path = join(fx.dir, 'lake.pact.yml');
    const { pact } = pactOf(path);
    assert.deepEqual(pact.validations.map((t) => [t.task_key, t.source_schema, t.target_catalog, t.target_schema]), [['orders', 'sales', 'lake', 'sales']]);
    // The Parquet copy declares no key and no NOT NULL: the source's declared key and NOT NULL columns still apply.
    assert.deepEqual(task(pact, 'orders').primary_keys, ['order_id']);
    assert.deepEqual(await catalogFindings(fx, path, { src: 'src.duckdb', lake: 'lake' }), []);
    const run = runVerdicts(fx.dir, path);
    assert.deepEqual(run.statuses, { orders: 'SUCCESS' });
    assert.equal(run.code, 0);
  });

  it('prints the pact when no --output is given', () => {
    const r = cli(['init', '--duckdb', 'src=src.duckdb', '--catalog', 'src', '--schema', 'sales', '--tables', 'customers'], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    const loaded = loadPact(r.stdout);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.pact?.validations.length, 1);
  });

  it('refuses bad input with a clear message and exit 2, writing nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--duckdb', 'src=src.duckdb', '--catalog', 'src', '--schema', 'nope', '-o', 'x.pact.yml'], /no tables found in src\.nope/],
      [['--duckdb', 'src=src.duckdb', '--catalog', 'src', '--schema', 'sales', '--target-schema', 'nope', '-o', 'x.pact.yml'], /no tables found in src\.nope/],
      [['--duckdb', 'src=src.duckdb', '--catalog', 'src', '--schema', 'sales', '--tables', 'zzz*', '-o', 'x.pact.yml'], /no table of src\.sales matching 'zzz\*' has a counterpart/],
      [['--catalog', 'src', '--schema', 'sales', '-o', 'x.pact.yml'], /--duckdb NAME=PATH \(repeatable\) or --profile/],
      [['--duckdb', 'src', '--catalog', 'src', '--schema', 'sales'], /--duckdb takes NAME=PATH, got 'src'/],
      [['--duckdb', 'src=missing.duckdb', '--catalog', 'src', '--schema', 'sales'], /missing\.duckdb does not exist/],
      [['--duckdb', 'src=src.duckdb', '--profile', 'p', '--catalog', 'src', '--schema', 'sales'], /not both/],
      [['--duckdb', 'src=src.duckdb', '--schema', 'sales'], /--catalog is required/],
    ];
    for (const [args, message] of cases) {
      const r = cli(['init', ...args], fx.dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal(cli(['validate', 'x.pact.yml'], fx.dir).code, 2, 'nothing was written');
  });

  it('never overwrites a file unless --force', () => {
    writeFileSync(join(fx.dir, 'mine.pact.yml'), 'keep me');
    const args = ['init', '--duckdb', 'src=src.duckdb', '--catalog', 'src', '--schema', 'sales', '-o', 'mine.pact.yml'];
    const refused = cli(args, fx.dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /mine\.pact\.yml exists; pass --force/);
    assert.equal(readFileSync(join(fx.dir, 'mine.pact.yml'), 'utf8'), 'keep me');
    assert.equal(cli([...args, '--force'], fx.dir).code, 0);
    assert.notEqual(readFileSync(join(fx.dir, 'mine.pact.yml'), 'utf8'), 'keep me');
  });
});
