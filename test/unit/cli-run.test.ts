/** `datapact run | sql | history` as a user runs them: the built CLI on real pact files and DuckDB data. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { checkXml, cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

describe('datapact run / sql / history', () => {
  let fx: EngineFixture;
  let pact: string;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    pact = writePact(fx, 'shop.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('orders_match', 'orders', { primary_keys: ['order_id'], count_tolerance: 0, pk_row_hash_check: true }),
        taskYaml('customers_count', 'customers', { count_tolerance: 0 }),
        taskYaml('missing_table', 'no_such_table', { count_tolerance: 0 }),
      ],
    });
  });
  after(() => fx?.cleanup());

  it('exits 1 when a task fails or errors and prints a line per task and a summary', () => {
    const r = cli(['run', 'shop.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^✔ orders_match /m);
    assert.match(r.stdout, /^✘ customers_count {2}row count: source 100, target 99 \(/m);
    assert.match(r.stdout, /^! missing_table {2}error: .*no_such_table/m);
    assert.match(r.stdout, /^task\s+status\s+checks\s+duration$/m);
    // count, row hash, and the rows-compared check every task with a built-in check has
    assert.match(r.stdout, /^orders_match\s+SUCCESS\s+3\/3\s/m);
    assert.ok(existsSync(join(fx.dir, 'out', 'history.duckdb')));
  });

  it('exits 0 when every selected task passes', () => {
    const r = cli(['run', pact, '--task', 'orders_match'], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /customers_count/);
  });

  it('prints the JSON report', () => {
    const r = cli(['run', pact, '--format', 'json'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & { tasks: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(report), ['pact', 'engine', 'run_id', 'status', 'tasks']);
    assert.equal(report.engine, 'duckdb');
    assert.equal(report.status, 'ERROR');
    assert.deepEqual(report.tasks.map((t) => [t.task_key, t.status]), [
      ['orders_match', 'SUCCESS'],
      ['customers_count', 'FAILURE'],
      ['missing_table', 'ERROR'],
    ]);
    assert.deepEqual(Object.keys(report.tasks[0]!), ['task_key', 'status', 'checks', 'payload']);
    assert.deepEqual(Object.keys(report.tasks[2]!), ['task_key', 'status', 'error', 'checks', 'payload']);
    const payload = report.tasks[1]!.payload as Record<string, { status: string }>;
    assert.equal(payload.count_validation?.status, 'FAIL');
  });

  it('writes well-formed JUnit XML to --output, atomically, and nothing to stdout', () => {
    const r = cli(['run', pact, '--format', 'junit', '--output', 'reports/junit.xml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const xml = readFileSync(join(fx.dir, 'reports', 'junit.xml'), 'utf8');
    const names = checkXml(xml);
    assert.equal(names[0], 'testsuites');
    assert.equal(names.filter((n) => n === 'testsuite').length, 3);
    assert.equal(names.filter((n) => n === 'failure').length, 1);
    assert.equal(names.filter((n) => n === 'error').length, 1);
    assert.match(xml, /<testsuite name="orders_match" tests="3" failures="0" errors="0"/);
    assert.match(xml, /<testcase name="rows compared"/);
    assert.match(xml, /<testcase name="row hash"/);
    assert.match(xml, /<error message="[^"]*no_such_table/);
  });

  it('refuses an --output it cannot write before running anything (exit 2, a plain message, no run recorded)', () => {
    const own = writePact(fx, 'output.pact.yml', {
      engine: { ...duckdbEngine(), results: 'out/output-check.duckdb' },
      validations: [taskYaml('t', 'orders', { count_tolerance: 0 })],
    });
    mkdirSync(join(fx.dir, 'a-folder'), { recursive: true });
    writeFileSync(join(fx.dir, 'a-file'), 'x');
    const cases: Array<[string, RegExp]> = [
      ['a-folder', /^datapact run: --output a-folder is a folder; name a file\n/],
      ['.', /^datapact run: --output \. is a folder; name a file\n/],
      ['a-file/report.xml', /^datapact run: cannot write --output a-file\/report\.xml: a-file is not a folder\n/],
      ['./output.pact.yml', /^datapact run: --output \.\/output\.pact\.yml is the pact itself; name another file\n/],
    ];
    for (const [output, message] of cases) {
      const r = cli(['run', own, '--format', 'junit', '--output', output], fx.dir);
      assert.equal(r.code, 2, output);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /EISDIR|EEXIST|ENOTDIR|\.tmp/);
    }
    assert.ok(!existsSync(join(fx.dir, 'out', 'output-check.duckdb')), 'nothing ran');
    assert.match(readFileSync(own, 'utf8'), /^engine:/, 'the pact is intact');
    assert.deepEqual(readdirSync(dirname(fx.dir)).filter((n) => n.endsWith('.tmp')), [], 'no temp file beside the folder');
  });

  it('a Databricks pact (the default engine) with no sign-in configured exits 2 and says so', () => {
    const remote = writePact(fx, 'remote.pact.yml', { validations: [taskYaml('t', 'orders', { count_tolerance: 0 })] });
    const r = cli(['run', remote], fx.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Databricks|DATABRICKS_/);
  });

  it('exits 2 naming the known tasks for an unknown --task', () => {
    const r = cli(['run', pact, '--task', 'nope'], fx.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown task 'nope'.*orders_match, customers_count, missing_table/);
  });

  it('exits 2 when a catalog path does not exist', () => {
    const broken = writePact(fx, 'broken.pact.yml', {
      engine: { ...duckdbEngine(), catalogs: { shop: 'shop.duckdb', lake: 'no-such-folder' } },
      validations: [taskYaml('t', 'orders', { count_tolerance: 0 })],
    });
    const r = cli(['run', broken], fx.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /catalog "lake".*no-such-folder does not exist/);
  });

  it('exits 2 with the usage message for a --limit that is not a positive whole number a query can take', () => {
    for (const limit of ['0', '-1', '1.5', 'ten', '99999999999999999999']) {
      const r = cli(['history', pact, `--limit=${limit}`], fx.dir);
      assert.equal(r.code, 2, limit);
      assert.match(r.stderr, /^datapact history: --limit must be a positive whole number/, limit);
    }
  });

  it('exits 2 for a bad --format', () => {
    assert.equal(cli(['run', pact, '--format', 'xml'], fx.dir).code, 2);
  });

  it('prints the generated SQL per task for both dialects', () => {
    const duck = cli(['sql', pact, '--task', 'orders_match'], fx.dir);
    assert.equal(duck.code, 0, duck.stderr);
    assert.match(duck.stdout, /^-- task: orders_match\n/);
    assert.match(duck.stdout, /"shop"\."sales"\."orders"/);
    assert.doesNotMatch(duck.stdout, /customers_count/);
    const bricks = cli(['sql', pact, '--dialect', 'databricks'], fx.dir);
    assert.equal(bricks.code, 0, bricks.stderr);
    assert.equal(bricks.stdout.match(/^-- task: /gm)?.length, 3);
    assert.match(bricks.stdout, /`shop`\.`sales`\.`orders`/);
    assert.equal(cli(['sql', pact, '--dialect', 'oracle'], fx.dir).code, 2);
  });

  it('lists recent runs newest first', () => {
    const first = JSON.parse(cli(['run', pact, '--format', 'json', '--task', 'customers_count'], fx.dir).stdout) as { run_id: string };
    const second = JSON.parse(cli(['run', pact, '--format', 'json', '--task', 'orders_match'], fx.dir).stdout) as { run_id: string };
    const json = cli(['history', pact, '--limit', '2', '--format', 'json'], fx.dir);
    assert.equal(json.code, 0, json.stderr);
    const runs = (JSON.parse(json.stdout) as { runs: { run_id: string; task_key: string; status: string }[] }).runs;
    assert.deepEqual(runs.map((r) => [r.run_id, r.task_key, r.status]), [
      [second.run_id, 'orders_match', 'SUCCESS'],
      [first.run_id, 'customers_count', 'FAILURE'],
    ]);
    const text = cli(['history', pact, '--limit', '1'], fx.dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^run time \(UTC\)\s+run id\s+task\s+status/);
    assert.match(text.stdout, /orders_match\s+SUCCESS/);
    assert.doesNotMatch(text.stdout, /customers_count/);
  });
});
