// The builder's requests, answered by core for both hosts, over a real folder and real DuckDB catalogs: opening,
// previewing and saving pacts; listing catalogs, schemas and tables; and hostile requests refused with a clear
// message, touching nothing outside the pact folder.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import {
  BuilderRequestError,
  handleBuilderRequest,
  openDuckDbCatalogProvider,
  PactFolderHost,
  resolveEngineConfig,
  type BuilderState,
} from '../../core/src/index';
import { buildFixture, type EngineFixture } from './engine-fixture';

let fixture: EngineFixture;
let host: PactFolderHost;
let opened: number;

beforeEach(async () => {
  fixture = await buildFixture();
  mkdirSync(join(fixture.dir, 'pacts'));
  opened = 0;
  host = await PactFolderHost.create(join(fixture.dir, 'pacts'), {
    async openCatalogProvider(engine, folder) {
      opened++;
      return openDuckDbCatalogProvider(resolveEngineConfig(engine, join(folder, 'x.pact.yml')).catalogs);
    },
  });
  // Catalogs live beside the pacts (inside the folder the app serves).
  writeFileSync(join(fixture.dir, 'pacts', 'shop.duckdb'), readFileSync(fixture.shopFile));
});
afterEach(() => fixture.cleanup());

const engine = { type: 'duckdb', catalogs: { shop: 'shop.duckdb' } };

function stateFor(table: string): BuilderState {
  return {
    engine,
    tasks: [{ values: { task_key: table, source_catalog: 'shop', source_schema: 'sales', source_table: table,
      target_catalog: 'shop', target_schema: 'sales', target_table: table, count_tolerance: 0 } }],
  };
}

test('catalogs, schemas and tables come from the live catalog, with columns and types', async () => {
  const { catalogs } = await handleBuilderRequest(host, 'catalogs', { engine });
  assert.deepEqual(catalogs.map((c) => c.name), ['shop']);
  const { schemas } = await handleBuilderRequest(host, 'schemas', { engine, catalog: 'shop' });
  assert.deepEqual(schemas.map((s) => s.name), ['main', 'sales']);
  const { tables } = await handleBuilderRequest(host, 'tables', { engine, catalog: 'shop', schema: 'sales' });
  assert.deepEqual(tables.map((t) => t.name), ['customers', 'orders']);
  assert.deepEqual(tables[1]!.columns.map((c) => `${c.name} ${c.type}`), ['order_id BIGINT', 'customer VARCHAR', 'amount DECIMAL(10,2)']);
  assert.equal(opened, 3, 'each request opens its provider and disposes it');
});

test('preview shows the YAML and its findings; save writes it, then refuses to overwrite unasked', async () => {
  const state = stateFor('orders');
  const preview = await handleBuilderRequest(host, 'preview', { state });
  assert.deepEqual(preview.findings, []);
  assert.match(preview.yaml, /task_key: orders/);
  const broken = stateFor('orders');
  broken.tasks[0]!.values.count_tolerance = 7;
  const findings = (await handleBuilderRequest(host, 'preview', { state: broken })).findings;
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'error');
  assert.match(findings[0]!.message, /count_tolerance/);
  assert.equal(findings[0]!.line, preview.yaml.split('\n').findIndex((l) => l.includes('count_tolerance')) + 1);

  const saved = await handleBuilderRequest(host, 'save', { state, path: 'sub/orders.pact.yml' });
  assert.equal(saved.path, 'sub/orders.pact.yml');
  assert.equal(readFileSync(join(fixture.dir, 'pacts', 'sub', 'orders.pact.yml'), 'utf8'), preview.yaml);
  await assert.rejects(handleBuilderRequest(host, 'save', { state, path: 'sub/orders.pact.yml' }), /exists/);
  assert.deepEqual((await handleBuilderRequest(host, 'listPacts', {})).paths, ['sub/orders.pact.yml']);
});

