/**
 * End-to-end: the pact builder and the guided commands in a real VS Code (code-server + Debian chromium), on the
 * demo data, the way a data steward works — by clicking only:
 *  - "DataPact: New Pact…" builds a two-task pact (the key core inferred offered, marked and used), creates it (it
 *    opens beside and validates clean), runs it and shows results;
 *  - the builder's Run is Run Pact's run: in the Runs view while in flight, with the workbench's cancellable progress
 *    notification, whose Cancel stops it (the page shows it cancelled), and the summary after;
 *  - "Open in Pact Builder" on that pact, one tolerance changed: the file changes on that line only; on a
 *    hand-written pact, its comments and key order stay as they were;
 *  - the builder refuses to save over unsaved edits in the pact's editor, and the file stays as it was;
 *  - after a window reload the builder panel comes back (its serializer) on the same pact with an edit not yet
 *    saved, and still saves;
 *  - the whole builder works from the keyboard alone (Tab, arrows, Space, Enter), the focus kept across redraws;
 *  - Browse… picks a catalog outside the workspace in the editor's own file dialog;
 *  - "DataPact: Init Pact from Schema…" through its quick picks writes a pact that validates and opens it; on
 *    Databricks it offers the profiles and the workspace's SQL warehouses;
 *  - "DataPact: Set Up Alert…" creates the alert in the workspace emulator and says what it did;
 *  - on Databricks (the workspace emulator, a profile): the builder lists the profile's SQL warehouses and the
 *    workspace's Unity Catalog, creates the pact, and its Run is a job in the workspace shown in the Runs view, with
 *    the results and the run page's link on the page.
 * Screenshots of each step go to test-results/builder/. Needs scripts/e2e/install.sh; without it each is skipped.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { loadPact } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { buildByKeyboard } from './builder-keyboard';
import { missingPrerequisite, startSession, type Session } from './code-server-session';
import { ensureVsix, REPO } from './extension-package';
import { activeTab, notification, openFile, UI_TIMEOUT, waitForWorkbench, waitUntil } from './workbench';

const skipReason = missingPrerequisite();
const JOURNEY_TIMEOUT = 240_000;
const SHOTS = join(REPO, 'test-results', 'builder');

let tempDir: string | undefined;
let folder = '';
let session: Session | undefined;
let emulator: Emulator | undefined;
const consoleErrors: string[] = [];

/** A pact written by hand: comments everywhere, keys in its author's order. */
const HANDWRITTEN_PACT = `# Nightly checks of the ERP copy, owned by the data team.
engine:
  type: duckdb
  catalogs:
    legacy: legacy.duckdb        # the old system
    lakehouse: lakehouse.duckdb

validations:
  # Products must be an exact copy.
  - task_key: products
    count_tolerance: 0           # no row may go missing
    source_table: products
    source_schema: erp
    source_catalog: legacy
    target_table: products
    target_schema: erp
    target_catalog: lakehouse
    primary_keys: [product_id]
    pk_row_hash_check: true
    pk_hash_tolerance: 0
  # Customers: phone numbers were dropped on purpose for some rows.
  - task_key: customers
    source_catalog: legacy
    source_schema: crm
    source_table: customers
    target_catalog: lakehouse
    target_schema: crm
    target_table: customers
    null_validation_columns: [phone]
    null_validation_tolerance: 0.5  # agreed with the stewards
# end of file
`;

/**
 * Its `held_products` task's custom SQL could not end within any test's time on any machine (md5 of 10^15 numbers),
 * and DuckDB checks for an interrupt between vectors: a run of it is in flight until it is cancelled, and a cancel
 * stops it at once. (A gate of named pipes would not do: a query blocked opening a pipe misses the interrupt, and
 * nothing outside the run's process shows when the cancel has reached it, so the gate cannot be opened after it.)
 */
const HELD_PACT = `engine:
  type: duckdb
  catalogs:
    legacy: legacy.duckdb
    lakehouse: lakehouse.duckdb
validations:
  - task_key: quick_products
    source_catalog: legacy
    source_schema: erp
    source_table: products
    target_catalog: lakehouse
    target_schema: erp
    target_table: products
    count_tolerance: 0
  - task_key: held_products
    source_catalog: legacy
    source_schema: erp
    source_table: products
    target_catalog: lakehouse
    target_schema: erp
    target_table: products
    count_tolerance: 0
    custom_sql_tests:
      - name: endless
        sql: SELECT count(*) AS n FROM range(1000000000000000) r(i) WHERE md5(CAST(i AS VARCHAR)) < '0'
`;

