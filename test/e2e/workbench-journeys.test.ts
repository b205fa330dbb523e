/**
 * End-to-end: the DataPact workbench in a real VS Code (code-server + chromium), as a user meets it: run the pact
 * from the palette and watch the Runs tree fill, expand a failing task to its checks and sample keys, open the
 * results view, run a task from the Test Explorer, reload the window during a slowed run and find it re-attached.
 * Each step leaves a screenshot in test-results/ (git-ignored). Needs scripts/e2e/install.sh.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingPrerequisite, startSession, type Session } from './code-server-session';
import { ensureVsix, REPO } from './extension-package';
import { createWorkbenchWorkspace, type WorkbenchWorkspace } from './workbench-workspace';
import { notification, openFile, runCommand, UI_TIMEOUT, waitForWorkbench } from './workbench';

const skipReason = missingPrerequisite();
const JOURNEY_TIMEOUT = 360_000; // the first journey took 240 s with both cores loaded by other suites
const SHOTS = join(REPO, 'test-results', 'workbench');

let tempDir: string | undefined;
let workspace: WorkbenchWorkspace | undefined;
let session: Session | undefined;

before(async () => {
  if (skipReason) return;
  tempDir = mkdtempSync(join(tmpdir(), 'datapact-e2e-workbench-'));
  workspace = await createWorkbenchWorkspace();
  session = await startSession({ vsix: ensureVsix(tempDir), workspace: workspace.dir, tempDir });
  await waitForWorkbench(session.page);
  mkdirSync(SHOTS, { recursive: true });
}, { timeout: 300_000 });

after(async () => {
  await session?.stop();
  await workspace?.cleanup();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

function journey(name: string, steps: (page: Page, ws: WorkbenchWorkspace) => Promise<void>): void {
  test(name, { timeout: JOURNEY_TIMEOUT }, async (t: TestContext) => {
    if (skipReason) return t.skip(skipReason);
    assert.ok(session && workspace, 'the code-server session did not start');
    try {
      await steps(session.page, workspace);
    } catch (error) {
      const shot = join(SHOTS, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}.png`);
      await session.page.screenshot({ path: shot }).catch(() => undefined);
      const detail = `screenshot: ${shot}\ncode-server log (tail):\n${session.log().split('\n').slice(-30).join('\n')}`;
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${detail}`, { cause: error });
    }
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let animations (toasts, tree expansion) settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The DataPact view container in the activity bar, opened. */
async function openDataPactViews(page: Page): Promise<void> {
  const icon = page.locator('.activitybar .action-item a[aria-label^="DataPact"]').first();
  await icon.waitFor({ timeout: UI_TIMEOUT });
  const runsHeader = page.locator('.pane-header', { hasText: 'Runs' }).first();
  if (!(await runsHeader.isVisible())) await icon.click();
  await runsHeader.waitFor({ timeout: UI_TIMEOUT });
}

/**
 * Clicks a tree row once no hover is in the way: the tooltip of the row clicked before (the mouse still rests on
 * it) can cover the row below.
 */
async function clickRow(page: Page, row: ReturnType<typeof runsRow>): Promise<void> {
  await page.mouse.move(0, 0);
  await page.locator('.context-view .rendered-markdown').first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  await row.click();
}

/** A row of the Runs view. */
function runsRow(page: Page, text: string | RegExp) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Runs' }) }).locator('.monaco-list-row', { hasText: text });
}

journey('run the pact from the palette and watch the Runs tree fill; expand a failing task to checks and sample keys', async (page, ws) => {
  await openDataPactViews(page);
  await shot(page, '01-views-before-run');
  await openFile(page, ws.shopPact);
  await runCommand(page, 'DataPact: Run Pact');
  await runsRow(page, 'shop.pact.yml').first().waitFor({ timeout: UI_TIMEOUT });
  await notification(page, `DataPact ${ws.shopPact}: 1 passed, 1 failed, 0 errored.`).waitFor({ timeout: UI_TIMEOUT });

  const run = runsRow(page, 'shop.pact.yml').first();
  if ((await run.getAttribute('aria-expanded')) !== 'true') await clickRow(page, run);
  const customers = runsRow(page, 'customers_match').first();
  await customers.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await customers.innerText(), /row count: off by 20% \(\+1 more failed\)/);
  assert.match(await runsRow(page, 'orders_match').first().innerText(), /3\/3 checks passed/);
  await shot(page, '02-runs-tree-filled');

  await clickRow(page, customers);
  const rowHash = runsRow(page, /^row hash/).first();
  await rowHash.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await rowHash.innerText(), /FAIL · compared_rows 10, mismatch_count 0, missing_in_target 2/);
  await clickRow(page, rowHash);
  const group = runsRow(page, 'missing in target').first();
  await group.waitFor({ timeout: UI_TIMEOUT });
  await clickRow(page, group);
  await runsRow(page, 'customer_id=9').first().waitFor({ timeout: UI_TIMEOUT });
  await runsRow(page, 'customer_id=10').first().waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '03-failing-task-checks-and-samples');

  // The task's line in the editor carries the result, and the failing checks are diagnostics.
  const line = page.locator('.editor-instance .view-line', { hasText: 'task_key: customers_match' });
  await page.locator('.editor-instance', { hasText: '✘ 2 checks failed' }).first().waitFor({ timeout: UI_TIMEOUT }).catch(() => undefined);
  await line.first().waitFor({ timeout: UI_TIMEOUT });
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '04-results-on-task-lines');
});

