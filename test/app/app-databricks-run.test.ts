// `datapact app` on a Databricks pact, over real HTTP against the workspace emulator: the steward's Run is the
// pact's run (what `datapact run` does), a job in the workspace with a run page to open — also for a pact of one
// task, which the engine would otherwise run statement by statement (its choice for the editor's quick Run Task);
// the SQL warehouses are listed to pick from; the results dashboard is set up from the app and every later run
// says which dashboard it refreshes; the pact's past runs are listed (its run_history, as `datapact history` reads it)
// and read back from the workspace.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BuilderRunRecord, BuilderRunView } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from '../databricks/support';
import { startApp, type AppProcess } from './app-process';

let emulator: Emulator;
let box: Sandbox;
let app: AppProcess;

before(async () => {
  emulator = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
  box = sandbox();
  const profiles = join(box.home, '.databrickscfg');
  writeFileSync(profiles, `[__settings__]\ndefault_profile = emu\n\n[emu]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n\n[other]\nhost = https://other.example\n`);
  // The profile file is the app's only way in: no token in its environment.
  app = await startApp(box.dir, [], cleanEnv(box.home, { DATABRICKS_CONFIG_FILE: profiles }));
});
after(async () => {
  const code = await app?.stop();
  await emulator?.close();
  box?.close();
  assert.equal(code, 0);
});

