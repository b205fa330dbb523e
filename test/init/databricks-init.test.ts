/**
 * `datapact init --profile P [--warehouse W]` against the workspace emulator, through the built CLI: tables, columns
 * and declared keys come from each catalog's information_schema as statements on the warehouse (real SQL executed by
 * the emulator), `--infer-keys` costs one query per keyless table, the engine block names the profile and the
 * warehouse, and the pact written validates clean against Unity Catalog and runs as a job with the expected verdicts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPact, type Pact } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator/index';
import { cleanEnv, cliAsync, ensureBuilt, sandbox, type Sandbox } from '../databricks/support';

/**
 * Source `src.sales` and target `tgt.sales`:
 *  - orders: PRIMARY KEY (order_id) declared on the source; region NOT NULL; one amount changed in the target.
 *  - customers: no key declared, customer_id unique (inferred); equal.
 *  - visits: no key, neither column unique, the pair (day, person) is (inferred); equal.
 *  - events: no key, duplicate rows, no unique column or pair; a row missing in the target.
 *  - audit: only in the source.
 */
function seedSql(): string {
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, k) => row(k + 1)).join(', ');
  const lines: string[] = [];
  for (const db of ['src', 'tgt']) {
    const key = db === 'src' ? ', CONSTRAINT orders_pk PRIMARY KEY (order_id)' : '';
    lines.push(
      `CREATE SCHEMA ${db}.sales`,
      `CREATE TABLE ${db}.sales.orders (order_id INT NOT NULL, region STRING NOT NULL, amount DECIMAL(10,2), customer_id INT${key}) USING DELTA`,
      `INSERT INTO ${db}.sales.orders VALUES ${rows(20, (i) => `(${i}, 'r${i % 3}', ${db === 'tgt' && i === 5 ? i * 1.5 + 1 : i * 1.5}, ${i % 7})`)}`,
      `CREATE TABLE ${db}.sales.customers (customer_id INT, name STRING, score DOUBLE) USING DELTA`,
      `INSERT INTO ${db}.sales.customers VALUES ${rows(10, (i) => `(${i}, 'name ${i % 4}', ${i / 4})`)}`,
      `CREATE TABLE ${db}.sales.visits (day DATE, person STRING) USING DELTA`,
      `INSERT INTO ${db}.sales.visits VALUES ${rows(12, (i) => `(DATE '2026-01-0${1 + (i % 4)}', 'p${Math.floor(i / 4)}')`)}`,
      `CREATE TABLE ${db}.sales.events (kind STRING, amount_cents BIGINT) USING DELTA`,
      `INSERT INTO ${db}.sales.events VALUES ('a', 1), ('a', 1), ('b', 2)${db === 'src' ? ", ('c', 3)" : ''}`,
    );
  }
  lines.push('CREATE TABLE src.sales.audit (x INT) USING DELTA');
  return lines.map((l) => `${l};`).join('\n');
}

function pactOf(path: string): Pact {
  const text = readFileSync(path, 'utf8');
  const loaded = loadPact(text);
  assert.deepEqual(loaded.problems, [], text);
  return loaded.pact!;
}

const task = (pact: Pact, key: string) => {
  const found = pact.validations.find((t) => t.task_key === key);
  assert.ok(found, `task ${key}`);
  return found;
};

