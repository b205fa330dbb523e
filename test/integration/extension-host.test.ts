/**
 * The integration suite inside the extension host: the packaged DataPact .vsix and a runner extension (built here
 * from runner/extension.ts) are installed into a real VS Code (code-server 4.100.3, as the e2e tests use; desktop
 * VS Code cannot be downloaded here). A headless chromium opens the workbench, which starts the extension host;
 * the runner runs the suite of the phase named in a file and writes each test's outcome, which become subtests
 * here. Phases: `workbench` (ending with a palette run of the gated pact in flight), then, after a window reload,
 * `reattach-check`.
 * Needs scripts/e2e/install.sh; without it every phase is skipped with that reason.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { missingPrerequisite, startSession, type Session } from '../e2e/code-server-session';
import { ensureVsix, REPO } from '../e2e/extension-package';
import { createWorkbenchWorkspace, type WorkbenchWorkspace } from '../e2e/workbench-workspace';
import { UI_TIMEOUT, waitForWorkbench } from '../e2e/workbench';
import { startEmulator, type Emulator } from '../emulator';
import type { TestOutcome } from './harness';

const skipReason = missingPrerequisite();
let tempDir: string | undefined;
let workspace: WorkbenchWorkspace | undefined;
let session: Session | undefined;
let outDir = '';
let emulator: Emulator | undefined;

before(async () => {
  if (skipReason) return;
  tempDir = mkdtempSync(join(tmpdir(), 'datapact-integration-'));
  outDir = join(tempDir, 'out');
  mkdirSync(outDir);
  writeFileSync(join(outDir, 'phase'), 'workbench');
  workspace = await createWorkbenchWorkspace({ slowRows: 300_000 });
  // The Databricks profiles point at the workspace emulator (Select Warehouse lists its warehouses).
  emulator = await startEmulator({
    warehouses: [{ id: 'b0000000000000b2', name: 'Shared', state: 'STOPPED' }, { id: 'a0000000000000a1', name: 'Analytics', state: 'RUNNING' }],
  });
  const databricksCfg = join(tempDir, 'databrickscfg');
  writeFileSync(databricksCfg, `[DEFAULT]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n\n[dev]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  const vsix = ensureVsix(tempDir);
  const runner = await packageRunner(join(tempDir, 'runner'));
  session = await startSession({
    vsix, workspace: workspace.dir, tempDir, extraVsix: [runner],
    env: { DATAPACT_INTEGRATION_OUT: outDir, DATABRICKS_CONFIG_FILE: databricksCfg },
  });
  await waitForWorkbench(session.page);
}, { timeout: 300_000 });

after(async () => {
  await session?.stop();
  await emulator?.close();
  await workspace?.cleanup();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** Builds the runner extension (its suites bundled in) and packages it as a .vsix. */
async function packageRunner(stage: string): Promise<string> {
  mkdirSync(stage, { recursive: true });
  copyFileSync(join(__dirname, 'runner', 'package.json'), join(stage, 'package.json'));
  writeFileSync(join(stage, 'README.md'), 'Test-only runner for the DataPact integration suite.\n');
  writeFileSync(join(stage, 'LICENSE'), readFileSync(join(REPO, 'LICENSE')));
  await build({
    entryPoints: [join(__dirname, 'runner', 'extension.ts')],
    outfile: join(stage, 'runner.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', '@duckdb/*'], logLevel: 'warning',
  });
  const vsix = join(stage, 'runner.vsix');
  const result = spawnSync(join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--no-dependencies', '--out', vsix],
    { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`packaging the runner failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/** Waits for the phase's outcome file, then makes each outcome a subtest. */
async function phase(t: TestContext, name: string, timeoutMs: number): Promise<void> {
  const file = join(outDir, `${name}.json`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      const progress = join(outDir, `${name}.progress`);
      throw new Error(`the extension host wrote no ${name} outcome within ${timeoutMs / 1000} s\n` +
        `progress:\n${existsSync(progress) ? readFileSync(progress, 'utf8') : '(none: the runner did not start)'}\n` +
        `code-server log (tail):\n${session!.log().split('\n').slice(-40).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const outcomes = JSON.parse(readFileSync(file, 'utf8')) as TestOutcome[];
  assert.ok(outcomes.length > 0, `${name} ran no test`);
  for (const outcome of outcomes) {
    await t.test(outcome.name, () => {
      if (!outcome.passed) throw new Error(outcome.error);
    });
  }
}

/** Reloads the window for a phase: a new extension host runs it. */
async function reloadInto(name: string): Promise<void> {
  writeFileSync(join(outDir, 'phase'), name);
  await session!.page.reload();
  // The sidebar may now show the DataPact views rather than the Explorer: wait for the DataPact status item.
  await session!.page.locator('.statusbar-item', { hasText: 'DataPact' }).first().waitFor({ timeout: UI_TIMEOUT });
}

test('workbench inside the extension host', { timeout: 420_000 }, async (t) => {
  if (skipReason) return t.skip(skipReason);
  await phase(t, 'workbench', 400_000);
});

test('a run in flight is re-attached after a window reload', { timeout: 420_000 }, async (t) => {
  if (skipReason) return t.skip(skipReason);
  // Phase workbench's last test started a run of the gated pact from the palette and wrote its id.
  assert.ok(existsSync(join(outDir, 'reattach-run-id')), 'phase workbench started no run to re-attach');
  await reloadInto('reattach-check');
  // The gate stays shut until the new window has seen the run in flight: it cannot end before that.
  const seen = join(outDir, 'reattach-seen');
  const deadline = Date.now() + 300_000;
  while (!existsSync(seen) && !existsSync(join(outDir, 'reattach-check.json'))) {
    if (Date.now() > deadline) throw new Error('the reloaded window never reported the run in flight');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const gate = workspace!.openGate();
  try {
    await phase(t, 'reattach-check', 300_000);
  } finally {
    gate.close();
  }
});
