/**
 * What both runners of the integration suite set up outside the editor, and how they read it back: the workbench
 * workspace (test/e2e/workbench-workspace.ts) plus a Databricks pact, the workspace emulator behind two
 * `~/.databrickscfg` profiles, a past Databricks job run of that pact (run by the CLI beside the pact, so
 * `.datapact/runs.json` holds it: a window opened later must show it finished, never re-attach it as in flight),
 * a Databricks job run held in flight across the reload, and the folder the suite entry point writes its outcomes
 * to. Used by extension-host.test.ts (code-server) and desktop.ts (`npm run test:desktop`).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbenchWorkspace, type WorkbenchWorkspace } from '../e2e/workbench-workspace';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, SEED_SQL, taskYaml, writePact } from '../databricks/support';
import type { TestOutcome } from './harness';

export interface IntegrationFixture {
  tempDir: string;
  /** `$DATAPACT_INTEGRATION_OUT`: the phase to run, the outcomes, files the suites and the outer test exchange. */
  outDir: string;
  workspace: WorkbenchWorkspace;
  emulator: Emulator;
  /** The environment the extension host needs besides its own. */
  env: Record<string, string>;
  /** Names the phase the next extension host runs. */
  setPhase(name: string): void;
  /**
   * Starts a job run of `lakehouse.pact.yml` beside the pact (so runs.json holds it) with its `orders` task held
   * RUNNING; resolves once the job run is going, its id written to `<out>/databricks-running-run-id`. `release`
   * lets it end (the run then fails by design: customers).
   */
  startDatabricksRunInFlight(): Promise<{ runId: string; release(): Promise<void> }>;
  cleanup(): Promise<void>;
}

/** The workspace's Databricks pact (`lakehouse.pact.yml`): its past job run is the one the suite opens. */
const LAKEHOUSE = {
  engine: databricksEngine({ warehouse: 'Analytics', job_name: 'lakehouse checks' }),
  validations: [
    taskYaml('orders', 'orders', { primary_keys: ['id'], count_tolerance: 0 }),
    taskYaml('customers', 'customers', { primary_keys: ['id'], count_tolerance: 0 }),
  ],
};

