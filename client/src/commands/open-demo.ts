/**
 * "DataPact: Open the Demo" (the views' welcome link): the demo of `npm run demo` in a `datapact-demo` folder of the
 * workspace — its pact, and its two DuckDB files (a legacy system and its lakehouse copy with deliberate defects)
 * built here by the same generator. An existing demo pact is opened as it is (never overwritten); its data is rebuilt
 * only when missing or out of date. Without an open folder, the demo goes into a folder the person picks, which opens.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, ProgressLocation, Uri, window, workspace } from 'vscode';
import demoPactText from '../../../examples/demo.pact.yml';
import { ensureDemoData } from '../../../scripts/demo/generate-demo-data.mjs';
import type { Ctx } from '../ctx';

export const DEMO_FOLDER = 'datapact-demo';
const DEMO_PACT = 'demo.pact.yml';
/** A demo to open once the window has opened the folder it was made in (no folder was open). */
export const DEMO_TO_OPEN_KEY = 'datapact.demoToOpen';

export async function openDemo(ctx: Ctx): Promise<Uri | undefined> {
  const root = workspace.workspaceFolders?.[0]?.uri;
  if (!root) {
    const picked = await window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create the demo here', title: 'DataPact: where should the demo go?' });
    if (!picked?.[0]) return undefined;
    const folder = join(picked[0].fsPath, DEMO_FOLDER);
    const pact = await prepareDemo(folder);
    await ctx.extension.globalState.update(DEMO_TO_OPEN_KEY, pact.fsPath);
    await commands.executeCommand('vscode.openFolder', Uri.file(folder));
    return pact;
  }
  const pact = await prepareDemo(join(root.fsPath, DEMO_FOLDER));
  await window.showTextDocument(pact);
  await commands.executeCommand('setContext', 'datapact.hasPacts', true);
  await ctx.refreshViews();
  return pact;
}

/** Opens a demo made before the window opened its folder; called at activation. */
export async function openPendingDemo(ctx: Ctx): Promise<void> {
  const pending = ctx.extension.globalState.get<string>(DEMO_TO_OPEN_KEY);
  if (!pending || !existsSync(pending)) return;
  await ctx.extension.globalState.update(DEMO_TO_OPEN_KEY, undefined);
  await window.showTextDocument(Uri.file(pending));
}

/** The demo pact in `folder` (written when missing) with its data built; returns the pact's URI. */
async function prepareDemo(folder: string): Promise<Uri> {
  const pactPath = join(folder, DEMO_PACT);
  await window.withProgress({ location: ProgressLocation.Notification, title: 'DataPact: preparing the demo (two DuckDB files, about 20 MB)' }, async () => {
    mkdirSync(folder, { recursive: true });
    if (!existsSync(pactPath)) writeFileSync(pactPath, demoPact(), 'utf8');
    await ensureDemoData(join(folder, 'demo-data'));
  });
  return Uri.file(pactPath);
}

/** examples/demo.pact.yml with its data beside it (the repository keeps the data one folder up). */
export function demoPact(): string {
  return demoPactText.replaceAll('../demo-data/', 'demo-data/');
}
