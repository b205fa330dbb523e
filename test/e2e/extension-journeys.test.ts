/**
 * End-to-end: the packaged DataPact extension in a real VS Code (code-server), driven through the browser the
 * way a user works: diagnostics on a broken pact, "DataPact: Run Pact" on DuckDB data, the "Preview SQL"
 * code lens, and that preview being read-only and following edits of its pact. One code-server session serves
 * the journeys, in order; each sets up the layout it needs, and none leaves a pact edited.
 * Needs scripts/e2e/install.sh (code-server in .e2e/, Debian chromium); without them each journey is skipped.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { missingPrerequisite, startSession, type Session } from './code-server-session';
import { ensureVsix, REPO } from './extension-package';
import { BROKEN_TOLERANCE_MESSAGE, createPactWorkspace, RUNNABLE_PACT, type PactWorkspace } from './pact-workspace';
import {
  activeTab, editorShowing, goToLine, hidePanel, hoverFirstError, notification, openFile, runCommand, UI_TIMEOUT, visibleText,
  waitForWorkbench, waitUntil,
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

  await hoverFirstError(page, editor, BROKEN_TOLERANCE_MESSAGE);

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

  // Any summary of this pact first, then its text: a wrong count then fails with the summary seen, not a timeout.
  const toast = notification(page, `DataPact ${ws.runnablePact}: `);
  await toast.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await toast.innerText(), new RegExp(`DataPact ${ws.runnablePact}: 1 passed, 1 failed, 0 errored\\.`));
  await toast.locator('.monaco-button', { hasText: 'Show Output' }).click();

  const output = page.locator('.part.panel .monaco-editor').first();
  const text = await waitUntil(
    () => visibleText(output),
    (lines) => lines.includes('orders_match') && lines.includes('customers_match'),
    'the DataPact output to list both tasks',
  );
  assert.match(text, /✔ orders_match\s+3\/3 checks passed/);
  assert.match(text, /✘ customers_match\s+row count: source \d[\d,]*, target \d[\d,]* \(20% > tolerance 0%\)/);
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
  // Compiled without the tables' column lists, the preview says so in leading `-- note:` lines (docs/checks.md).
  assert.match(sql, /^(?:-- note: [^\n]*\n)*WITH\n/, 'one statement, after its notes');
  assert.ok(sql.includes('FROM "src"."shop"."orders"'), sql);
});

journey('the SQL preview is read-only and follows edits of its pact, undo included', async ({ page }, ws) => {
  // customers_match compiles to a statement short enough to be rendered whole (Monaco renders only the lines in
  // view), once the panel an earlier journey opened is hidden: the assertions read the entire statement.
  await hidePanel(page);
  await openFile(page, ws.runnablePact);
  const pact = editorShowing(page, ws.runnablePact);
  const taskLine = pact.locator('.view-line', { hasText: 'task_key: customers_match' });
  await taskLine.waitFor({ timeout: UI_TIMEOUT });
  const previewTab = 'customers_match.sql';
  await clickLensUntilTab(page, pact, 'Preview SQL', taskLine, previewTab);
  const preview = editorShowing(page, previewTab);
  const wholeStatement = (text: string) => text.startsWith('WITH\n') && text.includes('FROM dp_checks AS c');
  const original = await waitUntil(
    () => visibleText(preview),
    (text) => wholeStatement(text) && text.includes('FROM "tgt"."shop"."customers"'),
    'the SQL preview of customers_match, whole',
  );
  assert.ok(original.includes('CAST(0 AS DOUBLE) AS m0_tolerance'), original);

  // Read-only, as a user meets it: typing into the preview is refused with VS Code's message, the text stays.
  await preview.locator('.view-line').first().click();
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.type('oops');
  await preview.locator('.monaco-editor-overlaymessage', { hasText: 'Cannot edit in read-only editor' }).waitFor({ timeout: UI_TIMEOUT });
  assert.equal(await visibleText(preview), original, 'typing changed the preview');
  assert.equal(await page.locator('.tabs-container .tab.dirty', { hasText: previewTab }).count(), 0, 'the preview is not dirty');

  // Edits in the pact's own editor, to customers_match's count_tolerance (0 in the saved file). The first one
  // makes the pact dirty; the later ones leave it dirty, so no dirty-state event refreshes the preview for them:
  // the preview has to follow the content changes themselves.
  const toleranceLine = lineNumber(RUNNABLE_PACT, '    count_tolerance: 0', 'task_key: customers_match');
  await taskLine.click();
  await activeTab(page, ws.runnablePact).waitFor({ timeout: UI_TIMEOUT });
  const pactShows = (value: string) => waitUntil(
    () => visibleText(pact),
    (text) => (text.split('task_key: customers_match')[1] ?? '').split('\n').some((l) => l.trim() === `count_tolerance: ${value}`),
    `the pact editor to show count_tolerance ${value}`,
  );
  const previewShows = (value: string) => waitUntil(
    () => visibleText(preview),
    (text) => wholeStatement(text) && text.includes(`CAST(${value} AS DOUBLE) AS m0_tolerance`),
    `the open preview to show tolerance ${value}`,
  );
  /** Replaces the tolerance value in one edit (a paste), as Go to Line, End, a selection and the new text. */
  const replaceTolerance = async (from: string, to: string) => {
    await goToLine(page, toleranceLine);
    await page.keyboard.press('End');
    for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.insertText(to);
    await pactShows(to);
    await page.keyboard.press('Escape'); // whatever completion the typing offered
  };

  await replaceTolerance('0', '0.25');
  const edited = await previewShows('0.25');
  assert.ok(!edited.includes('CAST(0 AS DOUBLE) AS m0_tolerance'), edited);
  assert.ok(edited.includes('FROM "tgt"."shop"."customers"'), edited);

  await replaceTolerance('0.25', '0.5');
  await previewShows('0.5');

  // Undo, twice: back to 0.25 (still dirty), then to the saved text, and the preview to the original statement.
  await page.keyboard.press('Control+Z');
  await pactShows('0.25');
  await previewShows('0.25');
  await page.keyboard.press('Control+Z');
  await pactShows('0');
  assert.equal(await previewShows('0'), original);
  await page.locator('.tabs-container .tab.dirty', { hasText: ws.runnablePact }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
});