export async function createFixture(): Promise<IntegrationFixture> {
  const tempDir = mkdtempSync(join(tmpdir(), 'datapact-integration-'));
  const outDir = join(tempDir, 'out');
  mkdirSync(outDir);
  writeFileSync(join(outDir, 'phase'), 'workbench');
  const workspace = await createWorkbenchWorkspace({ slowRows: 300_000 });
  // The Databricks profiles point at the workspace emulator (Select Warehouse lists its warehouses).
  const emulator = await startEmulator({
    catalogs: ['shop', 'lake', 'datapact'],
    seedSql: SEED_SQL,
    warehouses: [{ id: 'b0000000000000b2', name: 'Shared', state: 'STOPPED' }, { id: 'a0000000000000a1', name: 'Analytics', state: 'RUNNING' }],
  });
  const databricksCfg = join(tempDir, 'databrickscfg');
  writeFileSync(databricksCfg, `[DEFAULT]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n\n[dev]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  const home = join(tempDir, 'home');
  mkdirSync(home);
  const cliEnv = cleanEnv(home, { DATABRICKS_CONFIG_FILE: databricksCfg });
  await pastDatabricksRun(workspace.dir, cliEnv, emulator, outDir);
  return {
    tempDir, outDir, workspace, emulator,
    env: { DATAPACT_INTEGRATION_OUT: outDir, DATABRICKS_CONFIG_FILE: databricksCfg },
    setPhase: (name) => writeFileSync(join(outDir, 'phase'), name),
    startDatabricksRunInFlight: () => databricksRunInFlight(workspace.dir, cliEnv, emulator, outDir),
    cleanup: async () => {
      await emulator.close();
      await workspace.cleanup();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `lakehouse.pact.yml` into the workspace and runs it as a job with the built CLI beside it (its run is
 * recorded in the workspace's `.datapact/runs.json`); the run's page, built here from the ids run_history holds,
 * goes to `<out>/databricks-run-page` and its id to `<out>/databricks-finished-run-id` for the suite.
 */
async function pastDatabricksRun(workspaceDir: string, env: Record<string, string>, emulator: Emulator, outDir: string): Promise<void> {
  const pact = writePact(workspaceDir, 'lakehouse.pact.yml', LAKEHOUSE);
  ensureBuilt();
  const run = await cliAsync(['run', pact, '--format', 'json', '--quiet'], workspaceDir, env);
  assert.equal(run.code, 1, `the lakehouse run (customers fails by design): ${run.stderr}${run.stdout}`);
  const runId = (JSON.parse(run.stdout) as { run_id: string }).run_id;
  const [row] = await emulator.sql(`SELECT CAST(job_id AS STRING) AS job_id FROM datapact.results.run_history WHERE run_id = ${runId}`);
  assert.ok(row?.job_id, `run_history holds run ${runId}`);
  writeFileSync(join(outDir, 'databricks-run-page'), `${emulator.url}/jobs/${row.job_id}/runs/${runId}`);
  writeFileSync(join(outDir, 'databricks-finished-run-id'), String(runId));
}

async function databricksRunInFlight(workspaceDir: string, env: Record<string, string>, emulator: Emulator, outDir: string): Promise<{ runId: string; release(): Promise<void> }> {
  const hold = emulator.holdTaskRunning('orders');
  const run = cliAsync(['run', join(workspaceDir, 'lakehouse.pact.yml'), '--format', 'json'], workspaceDir, env, 300_000);
  let stderr = '';
  run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!/job run \d+ started/.test(stderr) || !/\norders: running/.test(stderr)) {
    if (Date.now() > deadline) {
      hold.release();
      throw new Error(`the Databricks run did not start within 120 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const runId = /job run (\d+) started/.exec(stderr)![1]!;
  writeFileSync(join(outDir, 'databricks-running-run-id'), runId);
  return {
    runId,
    release: async () => {
      hold.release();
      const ended = await run;
      assert.equal(ended.code, 1, `the held lakehouse run (customers fails by design): ${ended.stderr}${ended.stdout}`);
    },
  };
}

/**
 * Waits for a phase's outcome file (the extension host writes it at the end of the phase); on the deadline it
 * throws with the phase's progress lines and `log`'s tail.
 */
export async function phaseOutcomes(outDir: string, name: string, timeoutMs: number, log: () => string = () => ''): Promise<TestOutcome[]> {
  const file = join(outDir, `${name}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      const progress = join(outDir, `${name}.progress`);
      throw new Error(`the extension host wrote no ${name} outcome within ${timeoutMs / 1000} s\n` +
        `progress:\n${existsSync(progress) ? readFileSync(progress, 'utf8') : '(none: the runner did not start)'}\n` +
        `log (tail):\n${log().split('\n').slice(-40).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const outcomes = JSON.parse(readFileSync(file, 'utf8')) as TestOutcome[];
  assert.ok(outcomes.length > 0, `${name} ran no test`);
  return outcomes;
}

/**
 * Phase reattach-check: waits until the new extension host has seen the gated run in flight (it cannot end before
 * that: its gate is shut), then opens the gate while `phaseDone` lasts.
 */
export async function openGateOnceSeen<T>(fixture: IntegrationFixture, phaseDone: () => Promise<T>, hostEnded: () => boolean = () => false): Promise<T> {
  const seen = join(fixture.outDir, 'reattach-seen');
  const deadline = Date.now() + 300_000;
  while (!existsSync(seen) && !existsSync(join(fixture.outDir, 'reattach-check.json')) && !hostEnded()) {
    if (Date.now() > deadline) throw new Error('the reloaded window never reported the run in flight');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const gate = fixture.workspace.openGate();
  try {
    return await phaseDone();
  } finally {
    gate.close();
  }
}
