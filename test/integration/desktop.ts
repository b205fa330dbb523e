/**
 * The integration suite in desktop VS Code, run by `npm run test:desktop` (scripts/test-desktop.mjs, which
 * downloads VS Code with @vscode/test-electron and passes its executable in `$DATAPACT_VSCODE_EXECUTABLE`); never
 * part of `npm test`, whose code-server run (extension-host.test.ts) uses the same fixture, suites and entry point.
 * DataPact loads from this checkout (`--extensionDevelopmentPath`, its built dist/) and test-electron loads the
 * suite's entry point (suite-entry.ts, bundled) as extensionTestsPath. Phase `workbench` ends with a run of the
 * gated pact in flight; VS Code then quits and starts again for phase `reattach-check` (a restart ends the
 * extension host as a window reload does), which must re-attach that run.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { SETTINGS } from '../e2e/code-server-session';
import { REPO } from '../e2e/extension-package';
import { createFixture, openGateOnceSeen, phaseOutcomes, type IntegrationFixture } from './fixture';

const executable = process.env.DATAPACT_VSCODE_EXECUTABLE;
let fixture: IntegrationFixture | undefined;
let entry = '';
let userData = '';
let extensions = '';

before(async () => {
  assert.ok(executable, 'DATAPACT_VSCODE_EXECUTABLE is not set: run npm run test:desktop');
  fixture = await createFixture();
  entry = join(fixture.tempDir, 'suite', 'suite-entry.js');
  await build({
    entryPoints: [join(__dirname, 'suite-entry.ts')],
    outfile: entry,
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode', '@duckdb/*'], logLevel: 'warning',
  });
  userData = join(fixture.tempDir, 'user-data');
  extensions = join(fixture.tempDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions);
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
}, { timeout: 300_000 });

after(async () => {
  await fixture?.cleanup();
});

/** Starts VS Code on the workspace for one phase; resolves when it has quit (the entry point's run has ended). */
async function runPhase(name: string): Promise<void> {
  fixture!.setPhase(name);
  const rootless = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  try {
    await runTests({
      vscodeExecutablePath: executable!,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: entry,
      extensionTestsEnv: fixture!.env,
      launchArgs: [fixture!.workspace.dir, '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-workspace-trust',
        '--skip-welcome', '--skip-release-notes', '--disable-gpu', ...rootless],
    });
  } catch {
    // A failed test makes VS Code exit non-zero: the outcomes file says which, and becomes subtests below.
  }
}

async function report(t: TestContext, name: string): Promise<void> {
  for (const outcome of await phaseOutcomes(fixture!.outDir, name, 10_000)) {
    await t.test(outcome.name, () => {
      if (!outcome.passed) throw new Error(outcome.error);
    });
  }
}

test('workbench inside the desktop extension host', { timeout: 600_000 }, async (t) => {
  await runPhase('workbench');
  await report(t, 'workbench');
});

test('a run in flight is re-attached after VS Code starts again', { timeout: 600_000 }, async (t) => {
  assert.ok(existsSync(join(fixture!.outDir, 'reattach-run-id')), 'phase workbench started no run to re-attach');
  let ended = false;
  const done = runPhase('reattach-check').finally(() => (ended = true));
  await openGateOnceSeen(fixture!, () => done, () => ended);
  await report(t, 'reattach-check');
});
