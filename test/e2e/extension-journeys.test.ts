/**
 * End-to-end: the packaged DataPact extension in a real VS Code (code-server), driven through the browser the
 * way a user works: diagnostics on a broken pact, "DataPact: Run Pact" on DuckDB data, and the "Preview SQL"
 * code lens. One code-server session serves the three journeys, in order.
 * Needs scripts/e2e/install.sh (code-server in .e2e/, Debian chromium); without them each journey is skipped.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingPrerequisite, startSession, type Session } from './code-server-session';
import { ensureVsix, REPO } from './extension-package';
import { BROKEN_TOLERANCE_MESSAGE, createPactWorkspace, type PactWorkspace } from './pact-workspace';
import {
  editorShowing, hoverFirstError, notification, openFile, runCommand, UI_TIMEOUT, visibleText, waitForWorkbench, waitUntil,
} from './workbench';

const skipReason = missingPrerequisite();
const JOURNEY_TIMEOUT = 180_000;

let tempDir: string | undefined;
let workspace: PactWorkspace | undefined;
let session: Session | undefined;

before(async () => {
  if (skipReason) return;
  tempDir = mkdtempSync(join(tmpdir(), 'datapact-e2e-'));
  workspace = await createPactWorkspace();
  const vsix = ensureVsix(tempDir);
  session = await startSession({ vsix, workspace: workspace.dir, tempDir });
  await waitForWorkbench(session.page);
}, { timeout: 300_000 });

after(async () => {
  await session?.stop();
  workspace?.cleanup();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** A journey; when it fails, a screenshot goes to test-results/ and code-server's log tail joins the error. */
function journey(name: string, steps: (s: Session, ws: PactWorkspace) => Promise<void>): void {
  test(name, { timeout: JOURNEY_TIMEOUT }, async (t: TestContext) => {
    if (skipReason) return t.skip(skipReason);
    assert.ok(session && workspace, 'the code-server session did not start');
    try {
      await steps(session, workspace);
    } catch (error) {
      const shot = join(REPO, 'test-results', `e2e-${name.replace(/\W+/g, '-').slice(0, 60)}.png`);
      mkdirSync(join(REPO, 'test-results'), { recursive: true });
      await session.page.screenshot({ path: shot }).catch(() => undefined);
      const detail = `screenshot: ${shot}\ncode-server log (tail):\n${session.log().split('\n').slice(-30).join('\n')}`;
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${detail}`, { cause: error });
    }
  });
}

journey('a pact with an out-of-range tolerance shows the error as a squiggle, a hover and a Problems entry', async ({ page }, ws) => {
  await openFile(page, ws.brokenPact);
  const editor = editorShowing(page, ws.brokenPact);

  await hoverFirstError(page, editor);
  await page.locator('.monaco-hover-content', { hasText: BROKEN_TOLERANCE_MESSAGE }).first().waitFor({ timeout: UI_TIMEOUT });

  const problems = page.locator('[id="status.problems"]');
  const counts = await waitUntil(
    async () => (await problems.innerText()).match(/\d+/g)?.map(Number) ?? [],
    (numbers) => numbers.length >= 1 && numbers[0] === 1,
    'the status bar to count 1 error',
  );
  assert.equal(counts[0], 1, 'exactly one error in the workspace');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  const entry = page.locator('.markers-panel .monaco-list-row', { hasText: BROKEN_TOLERANCE_MESSAGE }).first();
  await entry.waitFor({ timeout: UI_TIMEOUT });
  // `count_tolerance: 1.5` is line 17 of BROKEN_PACT; the value starts at column 22.
  assert.match(await entry.innerText(), /Ln 17, Col 22/);
});

journey('"DataPact: Run Pact" from the Command Palette runs the pact on DuckDB: 1 passed, 1 failed', async ({ page }, ws) => {
  await openFile(page, ws.runnablePact);
  await runCommand(page, 'DataPact: Run Pact');

  const toast = notification(page, `DataPact ${ws.runnablePact}: 1 passed, 1 failed, 0 errored.`);
  await toast.waitFor({ timeout: UI_TIMEOUT });
  await toast.locator('.monaco-button', { hasText: 'Show Output' }).click();

  const output = page.locator('.part.panel .monaco-editor').first();
  const text = await waitUntil(
    () => visibleText(output),
    (lines) => lines.includes('orders_match') && lines.includes('customers_match'),
    'the DataPact output to list both tasks',
  );
  assert.match(text, /✔ orders_match\s+2\/2 checks passed/);
  assert.match(text, /✘ customers_match\s+count_validation \(relative_diff 20\.00%, tolerance 0\.00%\)/);
  assert.match(text, /Run \d+: FAILURE \(1 passed, 1 failed, 0 errored\)/);
  assert.ok(existsSync(join(ws.dir, '.datapact', 'history.duckdb')), 'the run is recorded in the results store');
});

journey('the "Preview SQL" code lens opens the generated SQL of its task beside the pact', async ({ page }, ws) => {
  await openFile(page, ws.runnablePact);
  const lens = editorShowing(page, ws.runnablePact).locator('.codelens-decoration a', { hasText: 'Preview SQL' }).first();
  await lens.waitFor({ timeout: UI_TIMEOUT });
  await lens.click();

  const sql = await waitUntil(
    () => visibleText(editorShowing(page, 'orders_match.sql')),
    (text) => text.includes('"tgt"."shop"."orders"'),
    'the SQL preview of orders_match',
  );
  assert.match(sql, /^WITH\n/, 'one statement, from its first line');
  assert.ok(sql.includes('FROM "src"."shop"."orders"'), sql);
});
