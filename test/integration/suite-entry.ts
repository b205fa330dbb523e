/**
 * The one entry point of the integration suite inside an extension host, shared by both runners:
 *  - code-server (test/integration/extension-host.test.ts): the runner extension (runner/extension.ts) calls
 *    `runPhase` when it activates;
 *  - desktop VS Code (`npm run test:desktop`, scripts/test-desktop.mjs): `@vscode/test-electron` loads this module
 *    as its extensionTestsPath and calls `run`.
 * It waits for DataPact to activate, runs the suites of the phase named in `$DATAPACT_INTEGRATION_OUT/phase` and
 * writes their outcomes to `$DATAPACT_INTEGRATION_OUT/<phase>.json`, which the outer test reads.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DataPactApi } from '../../client/src/extension';
import { runRegistered, type TestOutcome } from './harness';
import { registerWorkbenchSuite } from './workbench.suite';
import { registerReattachSuite } from './reattach.suite';
import { registerCatalogSuite } from './catalog.suite';

/** Runs the phase's suites and writes their outcomes; without `$DATAPACT_INTEGRATION_OUT` it does nothing. */
export async function runPhase(): Promise<TestOutcome[] | undefined> {
  const out = process.env.DATAPACT_INTEGRATION_OUT;
  if (!out) return undefined;
  const phaseFile = join(out, 'phase');
  const phase = existsSync(phaseFile) ? readFileSync(phaseFile, 'utf8').trim() : 'workbench';
  let outcomes: TestOutcome[];
  const progress = (line: string) => appendFileSync(join(out, `${phase}.progress`), `${new Date().toISOString()} ${line}\n`);
  try {
    progress('activating DataPact');
    const extension = vscode.extensions.getExtension<DataPactApi>('datapact.datapact');
    if (!extension) throw new Error('the DataPact extension is not installed');
    const api = await extension.activate();
    progress('DataPact active; reading the workspace runs');
    await api.loaded;
    if (phase === 'workbench') registerCatalogSuite();
    if (phase === 'workbench') registerWorkbenchSuite(api);
    registerReattachSuite(api, phase); // in phase workbench: the last test starts the run the reload must not end
    outcomes = await runRegistered(progress);
  } catch (error) {
    outcomes = [{ name: `${phase}: set-up`, passed: false, error: error instanceof Error ? error.stack ?? error.message : String(error), durationMs: 0 }];
  }
  writeFileSync(join(out, `${phase}.json.tmp`), JSON.stringify(outcomes, null, 2));
  renameSync(join(out, `${phase}.json.tmp`), join(out, `${phase}.json`));
  return outcomes;
}

/** `@vscode/test-electron`'s entry: runs the phase, then fails (so VS Code exits non-zero) when a test failed. */
export async function run(): Promise<void> {
  const outcomes = await runPhase();
  if (!outcomes) throw new Error('DATAPACT_INTEGRATION_OUT is not set: run the suite through npm run test:desktop');
  const failed = outcomes.filter((o) => !o.passed);
  if (failed.length > 0) throw new Error(`${failed.length} of ${outcomes.length} integration tests failed: ${failed.map((o) => o.name).join('; ')}`);
}