const ALERT_PACT = `engine:
  type: databricks
  profile: emu
  warehouse: a1b2c3d4e5f60718
  job_name: datapact-steward-checks
validations:
  - task_key: orders
    source_catalog: legacy
    source_schema: sales
    source_table: orders
    target_catalog: lakehouse
    target_schema: sales
    target_table: orders
    count_tolerance: 0
`;

before(async () => {
  if (skipReason) return;
  tempDir = mkdtempSync(join(tmpdir(), 'datapact-builder-e2e-'));
  folder = join(tempDir, 'workspace');
  mkdirSync(folder);
  const { ensureDemoData } = (await import(join(REPO, 'scripts', 'demo', 'generate-demo-data.mjs'))) as { ensureDemoData(dir: string): Promise<boolean> };
  await ensureDemoData(folder);
  writeFileSync(join(folder, 'alerts.pact.yml'), ALERT_PACT);
  writeFileSync(join(folder, 'held.pact.yml'), HELD_PACT);
  // The workspace's Unity Catalog serves copies of the demo files (attached read-only by the emulator).
  const workspaceData = join(tempDir, 'workspace-data');
  mkdirSync(workspaceData);
  for (const name of ['legacy', 'lakehouse']) copyFileSync(join(folder, `${name}.duckdb`), join(workspaceData, `${name}.duckdb`));
  emulator = await startEmulator({
    catalogs: ['datapact'],
    duckdbCatalogs: { legacy: join(workspaceData, 'legacy.duckdb'), lakehouse: join(workspaceData, 'lakehouse.duckdb') },
  });
  // The profile the alert pact names signs in to the emulator; the token lives only in this file.
  const databricksCfg = join(tempDir, 'databrickscfg');
  writeFileSync(databricksCfg, `[emu]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  mkdirSync(SHOTS, { recursive: true });
  const vsix = ensureVsix(tempDir);
  session = await startSession({ vsix, workspace: folder, tempDir, env: { DATABRICKS_CONFIG_FILE: databricksCfg } });
  await waitForWorkbench(session.page);
  // The builder's webview is a frame of the workbench page: its errors arrive here too (shown when a journey fails).
  session.page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 500));
  });
  session.page.on('pageerror', (error) => consoleErrors.push(error.message.slice(0, 500)));
}, { timeout: 420_000 });

after(async () => {
  await session?.stop();
  await emulator?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

function journey(name: string, steps: (page: Page) => Promise<void>): void {
  test(name, { timeout: JOURNEY_TIMEOUT }, async (t: TestContext) => {
    if (skipReason) return t.skip(skipReason);
    assert.ok(session, 'the code-server session did not start');
    try {
      await steps(session.page);
    } catch (error) {
      const detail = await failureDetail(session, name);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${detail}`, { cause: error });
    }
  });
}

/**
 * A failed journey's screenshot, builder status, notifications, console errors and code-server log. Each step is
 * bounded (a workbench in a bad state, the reason a journey failed, must not use up the journey's time to report it).
 */
