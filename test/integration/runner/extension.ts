/**
 * The integration runner extension: installed next to DataPact in a test code-server, it waits for DataPact to
 * activate, runs the suite of the phase named in `$DATAPACT_INTEGRATION_OUT/phase` and writes the outcomes to
 * `$DATAPACT_INTEGRATION_OUT/<phase>.json`. Without the variable it does nothing.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DataPactApi } from '../../../client/src/extension';
import { runRegistered, type TestOutcome } from '../harness';
import { registerWorkbenchSuite } from '../workbench.suite';
import { registerReattachSuite } from '../reattach.suite';
import { registerCatalogSuite } from '../catalog.suite';

export async function activate(): Promise<void> {
  const out = process.env.DATAPACT_INTEGRATION_OUT;
  if (!out) return;
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
  const { renameSync } = await import('node:fs');
  renameSync(join(out, `${phase}.json.tmp`), join(out, `${phase}.json`));
}