journey('open the results view: pass rate, failing tasks, checks with numbers and samples', async (page) => {
  await runCommand(page, 'DataPact: Show Results');
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('h1', { hasText: 'shop.pact.yml' }).waitFor({ timeout: UI_TIMEOUT });
  await view.locator('.chart canvas').first().waitFor({ timeout: UI_TIMEOUT });
  // The first run alone: the time axis spans the two hours around it, not years.
  const span = Number(await view.locator('.chart').first().getAttribute('data-x-span-seconds'));
  assert.ok(span > 0 && span <= 7200, `the time axis spans ${span} s`);
  await view.locator('ul.failing li', { hasText: 'customers_match' }).waitFor({ timeout: UI_TIMEOUT });
  const samples = view.locator('.samples', { hasText: 'missing in target: customer_id=9; customer_id=10' });
  await samples.waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '05-results-view');
  // A click in the webview is a typed message to the extension: the task is revealed in its pact.
  await view.locator('summary a.task-link', { hasText: 'customers_match' }).click();
  await page.locator('.tabs-container .tab.active', { hasText: 'shop.pact.yml' }).waitFor({ timeout: UI_TIMEOUT });
});

journey('run a task from the Test Explorer', async (page) => {
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: 'shop.pact.yml' }).first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  const task = page.locator('.part.sidebar .monaco-list-row', { hasText: 'orders_match' }).first();
  await task.waitFor({ timeout: UI_TIMEOUT });
  await task.hover();
  await task.locator('.action-label[aria-label^="Run Test"]').click();
  await task.locator('.codicon-testing-passed-icon').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '06-test-explorer-task-passed');
});

journey('reload the window during a slowed run: the run is re-attached, shown live, and ends', async (page, ws) => {
  // The gated pact's gated_orders task cannot end before the test opens its gate, however fast the machine.
  await openFile(page, ws.gatedPact);
  await runCommand(page, 'DataPact: Run Pact');
  await openDataPactViews(page);
  const started = runsRow(page, 'gated.pact.yml').first();
  await started.locator('.codicon-loading').waitFor({ timeout: UI_TIMEOUT });
  const records = join(ws.dir, '.datapact', 'runs.json');
  assert.ok(existsSync(records) && readFileSync(records, 'utf8').includes(join(ws.dir, ws.gatedPact)), 'the run is in the local run records');
  await shot(page, '07-gated-run-before-reload');
  // A reload ends the extension host; the run goes on in its own datapact process.
  await page.reload();
  await openDataPactViews(page);
  const attached = runsRow(page, 'gated.pact.yml').first();
  await attached.locator('.codicon-loading').waitFor({ timeout: UI_TIMEOUT });
  // The reloaded window follows the run as the one that started it did: a cancellable progress notification.
  const progress = notification(page, `DataPact: running ${ws.gatedPact} (re-attached)`);
  await progress.waitFor({ timeout: UI_TIMEOUT });
  await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().waitFor({ timeout: UI_TIMEOUT });
  if ((await attached.getAttribute('aria-expanded')) !== 'true') await clickRow(page, attached);
  await runsRow(page, /quick_orders.*checks passed/).first().waitFor({ timeout: UI_TIMEOUT });
  await runsRow(page, /gated_orders/).first().waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '08-run-reattached-after-reload');
  const gate = ws.openGate();
  try {
    await runsRow(page, /gated_orders.*checks passed/).first().waitFor({ timeout: UI_TIMEOUT });
    await notification(page, `DataPact ${ws.gatedPact}: 2 passed, 0 failed, 0 errored.`).waitFor({ timeout: UI_TIMEOUT });
  } finally {
    gate.close();
  }
  await shot(page, '09-reattached-run-finished');
});