describe('datapact init on Databricks (the workspace emulator)', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['src', 'tgt', 'datapact'], seedSql: seedSql() });
    box = sandbox();
    writeFileSync(join(box.home, '.databrickscfg'), `[dev]\nhost = ${em.url}\ntoken = ${em.token}\n`);
    env = cleanEnv(box.home);
  });
  after(async () => {
    await em?.close();
    box?.close();
  });

  const statements = () => em.state.calls.filter((c) => c.method === 'POST' && c.path === '/api/2.0/sql/statements').map((c) => String((c.body as { statement?: string }).statement));

  it('--profile --warehouse --infer-keys: keys declared and inferred with one query per keyless table; validates clean and runs', { timeout: 300_000 }, async () => {
    const before = statements().length;
    const args = ['init', '--profile', 'dev', '--warehouse', 'Starter Warehouse', '--catalog', 'src', '--schema', 'sales', '--target-catalog', 'tgt', '--infer-keys', '-o', 'sales.pact.yml'];
    const r = await cliAsync(args, box.dir, env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote sales\.pact\.yml: 4 tasks, 1 with a declared key, 2 with an inferred key, 1 without a key/);
    assert.match(r.stderr, /source tables without a target: audit/);

    const sent = statements().slice(before);
    const infoSchema = sent.filter((s) => /`information_schema`/.test(s));
    assert.equal(infoSchema.length, 6, `tables, columns and keys per schema, whatever its size:\n${infoSchema.join('\n')}`);
    assert.ok(infoSchema.some((s) => /FROM `src`\.`information_schema`\.`tables`/.test(s)) && infoSchema.some((s) => /`tgt`\.`information_schema`\.`key_column_usage`/.test(s)));
    const inference = sent.filter((s) => !/`information_schema`/.test(s));
    assert.equal(inference.length, 3, `one bounded query per table without a declared key (customers, events, visits):\n${inference.join('\n')}`);
    assert.ok(inference.every((s) => /\bLIMIT \d+\)/.test(s)), 'each inference query reads a bounded number of rows');

    const path = join(box.dir, 'sales.pact.yml');
    const pact = pactOf(path);
    assert.deepEqual(pact.engine, { type: 'databricks', profile: 'dev', warehouse: 'Starter Warehouse' });
    assert.deepEqual(pact.validations.map((t) => t.task_key), ['customers', 'events', 'orders', 'visits']);
    const orders = task(pact, 'orders');
    assert.deepEqual([orders.primary_keys, orders.pk_row_hash_check, orders.null_validation_columns], [['order_id'], true, ['region']]);
    assert.deepEqual(orders.agg_validations, [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }]);
    assert.deepEqual(task(pact, 'customers').primary_keys, ['customer_id']);
    assert.deepEqual(task(pact, 'visits').primary_keys, ['day', 'person']);
    assert.equal(task(pact, 'events').primary_keys, undefined);
    assert.match(readFileSync(path, 'utf8'), /inferred/);

    const validate = await cliAsync(['validate', 'sales.pact.yml'], box.dir, env);
    assert.equal(validate.code, 0, `${validate.stdout}${validate.stderr}`);
    // validate read Unity Catalog: the same pact naming a column that is not there is flagged.
    writeFileSync(join(box.dir, 'typo.pact.yml'), readFileSync(path, 'utf8').replace(/\bregion\]/, 'regoin]'));
    const typo = await cliAsync(['validate', 'typo.pact.yml'], box.dir, env);
    assert.notEqual(typo.code, 0);
    assert.match(typo.stdout + typo.stderr, /regoin[\s\S]*unknown-column|unknown-column[\s\S]*regoin/);

    const run = await cliAsync(['run', 'sales.pact.yml', '--format', 'json'], box.dir, env, 240_000);
    const report = JSON.parse(run.stdout) as { tasks: { task_key: string; status: string }[] };
    assert.deepEqual(
      Object.fromEntries(report.tasks.map((t) => [t.task_key, t.status])),
      { customers: 'SUCCESS', events: 'FAILURE', orders: 'FAILURE', visits: 'SUCCESS' },
      run.stderr,
    );
    assert.equal(run.code, 1, run.stderr);
  });

  it('without --warehouse: the workspace\'s only warehouse is used and written into the engine block', { timeout: 120_000 }, async () => {
    const r = await cliAsync(['init', '--profile', 'dev', '--catalog', 'src', '--schema', 'sales', '--target-catalog', 'tgt', '--tables', 'ord*', '-o', 'orders.pact.yml'], box.dir, env);
    assert.equal(r.code, 0, r.stderr);
    const pact = pactOf(join(box.dir, 'orders.pact.yml'));
    assert.deepEqual(pact.engine, { type: 'databricks', profile: 'dev', warehouse: 'Starter Warehouse' });
    assert.deepEqual(pact.validations.map((t) => [t.task_key, t.primary_keys]), [['orders', ['order_id']]]);
  });

  it('an unknown catalog or schema, or a profile that is not there: exit 2 with the reason, nothing written', { timeout: 120_000 }, async () => {
    const cases: [string[], RegExp][] = [
      [['--profile', 'dev', '--catalog', 'nope', '--schema', 'sales'], /refused init's query: .*nope/],
      [['--profile', 'dev', '--catalog', 'src', '--schema', 'nope'], /no tables found in src\.nope/],
      [['--profile', 'dev', '--warehouse', 'Missing', '--catalog', 'src', '--schema', 'sales'], /SQL warehouse 'Missing' not found/],
      [['--profile', 'elsewhere', '--catalog', 'src', '--schema', 'sales'], /cannot sign in to Databricks[\s\S]*elsewhere/],
    ];
    for (const [args, message] of cases) {
      const r = await cliAsync(['init', ...args, '-o', 'bad.pact.yml'], box.dir, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.doesNotMatch(r.stderr + r.stdout, new RegExp(em.token), 'no token');
    }
    assert.throws(() => readFileSync(join(box.dir, 'bad.pact.yml')), 'nothing was written');
  });
});
