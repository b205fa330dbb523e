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
  getEnginePlugin,
  loadPact,
  readLocalRuns,
  runPact,
  processEngineHost,
  PactFolderHost,
  resolveEngineConfig,
  type BuilderState,
} from '../../core/src/index';
import { main } from '../../cli/src/main';
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
      const config = resolveEngineConfig(engine, join(folder, 'x.pact.yml'));
      return getEnginePlugin(config.type).openCatalogProvider(config, processEngineHost());
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

test('run: the saved pact runs through the engine seam and its snapshot reports every task with core-described checks', async () => {
  const state = stateFor('orders');
  state.tasks.push(stateFor('customers').tasks[0]!);
  state.tasks[1]!.values.target_table = 'orders'; // customers against orders: the counts differ
  await handleBuilderRequest(host, 'save', { state, path: 'run.pact.yml' });
  const { runId } = await handleBuilderRequest(host, 'run', { path: 'run.pact.yml' });
  const deadline = Date.now() + 30_000;
  let view = await handleBuilderRequest(host, 'runStatus', { runId });
  while (view.state === 'PENDING' || view.state === 'RUNNING') {
    assert.ok(Date.now() < deadline, 'the run ends within 30 s');
    await new Promise((r) => setTimeout(r, 50));
    view = await handleBuilderRequest(host, 'runStatus', { runId });
  }
  assert.equal(view.status, 'FAILURE');
  assert.deepEqual(view.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
  assert.equal(view.tasks[1]!.checks[0]!.status, 'FAIL');
  assert.match(view.tasks[1]!.checks[0]!.text, /count/i);
  // Only the asked task runs when task keys are given.
  const only = await handleBuilderRequest(host, 'run', { path: 'run.pact.yml', taskKeys: ['orders'] });
  let single = await handleBuilderRequest(host, 'runStatus', { runId: only.runId });
  assert.deepEqual(single.tasks.map((t) => t.task_key), ['orders']);
  while (single.state === 'PENDING' || single.state === 'RUNNING') {
    assert.ok(Date.now() < deadline + 30_000);
    await new Promise((r) => setTimeout(r, 50));
    single = await handleBuilderRequest(host, 'runStatus', { runId: only.runId });
  }
});

test('run refuses a pact with errors, an unknown task, catalogs outside the folder and an unknown run id', async () => {
  writeFileSync(join(fixture.dir, 'pacts', 'bad.pact.yml'), 'validations:\n  - task_key: x\n');
  await assert.rejects(handleBuilderRequest(host, 'run', { path: 'bad.pact.yml' }), /error\(s\); fix them before running/);
  await handleBuilderRequest(host, 'save', { state: stateFor('orders'), path: 'ok.pact.yml' });
  await assert.rejects(handleBuilderRequest(host, 'run', { path: 'ok.pact.yml', taskKeys: ['nope'] }), /has no task "nope"/);
  const outside = stateFor('orders');
  outside.engine = { type: 'duckdb', catalogs: { shop: '../../shop.duckdb' } };
  writeFileSync(join(fixture.dir, 'pacts', 'outside.pact.yml'), (await handleBuilderRequest(host, 'preview', { state: outside })).yaml);
  await assert.rejects(handleBuilderRequest(host, 'run', { path: 'outside.pact.yml' }), /inside the pact folder/);
  await assert.rejects(handleBuilderRequest(host, 'runStatus', { runId: '12345' }), /no run with this id/);
});

test('catalogFiles lists the DuckDB files and folder catalogs a pact can point at', async () => {
  mkdirSync(join(fixture.dir, 'pacts', 'lake', 'sales'), { recursive: true });
  writeFileSync(join(fixture.dir, 'pacts', 'lake', 'sales', 'orders.csv'), 'a\n1\n');
  assert.deepEqual(await handleBuilderRequest(host, 'catalogFiles', {}), { paths: ['lake', 'shop.duckdb'] });
  // The folder's own host (datapact app) has no file dialog: its page offers no Browse…, and the request is refused.
  await assert.rejects(handleBuilderRequest(host, 'browseCatalog', {}), /no file dialog/);
});

test('a catalog that cannot be read is an answer with its reason, not a failure', async () => {
  const answer = await handleBuilderRequest(host, 'catalogs', { engine: { type: 'databricks' } });
  assert.deepEqual(answer.catalogs, []);
  assert.equal(typeof answer.unavailable, 'string');
  assert.ok(answer.unavailable!.length > 0);
  const tables = await handleBuilderRequest(host, 'tables', { engine: { type: 'databricks' }, catalog: 'main', schema: 'sales' });
  assert.deepEqual(tables.tables, []);
});

test('engines: each plug-in says how the builder connects with it; the page names none itself', async () => {
  const { engines, defaultType } = await handleBuilderRequest(host, 'engines', {});
  assert.ok(engines.some((e) => e.type === defaultType), 'the default engine is offered');
  for (const engine of engines) {
    assert.equal(engine.label, getEnginePlugin(engine.type).label);
    assert.deepEqual(engine.fields, getEnginePlugin(engine.type).connection);
    assert.ok(engine.fields.length > 0, `${engine.type} says what to fill in`);
  }
});

test('tables mark each column numeric or not, as core decides (aggregates are offered on numeric columns)', async () => {
  const { tables } = await handleBuilderRequest(host, 'tables', { engine, catalog: 'shop', schema: 'sales' });
  const orders = tables.find((t) => t.name === 'orders')!;
  for (const column of orders.columns) assert.equal(typeof column.numeric, 'boolean', column.name);
  assert.ok(orders.columns.some((c) => c.numeric) && orders.columns.some((c) => !c.numeric), JSON.stringify(orders.columns));
});

test("a run is known only to the host that started it (one set of handles per host, kept by core)", async () => {
  await handleBuilderRequest(host, 'save', { state: stateFor('orders'), path: 'mine.pact.yml' });
  const { runId } = await handleBuilderRequest(host, 'run', { path: 'mine.pact.yml' });
  const other = await PactFolderHost.create(join(fixture.dir, 'pacts'), { openCatalogProvider: () => Promise.reject(new Error('unused')) });
  await assert.rejects(handleBuilderRequest(other, 'runStatus', { runId }), /no run with this id/);
  const deadline = Date.now() + 30_000;
  let view = await handleBuilderRequest(host, 'runStatus', { runId });
  while (view.state === 'PENDING' || view.state === 'RUNNING') {
    assert.ok(Date.now() < deadline, 'the run ends within 30 s');
    await new Promise((r) => setTimeout(r, 50));
    view = await handleBuilderRequest(host, 'runStatus', { runId });
  }
  assert.equal(view.status, 'SUCCESS');
});

test('inferKey: a table without a declared key gets the non-NULL unique column core infers, or an answer why not', async () => {
  const answer = await handleBuilderRequest(host, 'inferKey', { engine, catalog: 'shop', schema: 'sales', table: 'customers' });
  assert.deepEqual(answer, { key: ['customer_id'], sampled: false });
  await assert.rejects(handleBuilderRequest(host, 'inferKey', { engine, catalog: 'shop', schema: 'sales', table: 'nope' }), /no table shop\.sales\.nope/);
  const outside = await handleBuilderRequest(host, 'inferKey', { engine: { type: 'duckdb', catalogs: { x: '../x.duckdb' } }, catalog: 'x', schema: 's', table: 't' })
    .then(() => 'answered', (error: Error) => error.message);
  assert.match(outside, /inside the pact folder/);
  const databricks = await handleBuilderRequest(host, 'inferKey', { engine: { type: 'databricks' }, catalog: 'main', schema: 's', table: 't' });
  assert.equal(typeof databricks.unavailable, 'string');
});

/** Polls a run until it is final (deadline 30 s). */
async function finalView(runId: string): Promise<Awaited<ReturnType<typeof handleBuilderRequest<'runStatus'>>>> {
  const deadline = Date.now() + 30_000;
  let view = await handleBuilderRequest(host, 'runStatus', { runId });
  while (view.state === 'PENDING' || view.state === 'RUNNING') {
    assert.ok(Date.now() < deadline, 'the run ends within 30 s');
    await new Promise((r) => setTimeout(r, 50));
    view = await handleBuilderRequest(host, 'runStatus', { runId });
  }
  return view;
}

test('sql: the SQL a task runs on its engine, the same text the preview and `datapact sql` show; a pact with errors says why', async () => {
  const state = stateFor('orders');
  state.tasks[0]!.values.filter = "customer <> 'x'";
  const answer = await handleBuilderRequest(host, 'sql', { state, taskKey: 'orders' });
  assert.equal(answer.problem, undefined);
  const pact = (await import('../../core/src/index')).loadPact((await handleBuilderRequest(host, 'preview', { state })).yaml).pact!;
  assert.equal(answer.sql, getEnginePlugin('duckdb').explainTask(pact.validations[0]!, resolveEngineConfig(pact.engine, join(fixture.dir, 'pacts', 'x.pact.yml'))));
  assert.match(answer.sql!, /"shop"\."sales"\."orders"/);
  assert.match(answer.sql!, /customer <> 'x'/);
  // The Databricks engine shows its job task script (history INSERT included), from the same state.
  const onDatabricks = { ...state, engine: { type: 'databricks', warehouse: 'w' } };
  assert.match((await handleBuilderRequest(host, 'sql', { state: onDatabricks, taskKey: 'orders' })).sql!, /INSERT INTO `datapact`\.`results`\.`run_history`/);
  const broken = stateFor('orders');
  broken.tasks[0]!.values.count_tolerance = 7;
  const refused = await handleBuilderRequest(host, 'sql', { state: broken, taskKey: 'orders' });
  assert.equal(refused.sql, undefined);
  assert.match(refused.problem!, /cannot be generated while the pact has errors \(line \d+: .*count_tolerance/);
  assert.match((await handleBuilderRequest(host, 'sql', { state, taskKey: 'nope' })).problem!, /no task "nope"/);
  await assert.rejects(handleBuilderRequest(host, 'sql', { state, taskKey: '' }), /taskKey must be a name/);
});

test('history lists the pact\'s recorded runs newest first; openRun reads a recorded run back through its engine', async () => {
  await handleBuilderRequest(host, 'save', { state: stateFor('orders'), path: 'hist.pact.yml' });
  await handleBuilderRequest(host, 'save', { state: stateFor('customers'), path: 'other.pact.yml' });
  assert.deepEqual((await handleBuilderRequest(host, 'history', { path: 'hist.pact.yml' })).runs, []);
  const first = (await handleBuilderRequest(host, 'run', { path: 'hist.pact.yml' })).runId;
  const firstView = await finalView(first);
  const second = (await handleBuilderRequest(host, 'run', { path: 'hist.pact.yml' })).runId;
  await finalView(second);
  const elsewhere = (await handleBuilderRequest(host, 'run', { path: 'other.pact.yml' })).runId;
  await finalView(elsewhere);
  const { runs } = await handleBuilderRequest(host, 'history', { path: 'hist.pact.yml' });
  assert.deepEqual(runs.map((r) => r.run_id), [second, first], 'this pact\'s runs only, newest first');
  assert.ok(runs.every((r) => r.engine === 'duckdb' && !Number.isNaN(Date.parse(r.started_at))));

  // A page that was reloaded (or another host) opens a recorded run again: its engine reads it back whole.
  const other = await PactFolderHost.create(join(fixture.dir, 'pacts'), { openCatalogProvider: () => Promise.reject(new Error('unused')) });
  const reopened = await handleBuilderRequest(other, 'openRun', { path: 'hist.pact.yml', runId: first });
  assert.equal(reopened.runId, first);
  const deadline = Date.now() + 30_000;
  let view = await handleBuilderRequest(other, 'runStatus', { runId: first });
  while (view.state === 'PENDING' || view.state === 'RUNNING') {
    assert.ok(Date.now() < deadline, 'the attached run is read back within 30 s');
    await new Promise((r) => setTimeout(r, 50));
    view = await handleBuilderRequest(other, 'runStatus', { runId: first });
  }
  assert.equal(view.status, firstView.status);
  assert.deepEqual(view.tasks.map((t) => [t.task_key, t.status, t.checks]), firstView.tasks.map((t) => [t.task_key, t.status, t.checks]));

  // Only a run recorded for this pact: another pact's run, or an id never recorded, is refused before any engine sees it.
  await assert.rejects(handleBuilderRequest(host, 'openRun', { path: 'hist.pact.yml', runId: elsewhere }), /no run "\d+" of hist\.pact\.yml is recorded here/);
  await assert.rejects(handleBuilderRequest(host, 'openRun', { path: 'hist.pact.yml', runId: "1' OR 1=1 --" }), /is recorded here/);
  await assert.rejects(handleBuilderRequest(host, 'history', { path: '../outside.pact.yml' }), /inside the pact folder/);
});

test('history lists what `datapact history` shows for the pact, runs started elsewhere included; openRun shows such a run from its rows', async () => {
  const state = stateFor('orders');
  state.tasks.push(stateFor('customers').tasks[0]!);
  state.tasks[1]!.values.target_table = 'orders'; // customers against orders: the counts differ
  await handleBuilderRequest(host, 'save', { state, path: 'shared.pact.yml' });
  const pactPath = join(fixture.dir, 'pacts', 'shared.pact.yml');
  const pact = loadPact(readFileSync(pactPath, 'utf8'), { path: pactPath }).pact!;
  // A run the folder never recorded (a scheduled run, a colleague's `datapact run` elsewhere): only its results store knows it.
  const elsewhere = await runPact(pact, { engineConfig: resolveEngineConfig(pact.engine, pactPath), pactPath });
  assert.ok(!readLocalRuns(pactPath).some((record) => record.run_id === elsewhere.run_id), 'not in .datapact/runs.json');
  const here = (await handleBuilderRequest(host, 'run', { path: 'shared.pact.yml' })).runId;
  const live = await finalView(here);

  const answer = await handleBuilderRequest(host, 'history', { path: 'shared.pact.yml' });
  assert.equal(answer.unavailable, undefined);
  // The same runs, in the same order, with the same task statuses as the CLI's history of the pact.
  const lines: string[] = [];
  const code = await main(['history', 'shared.pact.yml', '--format', 'json', '--limit', '50'], { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: join(fixture.dir, 'pacts') });
  assert.equal(code, 0, lines.join(''));
  const cli = (JSON.parse(lines.join('')) as { runs: { run_id: string; task_key: string; status: string }[] }).runs;
  const cliRuns = [...new Set(cli.map((row) => row.run_id))];
  assert.deepEqual(cliRuns, [here, elsewhere.run_id]);
  assert.deepEqual(answer.runs.map((run) => run.run_id), cliRuns);
  for (const run of answer.runs) {
    assert.deepEqual(run.tasks, cli.filter((row) => row.run_id === run.run_id).map((row) => ({ task_key: row.task_key, status: row.status })));
    assert.equal(run.status, 'FAILURE');
    assert.equal(run.engine, 'duckdb');
    assert.ok(!Number.isNaN(Date.parse(run.started_at)));
  }

  // The run started elsewhere opens from its rows: the same tasks and checks, described as a live run's are.
  assert.deepEqual(await handleBuilderRequest(host, 'openRun', { path: 'shared.pact.yml', runId: elsewhere.run_id }), { runId: elsewhere.run_id });
  const past = await handleBuilderRequest(host, 'runStatus', { runId: elsewhere.run_id });
  assert.equal(past.state, 'FINISHED');
  assert.equal(past.status, 'FAILURE');
  assert.deepEqual(past.tasks.map((t) => [t.task_key, t.status, t.checks]), live.tasks.map((t) => [t.task_key, t.status, t.checks]));
  assert.ok(past.tasks[1]!.checks.some((c) => c.status === 'FAIL' && /count/i.test(c.text)), JSON.stringify(past.tasks[1]));

  // A pact with errors: its recorded runs, and why its results history is not read.
  writeFileSync(pactPath, `${readFileSync(pactPath, 'utf8')}\nnot_a_key: 1\n`);
  const broken = await handleBuilderRequest(host, 'history', { path: 'shared.pact.yml' });
  assert.match(broken.unavailable!, /shared\.pact\.yml has errors/);
  assert.deepEqual(broken.runs.map((run) => run.run_id), [here]);
});

test('dashboard: a pact on an engine without a workspace is refused with the reason; fieldChoices lists only what an engine can list', async () => {
  await handleBuilderRequest(host, 'save', { state: stateFor('orders'), path: 'dash.pact.yml' });
  await assert.rejects(handleBuilderRequest(host, 'dashboard', { path: 'dash.pact.yml' }), (error: Error) =>
    error instanceof BuilderRequestError && /Dashboards are a Databricks feature/.test(error.message));
  assert.ok(!existsSync(join(fixture.dir, 'pacts', '.datapact', 'workspace-objects.json')), 'nothing written');
  // DuckDB's catalog files are picked from the folder (catalogFiles), not listed as choices.
  assert.deepEqual(await handleBuilderRequest(host, 'fieldChoices', { engine, key: 'catalogs' }), { choices: [] });
  await assert.rejects(handleBuilderRequest(host, 'fieldChoices', { engine, key: 'warehouse' }), /DuckDB has no connection field "warehouse"/);
  await assert.rejects(handleBuilderRequest(host, 'fieldChoices', { engine: { type: 'oracle' }, key: 'x' }), /engine type must be one of/);
  // Databricks without any sign-in: the reason, not a failure.
  const unsigned = await handleBuilderRequest(host, 'fieldChoices', { engine: { type: 'databricks', profile: 'no-such-profile' }, key: 'warehouse' });
  assert.deepEqual(unsigned.choices, []);
  assert.match(unsigned.unavailable!, /no-such-profile/);
});