async function finished(runId: string): Promise<BuilderRunView> {
  const deadline = Date.now() + 90_000;
  let view = await api<BuilderRunView>('runStatus', { runId });
  while (view.state !== 'FINISHED' && view.state !== 'CANCELLED') {
    assert.ok(Date.now() < deadline, `the run ends within 90 s: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 200));
    view = await api<BuilderRunView>('runStatus', { runId });
  }
  return view;
}

async function api<T>(method: string, params: unknown): Promise<T> {
  const answer = await fetch(`${app.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-datapact-request': '1' },
    body: JSON.stringify(params),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await answer.json()) as { result?: T; error?: { message: string } };
  assert.equal(answer.status, 200, JSON.stringify(body));
  return body.result!;
}

test('Run of a one-task Databricks pact is a job run with its run page, and its result read back', { timeout: 120_000 }, async () => {
  writePact(box.dir, 'one.pact.yml', {
    engine: databricksEngine({ profile: 'emu', job_name: 'app one task' }),
    validations: [taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0, pk_row_hash_check: true })],
  });
  const { runId } = await api<{ runId: string }>('run', { path: 'one.pact.yml' });
  const view = await finished(runId);
  assert.deepEqual(emulator.state.jobs.createdNames, ['app one task'], 'the run was a job in the workspace');
  assert.ok(view.url?.startsWith(`${emulator.url}/jobs/`), `the run page: ${JSON.stringify(view)}`);
  assert.ok(view.url!.endsWith(`/runs/${runId}`));
  assert.equal(view.status, 'SUCCESS');
  assert.deepEqual(view.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS']]);
  assert.ok(view.tasks[0]!.checks.length >= 2 && view.tasks[0]!.checks.every((c) => c.status === 'PASS'), JSON.stringify(view.tasks[0]));
  assert.ok(!app.stderr().includes(emulator.token), 'the token is never logged');
});

test('the sign-in profiles are listed to pick from: names and workspaces, never a token', { timeout: 60_000 }, async () => {
  const answer = await api<{ choices: { value: string; label: string; detail?: string }[] }>('fieldChoices', { engine: { type: 'databricks' }, key: 'profile' });
  assert.deepEqual(answer.choices, [{ value: 'emu', label: 'emu', detail: emulator.url }, { value: 'other', label: 'other', detail: 'https://other.example' }]);
  assert.ok(!JSON.stringify(answer).includes(emulator.token));
});

test('the SQL warehouses are listed to pick from, signed in through the profile', { timeout: 60_000 }, async () => {
  const answer = await api<{ choices: { value: string; label: string; detail?: string }[]; unavailable?: string }>('fieldChoices', {
    engine: { type: 'databricks', profile: 'emu' }, key: 'warehouse',
  });
  assert.equal(answer.unavailable, undefined, JSON.stringify(answer));
  assert.deepEqual(answer.choices.map((c) => c.value), [...emulator.state.warehouses.byId.keys()]);
  assert.ok(answer.choices.every((c) => c.label !== '' && c.detail !== undefined), JSON.stringify(answer.choices));
});

test('the dashboard is set up from the app, and a later run names the dashboard it refreshes', { timeout: 120_000 }, async () => {
  writePact(box.dir, 'dash.pact.yml', {
    engine: databricksEngine({ profile: 'emu', job_name: 'app dashboard' }),
    validations: [taskYaml('orders', 'orders', { count_tolerance: 0 }), taskYaml('customers', 'customers', { count_tolerance: 0 })],
  });
  const created = await api<{ url: string; action: string }>('dashboard', { path: 'dash.pact.yml' });
  assert.equal(created.action, 'created');
  assert.match(created.url, new RegExp(`^${emulator.url}/dashboardsv3/[^/]+/published$`));
  assert.equal((await api<{ url: string; action: string }>('dashboard', { path: 'dash.pact.yml' })).action, 'updated', 'set up once, then updated in place');
  const view = await finished((await api<{ runId: string }>('run', { path: 'dash.pact.yml' })).runId);
  assert.equal(view.dashboard_url, created.url, 'the run refreshes that dashboard');
  assert.deepEqual(view.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
});

test('the pact\'s past runs are listed newest first and read back from the workspace by id', { timeout: 120_000 }, async () => {
  writePact(box.dir, 'hist.pact.yml', {
    engine: databricksEngine({ profile: 'emu', job_name: 'app history' }),
    // Task keys of its own: a pact's history is run_history's rows of its task keys (the other tests' runs stay out).
    validations: [taskYaml('hist_orders', 'orders', { count_tolerance: 0 }), taskYaml('hist_customers', 'customers', { count_tolerance: 0 })],
  });
  const first = await finished((await api<{ runId: string }>('run', { path: 'hist.pact.yml' })).runId);
  const second = await finished((await api<{ runId: string }>('run', { path: 'hist.pact.yml' })).runId);
  const { runs } = await api<{ runs: BuilderRunRecord[] }>('history', { path: 'hist.pact.yml' });
  assert.deepEqual(runs.map((r) => r.run_id), [second.run_id, first.run_id]);
  assert.equal(runs[1]!.url, first.url);
  // The app restarted (or another steward's page) knows no handle: the run is read back from the workspace.
  await app.stop();
  app = await startApp(box.dir, [], cleanEnv(box.home, { DATABRICKS_CONFIG_FILE: join(box.home, '.databrickscfg') }));
  await assert.rejects(api('runStatus', { runId: first.run_id }), /no run with this id/);
  assert.deepEqual(await api('openRun', { path: 'hist.pact.yml', runId: first.run_id }), { runId: first.run_id });
  const reread = await finished(first.run_id);
  assert.equal(reread.status, first.status);
  assert.equal(reread.url, first.url);
  assert.deepEqual(reread.tasks.map((t) => [t.task_key, t.status, t.checks]), first.tasks.map((t) => [t.task_key, t.status, t.checks]));
});

test('history lists what `datapact history` reads from run_history, runs started elsewhere included, and opens such a run from its rows', { timeout: 180_000 }, async () => {
  const body = {
    engine: databricksEngine({ profile: 'emu', job_name: 'app shared history' }),
    validations: [taskYaml('shared_orders', 'orders', { count_tolerance: 0 }), taskYaml('shared_customers', 'customers', { count_tolerance: 0 })],
  };
  writePact(box.dir, 'shared.pact.yml', body);
  // A colleague's `datapact run` of the same pact from another folder: this folder never recorded it.
  const colleague = sandbox();
  try {
    const env = cleanEnv(box.home, { DATABRICKS_CONFIG_FILE: join(box.home, '.databrickscfg') });
    writePact(colleague.dir, 'shared.pact.yml', body);
    const ran = await cliAsync(['run', 'shared.pact.yml', '--format', 'json'], colleague.dir, env);
    assert.equal(ran.code, 1, `${ran.stdout}${ran.stderr}`); // customers fails its count check
    const elsewhere = String((JSON.parse(ran.stdout) as { run_id: string | number }).run_id);
    const here = await finished((await api<{ runId: string }>('run', { path: 'shared.pact.yml' })).runId);

    const answer = await api<{ runs: BuilderRunRecord[]; unavailable?: string }>('history', { path: 'shared.pact.yml' });
    assert.equal(answer.unavailable, undefined, JSON.stringify(answer));
    const cli = await cliAsync(['history', 'shared.pact.yml', '--format', 'json', '--limit', '50'], box.dir, env);
    assert.equal(cli.code, 0, cli.stderr);
    const rows = (JSON.parse(cli.stdout) as { runs: { run_id: string; task_key: string; status: string }[] }).runs;
    assert.deepEqual([...new Set(rows.map((row) => row.run_id))], [here.run_id, elsewhere], 'the CLI\'s history: both runs, newest first');
    assert.deepEqual(answer.runs.map((run) => run.run_id), [here.run_id, elsewhere]);
    for (const run of answer.runs) {
      assert.deepEqual(run.tasks, rows.filter((row) => row.run_id === run.run_id).map((row) => ({ task_key: row.task_key, status: row.status })));
      assert.equal(run.status, 'FAILURE');
      assert.equal(run.engine, 'databricks');
    }
    assert.equal(answer.runs[0]!.url, here.url, 'the run started here keeps its run page');

    // The run started elsewhere opens from its history rows: the same tasks and checks as the run followed here.
    assert.deepEqual(await api('openRun', { path: 'shared.pact.yml', runId: elsewhere }), { runId: elsewhere });
    const past = await finished(elsewhere);
    assert.equal(past.status, 'FAILURE');
    assert.deepEqual(past.tasks.map((t) => [t.task_key, t.status, t.checks]), here.tasks.map((t) => [t.task_key, t.status, t.checks]));
    await assert.rejects(api('openRun', { path: 'shared.pact.yml', runId: '999999' }), /999999.{1,4} of shared\.pact\.yml is recorded here/);
  } finally {
    colleague.close();
  }
});
