/**
 * The integration suite inside the extension host: the packaged DataPact .vsix and a runner extension (built here
 * from runner/extension.ts, which calls the suite's one entry point, suite-entry.ts) are installed into a real VS
 * Code (code-server 4.100.3, as the e2e tests use; desktop VS Code cannot be downloaded here: `npm run
 * test:desktop` runs the same entry point there). A headless chromium opens the workbench, which starts the
 * extension host; the entry point runs the suite of the phase named in a file and writes each test's outcome, which
 * become subtests here. The set-up outside the editor is fixture.ts. Phases: `workbench` (ending with a palette
 * run of the gated pact in flight), then, after a window reload, `reattach-check`.
 * Needs scripts/e2e/install.sh; without it every phase is skipped with that reason.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { missingPrerequisite, startSession, type Session } from '../e2e/code-server-session';
import { ensureVsix, REPO } from '../e2e/extension-package';
import { UI_TIMEOUT, waitForWorkbench } from '../e2e/workbench';
import { createFixture, openGateOnceSeen, phaseOutcomes, type IntegrationFixture } from './fixture';

const skipReason = missingPrerequisite();
let fixture: IntegrationFixture | undefined;
let session: Session | undefined;

before(async () => {
  if (skipReason) return;
  fixture = await createFixture();
  const vsix = ensureVsix(fixture.tempDir);
  const runner = await packageRunner(join(fixture.tempDir, 'runner'));
  session = await startSession({ vsix, workspace: fixture.workspace.dir, tempDir: fixture.tempDir, extraVsix: [runner], env: fixture.env });
  await waitForWorkbench(session.page);
}, { timeout: 300_000 });

after(async () => {
  await session?.stop();
  await fixture?.cleanup();
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

/** Waits for the phase's outcomes, then makes each a subtest. */
async function phase(t: TestContext, name: string, timeoutMs: number): Promise<void> {
  for (const outcome of await phaseOutcomes(fixture!.outDir, name, timeoutMs, () => session!.log())) {
    await t.test(outcome.name, () => {
      if (!outcome.passed) throw new Error(outcome.error);
    });
  }
}

/** Reloads the window for a phase: a new extension host runs it. */
async function reloadInto(name: string): Promise<void> {
  fixture!.setPhase(name);
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
  assert.ok(existsSync(join(fixture!.outDir, 'reattach-run-id')), 'phase workbench started no run to re-attach');
  // A Databricks job run in flight across the reload too; runs.json also holds the fixture's finished one.
  const databricks = await fixture!.startDatabricksRunInFlight();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await databricks.release();
  };
  // The finished job run's end is in runs.json: the reloaded window must not ask the workspace about it again.
  const finishedRunId = readFileSync(join(fixture!.outDir, 'databricks-finished-run-id'), 'utf8').trim();
  const callsBefore = fixture!.emulator.state.calls.length;
  try {
    await reloadInto('reattach-check');
    await openGateOnceSeen(fixture!, () => Promise.all([phase(t, 'reattach-check', 300_000), release()]));
  } finally {
    await release();
  }
  const finishedRunGets = fixture!.emulator.state.calls
    .slice(callsBefore)
    .filter((call) => call.path.endsWith('/jobs/runs/get') && JSON.stringify(call).includes(finishedRunId));
  assert.deepEqual(finishedRunGets, [], 'a run whose end runs.json records is not re-attached after a reload');
});