test('an opened pact is edited in place: changing one tolerance changes that line of the file only', async () => {
  const path = join(fixture.dir, 'pacts', 'orders.pact.yml');
  const original = '# kept comment\n' + (await handleBuilderRequest(host, 'preview', { state: stateFor('orders') })).yaml;
  writeFileSync(path, original);
  const { state } = await handleBuilderRequest(host, 'open', { path: 'orders.pact.yml' });
  state.tasks[0]!.values.count_tolerance = 0.01;
  await handleBuilderRequest(host, 'save', { state, path: 'orders.pact.yml', overwrite: true });
  const after = readFileSync(path, 'utf8').split('\n');
  const before = original.split('\n');
  assert.deepEqual(after.filter((line, i) => line !== before[i]), ['    count_tolerance: 0.01']);
});

test('checkSql answers syntax errors of a filter for the engine', async () => {
  const { errors } = await handleBuilderRequest(host, 'checkSql', { sql: 'amount >', kind: 'filter', engineType: 'databricks' });
  assert.equal(errors.length, 1);
  assert.deepEqual((await handleBuilderRequest(host, 'checkSql', { sql: 'amount > 1', kind: 'filter', engineType: 'databricks' })).errors, []);
});

test('hostile requests get a clear refusal and touch nothing outside the pact folder', async () => {
  const outside = join(fixture.dir, 'outside.pact.yml');
  writeFileSync(outside, 'validations: []\n');
  symlinkSync(fixture.dir, join(fixture.dir, 'pacts', 'escape'));
  const state = stateFor('orders');
  const refusals: [string, unknown, RegExp][] = [
    ['open', { path: '../outside.pact.yml' }, /inside the pact folder/],
    ['open', { path: outside }, /relative to the pact folder/],
    ['open', { path: 'escape/outside.pact.yml' }, /leads outside/],
    ['open', { path: 'a\u0000.yml' }, /inside the pact folder/],
    ['open', { path: 'shop.duckdb' }, /ends in \.yml/],
    ['open', { path: 'missing.pact.yml' }, /does not exist/],
    ['open', { path: 42 }, /path must be a string/],
    ['save', { state, path: '../evil.pact.yml' }, /inside the pact folder/],
    ['save', { state, path: 'escape/evil.pact.yml' }, /leads outside/],
    ['save', { state: { tasks: 'x' }, path: 'a.pact.yml' }, /tasks list/],
    ['save', { state: { tasks: Array.from({ length: 2001 }, () => ({ values: {} })) }, path: 'a.pact.yml' }, /at most 2000 tasks/],
    ['preview', { state: { tasks: [{ values: [] }] } }, /task 1 must be an object/],
    ['catalogs', { engine: { type: 'duckdb', catalogs: { x: '../shop.duckdb' } } }, /inside the pact folder/],
    ['catalogs', { engine: { type: 'duckdb', catalogs: { x: fixture.shopFile } } }, /relative to the pact folder/],
    ['tables', { engine, catalog: 'shop', schema: 'x'.repeat(300) }, /1 to 255 characters/],
    ['checkSql', { sql: 'x'.repeat(100_001), kind: 'filter', engineType: 'duckdb' }, /longer than/],
    ['checkSql', { sql: '1', kind: 'filter', engineType: 'oracle' }, /engineType must be one of/],
    ['__proto__', {}, /unknown builder method/],
    ['constructor', {}, /unknown builder method/],
    ['open', [1, 2], /parameters must be an object/],
  ];
  for (const [method, params, message] of refusals) {
    await assert.rejects(handleBuilderRequest(host, method as never, params), (error: unknown) => {
      assert.ok(error instanceof BuilderRequestError, `${method} ${JSON.stringify(params).slice(0, 80)}: ${String(error)}`);
      assert.match((error as Error).message, message);
      return true;
    });
  }
  assert.equal(readFileSync(outside, 'utf8'), 'validations: []\n');
  assert.ok(!existsSync(join(fixture.dir, 'evil.pact.yml')));
  assert.equal(opened, 0, 'no catalog was opened for a refused request');
});