async function failureDetail(running: Session, name: string): Promise<string> {
  const page = running.page;
  await shot(page, `failed-${name.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  const status = await builder(page).locator('#status').innerText({ timeout: 2_000 }).catch(() => '(no builder page)');
  return `builder status: ${status}\nnotifications:\n${await allNotifications(page)}\n` +
    `page console errors:\n${consoleErrors.slice(-10).join('\n')}\n` +
    `code-server log (tail):\n${running.log().split('\n').slice(-30).join('\n')}`;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The builder page inside its webview (the only webview the journeys have open at a time). */
function builder(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Picks `value` in a select of the page once the option is there (options arrive from the catalog). */
async function pick(view: FrameLocator, selector: string, value: string): Promise<void> {
  await view.locator(`${selector} option[value="${value}"]`).waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  await view.locator(selector).selectOption(value);
}

/**
 * Runs a Command Palette entry by its title. Typed before the extension host has reported DataPact's
 * contributions, the palette shows no match and does not refresh: then it is closed and asked again.
 */
async function runCommand(page: Page, title: string, timeout = UI_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // Each wait is bounded: the widget can close again right after it opens (a focus change from the step before).
    const listed = async () => {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      await row.waitFor({ timeout: 10_000 });
    };
    if (await listed().then(() => true, () => false)) {
      await page.keyboard.press('Enter');
      return;
    }
    if (Date.now() > deadline) throw new Error(`the Command Palette never listed "${title}"`);
    await page.keyboard.press('Escape');
  }
}

/** A notification with `text`, as a toast or (once hidden) in the Notification Center. */
async function notificationText(page: Page, text: string): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  if (await toast.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return toast.innerText();
  await runCommand(page, 'Notifications: Show Notifications');
  const entry = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  await entry.waitFor({ timeout: UI_TIMEOUT });
  const shown = await entry.innerText();
  await runCommand(page, 'Notifications: Hide Notifications');
  return shown;
}

/** Every notification's text (for a failure's message). */
async function allNotifications(page: Page): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications', 10_000).catch(() => undefined);
  const text = await page.locator('.notifications-center').innerText({ timeout: 5_000 }).catch(() => '(none)');
  await runCommand(page, 'Notifications: Hide Notifications', 10_000).catch(() => undefined);
  return text;
}

/** Brings the builder panel's tab to the front (saving opened the pact in the same group). */
async function showBuilderTab(page: Page): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: 'Pact Builder' }).first().click({ timeout: UI_TIMEOUT });
}

async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

/** Answers a quick pick or input box whose title or placeholder shows `prompt`: types `text`, waits for its row, Enter. */
async function answer(page: Page, prompt: string, text: string, options: { row?: string } = {}): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.filter({ hasText: prompt }).or(widget.locator(`input[placeholder*="${prompt}"]`)).first().waitFor({ timeout: UI_TIMEOUT });
  const input = widget.locator('input.input, .quick-input-box input').first();
  await input.fill(text);
  if (options.row !== undefined) await widget.locator('.quick-input-list .monaco-list-row', { hasText: options.row }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}

journey('New Pact…: a two-task pact built by clicking only is created beside the builder, valid, then run with its results shown', async (page) => {
  await runCommand(page, 'DataPact: New Pact');
  const view = builder(page);
  await view.getByRole('heading', { name: 'DataPact pact builder' }).waitFor({ timeout: UI_TIMEOUT });
  await pick(view, '#engine-type', 'duckdb');
  for (const file of ['legacy.duckdb', 'lakehouse.duckdb']) {
    await view.getByTestId('catalog-file').locator(`input[value="${file}"]`).check({ timeout: UI_TIMEOUT });
    await view.getByTestId('catalog-file').locator(`input[value="${file}"]:checked`).waitFor({ timeout: UI_TIMEOUT });
  }
  await shot(page, '01-builder-connection');

  await view.getByTestId('add-task').click();
  await pick(view, '#source-catalog', 'legacy');
  await pick(view, '#source-schema', 'erp');
  await pick(view, '#source-table', 'products');
  await pick(view, '#target-catalog', 'lakehouse');
  await pick(view, '#target-schema', 'erp');
  // products declares no key: the one core infers is offered and marked, and one click uses it.
  await view.getByTestId('inferred-key').waitFor({ timeout: UI_TIMEOUT });
  assert.match(await view.locator('[data-testid="columns-primary_keys"] label.column', { hasText: 'product_id' }).innerText(), /inferred key/);
  await view.getByTestId('use-inferred-key').click();
  await view.locator('[data-testid="columns-primary_keys"] input[value="product_id"]:checked').waitFor({ timeout: UI_TIMEOUT });
  await view.locator('#check-row-hash').check();
  await view.getByLabel('SUM(unit_price)').check();

  await view.getByTestId('add-task').click();
  await pick(view, '#source-catalog', 'legacy');
  await pick(view, '#source-schema', 'crm');
  await pick(view, '#source-table', 'customers');
  await pick(view, '#target-catalog', 'lakehouse');
  await pick(view, '#target-schema', 'crm');
  await view.locator('#check-nulls').check();
  await view.locator('[data-testid="columns-null_validation_columns"] input[value="phone"]').check();
  await view.getByTestId('valid').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '02-builder-two-tasks');

  await view.getByTestId('create').click();
  await view.getByText('Saved new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await activeTab(page, 'new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  const saved = readFileSync(join(folder, 'new.pact.yml'), 'utf8');
  const loaded = loadPact(saved, { path: join(folder, 'new.pact.yml') });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact!.validations.map((t) => t.task_key), ['products', 'customers']);
  assert.deepEqual(loaded.pact!.validations[0]!.primary_keys, ['product_id']);
  assert.equal(loaded.pact!.validations[0]!.pk_row_hash_check, true);
  assert.deepEqual(loaded.pact!.validations[1]!.null_validation_columns, ['phone']);
  assert.deepEqual(loaded.pact!.engine?.catalogs, { legacy: 'legacy.duckdb', lakehouse: 'lakehouse.duckdb' });
  await view.getByTestId('valid').waitFor({ timeout: UI_TIMEOUT });
  assertValidatesClean('new.pact.yml');
  await shot(page, '03-created-beside');

  await view.getByTestId('run').click();
  const results = view.getByTestId('results');
  const heading = results.getByText(/Run \d+ — (SUCCESS|FAILURE|ERROR)/);
  await heading.waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '04-run-results');
  assert.equal(await results.locator('tr[data-task="products"] .status').textContent(), 'SUCCESS');
  assert.match(await results.locator('tr[data-task="customers"]').innerText(), /phone/);
  // The run went through the workbench: it is recorded like every run started from the editor.
  const runId = /Run (\d+)/.exec((await heading.textContent()) ?? '')![1]!;
  const records = JSON.parse(readFileSync(join(folder, '.datapact', 'runs.json'), 'utf8')) as { run_id: string; pact: string }[];
  assert.ok(records.some((r) => r.run_id === runId && r.pact === join(folder, 'new.pact.yml')), JSON.stringify(records));
  // The page's past runs are the pact's results history, read through the workbench's engine access.
  const past = view.getByTestId('history').locator('[data-testid="past-run"]', { has: view.locator(`button[data-run="${runId}"]`) });
  await past.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await past.innerText(), /2 tasks: /);
});

/** A row of the Runs view (the DataPact views shown first). */
async function runsRow(page: Page, text: string | RegExp) {
  const icon = page.locator('.activitybar .action-item a[aria-label^="DataPact"]').first();
  await icon.waitFor({ timeout: UI_TIMEOUT });
  const runsHeader = page.locator('.pane-header', { hasText: 'Runs' }).first();
  if (!(await runsHeader.isVisible())) await icon.click();
  await runsHeader.waitFor({ timeout: UI_TIMEOUT });
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Runs' }) }).locator('.monaco-list-row', { hasText: text });
}

journey('Run in the builder is Run Pact\'s run: live in the Runs view with the cancellable progress notification, whose Cancel stops it', async (page) => {
  await closeAllEditors(page);
  await openFile(page, 'held.pact.yml');
  await runCommand(page, 'DataPact: Open in Pact Builder');
  const view = builder(page);
  await view.getByTestId('file').getByText('held.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await view.getByTestId('valid').waitFor({ timeout: UI_TIMEOUT });
  const before = readFileSync(join(folder, 'held.pact.yml'), 'utf8');
  await view.getByTestId('run').click();
  // The run in flight, as the page shows it: the quick task done, the held one still running.
  const results = view.getByTestId('results');
  await results.locator('tr[data-task="quick_products"] .status', { hasText: 'SUCCESS' }).waitFor({ timeout: UI_TIMEOUT });
  const runId = /Run (\d+)/.exec((await results.getByText(/Run \d+ — /).textContent({ timeout: UI_TIMEOUT })) ?? '')![1]!;
  assert.equal(readFileSync(join(folder, 'held.pact.yml'), 'utf8'), before, 'the builder saved nothing new before running');
  // The workbench follows the same run: the progress notification of Run Pact, and the Runs view's row in flight.
  const progress = notification(page, 'DataPact: running held.pact.yml');
  await progress.waitFor({ timeout: UI_TIMEOUT });
  const row = (await runsRow(page, 'held.pact.yml')).first();
  await row.locator('.codicon-loading').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '04b-builder-run-in-runs-view');
  await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
  await results.getByText(`Run ${runId} — CANCELLED`).waitFor({ timeout: UI_TIMEOUT });
  assert.match(await results.locator('tr[data-task="held_products"]').innerText(), /cancelled/);
  assert.match(await notificationText(page, 'DataPact held.pact.yml:'), /1 passed, 0 failed, 1 errored\. \(cancelled\)/);
  await row.locator('.codicon-loading').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await shot(page, '04c-builder-run-cancelled');
  const records = JSON.parse(readFileSync(join(folder, '.datapact', 'runs.json'), 'utf8')) as { run_id: string; pact: string }[];
  assert.deepEqual(records.filter((r) => r.pact === join(folder, 'held.pact.yml')).map((r) => r.run_id), [runId], 'one run, recorded once');
  // The Explorer again (a reload in a later journey waits for its file list).
  await runCommand(page, 'View: Show Explorer');
});

journey('Open in Pact Builder: changing one tolerance changes that line of the file only', async (page) => {
  await closeAllEditors(page);
  await openFile(page, 'new.pact.yml');
  await runCommand(page, 'DataPact: Open in Pact Builder');
  const view = builder(page);
  await view.getByTestId('file').getByText('new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  const before = readFileSync(join(folder, 'new.pact.yml'), 'utf8');
  await view.getByRole('option', { name: 'customers' }).click();
  await view.locator('#null_validation_tolerance-value').fill('0.05');
  await view.locator('#null_validation_tolerance-value').press('Enter');
  await view.getByTestId('save').click();
  await view.getByText('Saved new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '05-one-tolerance-changed');
  assert.deepEqual(changedLines(before, readFileSync(join(folder, 'new.pact.yml'), 'utf8')), ['    null_validation_tolerance: 0.05']);
});

journey('after a window reload the builder panel comes back on the same pact, with an edit not yet saved, and still saves', async (page) => {
  const path = join(folder, 'new.pact.yml');
  const before = readFileSync(path, 'utf8');
  // An edit made in the builder and not saved yet: the reload must not lose it.
  await showBuilderTab(page);
  const editing = builder(page);
  await editing.getByRole('option', { name: 'customers', exact: true }).click();
  await editing.locator('#null_validation_tolerance-value').fill('0.02');
  await editing.locator('#null_validation_tolerance-value').press('Enter');
  await editing.getByTestId('yaml').getByText('null_validation_tolerance: 0.02').waitFor({ timeout: UI_TIMEOUT });
  assert.equal(readFileSync(path, 'utf8'), before, 'not saved yet');

  // Developer: Reload Window saves the workbench's state (open editors, the panel's webview state) before it reloads;
  // a browser reload may cut that save short on a loaded machine, and the panel then does not come back.
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForEvent('load', { timeout: UI_TIMEOUT });
  await waitForWorkbench(page);
  await showBuilderTab(page);
  const view = builder(page);
  await view.getByTestId('file').getByText('new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await view.getByRole('option', { name: 'products', exact: true }).waitFor({ timeout: UI_TIMEOUT });
  await view.getByRole('option', { name: 'customers', exact: true, selected: true }).waitFor({ timeout: UI_TIMEOUT });
  assert.equal(await view.locator('#null_validation_tolerance-value').inputValue(), '0.02', 'the unsaved edit came back');
  await view.getByTestId('yaml').getByText('null_validation_tolerance: 0.02').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '07-restored-after-reload');
  assert.equal(readFileSync(path, 'utf8'), before, 'the reload saved nothing by itself');
  // The restored panel has its host again: the edit saves, on its line only.
  await view.getByTestId('save').click();
  await view.getByText('Saved new.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  assert.deepEqual(changedLines(before, readFileSync(path, 'utf8')), ['    null_validation_tolerance: 0.02']);
});

// After the reload journey: an unsaved edit in an editor leaves a backup that a reload may restore (hot exit) even once
// reverted, which would make the reload journey's save refused.
journey('the builder refuses to save over unsaved edits in the pact\'s editor, and the file stays as it was', async (page) => {
  const path = join(folder, 'new.pact.yml');
  const before = readFileSync(path, 'utf8');
  // An unsaved edit in the editor beside the builder: a comment typed at the top of the file.
  await page.locator('.tabs-container .tab', { hasText: 'new.pact.yml' }).first().click();
  await page.locator('.editor-group-container.active .monaco-editor').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# unsaved note\n');
  await page.locator('.tabs-container .tab.dirty', { hasText: 'new.pact.yml' }).first().waitFor({ timeout: UI_TIMEOUT });

  await showBuilderTab(page);
  const view = builder(page);
  await view.locator('#null_validation_tolerance-value').fill('0.07');
  await view.locator('#null_validation_tolerance-value').press('Enter');
  await view.getByTestId('save').click();
  await view.getByText('has unsaved changes in the editor').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '06-refused-over-unsaved-edits');
  assert.equal(readFileSync(path, 'utf8'), before, 'the file on disk is untouched');

  // Leave the editor clean again for the next journeys.
  await page.locator('.tabs-container .tab', { hasText: 'new.pact.yml' }).first().click();
  await runCommand(page, 'File: Revert File');
  await page.locator('.tabs-container .tab.dirty', { hasText: 'new.pact.yml' }).first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
});

journey('a hand-written pact opened in the builder keeps its comments and key order; one tolerance changes one line', async (page) => {
  await closeAllEditors(page);
  const path = join(folder, 'handwritten.pact.yml');
  writeFileSync(path, HANDWRITTEN_PACT);
  await openFile(page, 'handwritten.pact.yml');
  await runCommand(page, 'DataPact: Open in Pact Builder');
  const view = builder(page);
  await view.getByTestId('file').getByText('handwritten.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await view.getByRole('option', { name: 'customers', exact: true }).click();
  assert.equal(await view.locator('#null_validation_tolerance-value').inputValue(), '0.5');
  await view.locator('#null_validation_tolerance-value').fill('0.25');
  await view.locator('#null_validation_tolerance-value').press('Enter');
  await view.getByTestId('save').click();
  await view.getByText('Saved handwritten.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '07b-handwritten-edited');
  const after = readFileSync(path, 'utf8');
  assert.deepEqual(changedLines(HANDWRITTEN_PACT, after), ['    null_validation_tolerance: 0.25  # agreed with the stewards']);
  assert.equal(after, HANDWRITTEN_PACT.replace('null_validation_tolerance: 0.5  #', 'null_validation_tolerance: 0.25  #'));
  assertValidatesClean('handwritten.pact.yml');
});

journey('by keyboard only: New Pact… is built with Tab, arrows, Space and Enter, the focus kept across redraws, and created', async (page) => {
  await closeAllEditors(page);
  await runCommand(page, 'DataPact: New Pact');
  const view = builder(page);
  await view.getByRole('heading', { name: 'DataPact pact builder' }).waitFor({ timeout: UI_TIMEOUT });
  // The panel opens with the focus in its page: from here on, keys only.
  await view.getByTestId('add-task').waitFor({ timeout: UI_TIMEOUT });
  if ((await view.locator('*:focus').count()) === 0) await page.keyboard.press('Tab');
  await view.locator('*:focus').first().waitFor({ timeout: UI_TIMEOUT });
  await buildByKeyboard(view, page.keyboard, 'keyboard.pact.yml', { pickConnection: true });
  await shot(page, '07c-keyboard-created');
  const loaded = loadPact(readFileSync(join(folder, 'keyboard.pact.yml'), 'utf8'), { path: join(folder, 'keyboard.pact.yml') });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact!.validations.map((t) => [t.task_key, t.primary_keys, t.pk_row_hash_check]), [['products', ['product_id'], true]]);
  assertValidatesClean('keyboard.pact.yml');
});

journey('Browse… picks a DuckDB file outside the workspace in the editor\'s file dialog as a catalog; its schemas and tables are listed', async (page) => {
  await closeAllEditors(page);
  await runCommand(page, 'DataPact: New Pact');
  const view = builder(page);
  await view.getByRole('heading', { name: 'DataPact pact builder' }).waitFor({ timeout: UI_TIMEOUT });
  await pick(view, '#engine-type', 'duckdb');
  const outside = join(tempDir!, 'workspace-data', 'legacy.duckdb');
  await view.getByTestId('browse-catalog').click({ timeout: UI_TIMEOUT });
  // VS Code's own file dialog (in code-server, the one in the quick input). It opens on the root folder, then shows its
  // start folder (the workspace) once it has listed it: a path set before then is overwritten, and Enter picks the
  // workspace. So the path is set once the workspace shows, and accepted once the dialog still holds it.
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input').first();
  await waitUntil(() => input.inputValue(), (value) => value === `${folder}/`, 'the file dialog to show the workspace folder');
  await input.fill(outside);
  await page.waitForTimeout(500);
  assert.equal(await input.inputValue(), outside, 'the file dialog kept the typed path');
  await page.keyboard.press('Enter');
  await waitUntil(() => view.getByLabel('catalog 1 path').inputValue({ timeout: 5_000 }), (value) => value === outside, 'the picked file as the first catalog');
  assert.equal(await view.getByLabel('catalog 1 name').inputValue(), 'legacy');
  await shot(page, '07d-catalog-browsed');
  await view.getByTestId('add-task').click();
  await pick(view, '#source-catalog', 'legacy');
  await pick(view, '#source-schema', 'erp');
  await view.locator('#source-table option', { hasText: 'products' }).first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
});

journey('Init Pact from Schema…: quick picks for engine, catalogs, schemas, tables and keys write a valid pact and open it', async (page) => {
  await closeAllEditors(page);
  await runCommand(page, 'DataPact: Init Pact from Schema');
  await answer(page, 'Where do the tables live?', 'DuckDB', { row: 'DuckDB' });
  // Catalogs: a multi-select of the DuckDB files in the folder; both are ticked, then OK.
  const widget = page.locator('.quick-input-widget');
  for (const file of ['legacy.duckdb', 'lakehouse.duckdb']) {
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().click();
  }
  await shot(page, '08-init-catalogs');
  await page.keyboard.press('Enter');
  await answer(page, 'Source catalog', 'legacy', { row: 'legacy' });
  await answer(page, 'Source schema', 'erp', { row: 'erp' });
  await answer(page, 'Target catalog', 'lakehouse', { row: 'lakehouse' });
  await answer(page, 'Target schema', 'erp', { row: 'erp' });
  // Tables: those with a counterpart come ticked.
  await widget.filter({ hasText: 'The tables to check' }).or(widget.locator('input[placeholder*="The tables to check"]')).first().waitFor({ timeout: UI_TIMEOUT });
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'products' }).first().waitFor({ timeout: UI_TIMEOUT });
  await widget.getByText(/[1-9]\d* Selected/).waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '09-init-tables');
  await page.keyboard.press('Enter');
  await answer(page, 'Primary keys', 'Infer keys', { row: 'Infer keys' });
  const name = page.locator('.quick-input-widget input').first();
  await waitUntil(() => name.inputValue(), (value) => value === 'erp.pact.yml', 'the proposed file name');
  await page.keyboard.press('Enter');

  await activeTab(page, 'erp.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '10-init-pact-opened');
  assert.match(await notificationText(page, 'wrote erp.pact.yml'), /wrote erp\.pact\.yml: \d+ tasks?/);
  const text = readFileSync(join(folder, 'erp.pact.yml'), 'utf8');
  const loaded = loadPact(text, { path: join(folder, 'erp.pact.yml') });
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), []);
  assert.deepEqual(loaded.pact!.engine?.catalogs, { legacy: 'legacy.duckdb', lakehouse: 'lakehouse.duckdb' });
  const products = loaded.pact!.validations.find((t) => t.source_table === 'products');
  assert.ok(products, text);
  assert.equal(products.target_catalog, 'lakehouse');
  assert.deepEqual(products.primary_keys, ['product_id']);
});

journey('Init Pact from Schema… on Databricks: the profile and the workspace\'s SQL warehouses are offered to pick from', async (page) => {
  await closeAllEditors(page);
  const before = readdirSync(folder).sort();
  await runCommand(page, 'DataPact: Init Pact from Schema');
  await answer(page, 'Where do the tables live?', 'Databricks', { row: 'Databricks' });
  await answer(page, 'a profile of ~/.databrickscfg', 'emu', { row: 'emu' });
  // The warehouses are listed through the profile just picked, with their state.
  const widget = page.locator('.quick-input-widget');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Starter Warehouse' }).first();
  await row.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await row.innerText(), /RUNNING|STOPPED|STARTING/);
  await shot(page, '11b-init-warehouses');
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  assert.deepEqual(readdirSync(folder).sort(), before, 'Escape wrote nothing');
});

journey('Set Up Alert…: a destination and a schedule create the alert in the workspace and say so', async (page) => {
  await closeAllEditors(page);
  await openFile(page, 'alerts.pact.yml');
  await runCommand(page, 'DataPact: Set Up Alert');
  await answer(page, 'Where the alert goes', 'data-team@example.com');
  await answer(page, 'How often the alert checks', '15m', { row: '15m' });
  await waitUntil(async () => emulator!.state.alerts.alertsCreated, (n) => n === 1, 'the alert to be created in the workspace');
  const text = await notificationText(page, "created alert 'DataPact failures - datapact-steward-checks'");
  await shot(page, '11-alert-created');
  assert.match(text, /every 15m/);
  assert.match(text, /data-team@example\.com/);
  assert.match(text, /Open Alert/);
  assert.ok(existsSync(join(folder, '.datapact', 'workspace-objects.json')), 'the alert id is remembered for the next set-up');
});

journey('on Databricks: a pact built from the workspace\'s Unity Catalog through a profile is created and run as a job, in the Runs view too', async (page) => {
  await closeAllEditors(page);
  await runCommand(page, 'DataPact: New Pact');
  const view = builder(page);
  await view.getByRole('heading', { name: 'DataPact pact builder' }).waitFor({ timeout: UI_TIMEOUT });
  await pick(view, '#engine-type', 'databricks');
  await view.locator('#engine-profile').fill('emu');
  await view.locator('#engine-profile').press('Enter');
  // The SQL warehouses are listed through the profile (the token stays in the profile file).
  await view.locator('[data-testid="choices-warehouse"] option[value="a1b2c3d4e5f60718"]').waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  await view.locator('#engine-warehouse').fill('a1b2c3d4e5f60718');
  await view.locator('#engine-warehouse').press('Enter');
  // Catalogs, schemas, tables and columns from the workspace's Unity Catalog.
  await view.getByTestId('add-task').click();
  await pick(view, '#source-catalog', 'legacy');
  await pick(view, '#source-schema', 'erp');
  await pick(view, '#source-table', 'products');
  await pick(view, '#target-catalog', 'lakehouse');
  await pick(view, '#target-schema', 'erp');
  await view.locator('[data-testid="columns-primary_keys"] input[value="product_id"]').check({ timeout: UI_TIMEOUT });
  await view.locator('#check-row-hash').check();
  await view.getByTestId('valid').waitFor({ timeout: UI_TIMEOUT });
  await view.locator('#save-as').fill('workspace.pact.yml');
  await view.getByTestId('create').click();
  await view.getByText('Saved workspace.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '12-databricks-created');
  const path = join(folder, 'workspace.pact.yml');
  const loaded = loadPact(readFileSync(path, 'utf8'), { path });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact!.engine, { type: 'databricks', profile: 'emu', warehouse: 'a1b2c3d4e5f60718' });
  assert.deepEqual(loaded.pact!.validations.map((t) => [t.source_catalog, t.source_table, t.target_catalog, t.primary_keys]), [['legacy', 'products', 'lakehouse', ['product_id']]]);
  assert.ok(!readFileSync(path, 'utf8').includes(emulator!.token), 'no token in the pact');

  const jobsBefore = emulator!.state.jobs.createdNames.length;
  await view.getByTestId('run').click();
  const results = view.getByTestId('results');
  const heading = results.getByText(/Run \d+ — (SUCCESS|FAILURE|ERROR)/);
  await heading.waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '13-databricks-results');
  assert.equal(await results.locator('tr[data-task="products"] .status').textContent(), 'SUCCESS');
  assert.match(await results.locator('tr[data-task="products"]').innerText(), /PASS/);
  const runId = /Run (\d+)/.exec((await heading.textContent()) ?? '')![1]!;
  const runPage = (await results.getByRole('link', { name: 'Open the run page' }).getAttribute('href')) ?? '';
  assert.ok(runPage.startsWith(`${emulator!.url}/jobs/`) && runPage.endsWith(`/runs/${runId}`), `the run page: ${runPage}`);
  assert.equal(emulator!.state.jobs.createdNames.length, jobsBefore + 1, 'the run was a job in the workspace');
  // The workbench followed the same run: its summary, and the run in the Runs view.
  assert.match(await notificationText(page, 'DataPact workspace.pact.yml:'), /1 passed, 0 failed, 0 errored/);
  await (await runsRow(page, 'workspace.pact.yml')).first().waitFor({ timeout: UI_TIMEOUT });
  // Past runs: run_history on the warehouse, read through the workbench's engine access.
  const past = view.getByTestId('history').locator('[data-testid="past-run"]', { has: view.locator(`button[data-run="${runId}"]`) });
  await past.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await past.innerText(), /SUCCESS.*1 task: 1 passed/);
  await shot(page, '14-databricks-run-in-runs-view');
  await runCommand(page, 'View: Show Explorer');
});

/** `datapact validate` (the built CLI: loader, SQL syntax and the catalog checks on the real DuckDB files) finds nothing. */
function assertValidatesClean(name: string): void {
  const result = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'validate', name], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `datapact validate ${name}: ${result.stdout}${result.stderr}`);
  assert.doesNotMatch(`${result.stdout}${result.stderr}`, /error|warning/i, `datapact validate ${name} found something`);
}

/** The lines of `after` that differ from `before` (same line count asserted). */
function changedLines(before: string, after: string): string[] {
  const was = before.split('\n');
  const now = after.split('\n');
  assert.equal(now.length, was.length, 'no line added or removed');
  return now.filter((line, i) => line !== was[i]);
}