/** The 1-based number of the first line equal to `line` after the first line containing `after`. */
function lineNumber(text: string, line: string, after: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i > start && l === line);
  assert.ok(start >= 0 && index > start, `no "${line}" after "${after}"`);
  return index + 1;
}

/** The code lens titled `title` right above `line` (a pact shows one such lens per task). */
/**
 * Clicks the `title` lens just above `line` until the editor tab `tab` is the active one. The lenses are measured
 * and then clicked: a refresh in between (diagnostics arriving late on a loaded machine re-render them) can put
 * another task's lens under the click, which opens another preview; then they are measured and clicked again.
 */
async function clickLensUntilTab(page: Page, editor: Locator, title: string, line: Locator, tab: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    await (await lensAbove(editor, title, line)).click();
    if (await activeTab(page, tab).waitFor({ timeout: 15_000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error(`the "${title}" lens above the line never opened ${tab}`);
  }
}

async function lensAbove(editor: Locator, title: string, line: Locator): Promise<Locator> {
  const lenses = editor.locator('.codelens-decoration a', { hasText: title });
  await lenses.first().waitFor({ timeout: UI_TIMEOUT });
  const lineTop = (await line.boundingBox())?.y;
  assert.ok(lineTop !== undefined, 'the task line has no box');
  let best: { lens: Locator; top: number } | undefined;
  for (const lens of await lenses.all()) {
    const top = (await lens.boundingBox())?.y;
    if (top !== undefined && top < lineTop && (!best || top > best.top)) best = { lens, top };
  }
  assert.ok(best, `no "${title}" lens above the line`);
  return best.lens;
}
