// `datapact app`'s Run on a Databricks pact, over real HTTP against the workspace emulator: the steward's Run is the
// pact's run (what `datapact run` does), a job in the workspace with a run page to open — also for a pact of one
// task, which the engine would otherwise run statement by statement (its choice for the editor's quick Run Task).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BuilderRunView } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, databricksEngine, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from '../databricks/support';
import { startApp, type AppProcess } from './app-process';

let emulator: Emulator;
let box: Sandbox;
let app: AppProcess;

before(async () => {
  emulator = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
  box = sandbox();
  const profiles = join(box.home, '.databrickscfg');
  writeFileSync(profiles, `[emu]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  // The profile file is the app's only way in: no token in its environment.
  app = await startApp(box.dir, [], cleanEnv(box.home, { DATABRICKS_CONFIG_FILE: profiles }));
});
after(async () => {
  const code = await app?.stop();
  await emulator?.close();
  box?.close();
  assert.equal(code, 0);
});

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
  const deadline = Date.now() + 90_000;
  let view = await api<BuilderRunView>('runStatus', { runId });
  while (view.state !== 'FINISHED' && view.state !== 'CANCELLED') {
    assert.ok(Date.now() < deadline, `the run ends within 90 s: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 200));
    view = await api<BuilderRunView>('runStatus', { runId });
  }
  assert.deepEqual(emulator.state.jobs.createdNames, ['app one task'], 'the run was a job in the workspace');
  assert.ok(view.url?.startsWith(`${emulator.url}/jobs/`), `the run page: ${JSON.stringify(view)}`);
  assert.ok(view.url!.endsWith(`/runs/${runId}`));
  assert.equal(view.status, 'SUCCESS');
  assert.deepEqual(view.tasks.map((t) => [t.task_key, t.status]), [['orders', 'SUCCESS']]);
  assert.ok(view.tasks[0]!.checks.length >= 2 && view.tasks[0]!.checks.every((c) => c.status === 'PASS'), JSON.stringify(view.tasks[0]));
  assert.ok(!app.stderr().includes(emulator.token), 'the token is never logged');
});
