/**
 * End-to-end: a new user in a real VS Code (code-server + chromium) with the packaged .vsix, starting from a folder
 * with no pact. The DataPact views greet them with "Open the Demo"; the demo opens and runs from the palette. Then
 * they write a Databricks pact (the workspace is the emulator on 127.0.0.1): its first run cannot sign in with the
 * pact's stale profile, the error offers Select Profile, and with the profile picked it runs again as a job; Open
 * Dashboard sets up the pact's Lakeview dashboard and shows it in a webview whose one remote address is the
 * dashboard's frame, with Open in Browser. Screenshots of each step in test-results/workbench-newcomer/.
 * Needs scripts/e2e/install.sh.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../emulator';
import { missingPrerequisite, startSession, type Session } from './code-server-session';
import { ensureVsix, REPO } from './extension-package';
import { activeTab, notification, openFile, runCommand, UI_TIMEOUT, waitUntil } from './workbench';

const skipReason = missingPrerequisite();
const JOURNEY_TIMEOUT = 360_000;
const SHOTS = join(REPO, 'test-results', 'workbench-newcomer');
const JOB = 'lakehouse-nightly';

/** A Databricks pact whose engine block names a profile that no longer signs in. */
const LAKEHOUSE_PACT = `version: "1"
engine:
  type: databricks
  profile: stale
  warehouse: Starter
  results_table: main.datapact.run_history
  job_name: ${JOB}
validations:
  - task_key: equal
    source_catalog: main
    source_schema: s
    source_table: a
    target_catalog: main
    target_schema: s
    target_table: a
    count_tolerance: 0
  - task_key: short
    source_catalog: main
    source_schema: s
    source_table: a
    target_catalog: main
    target_schema: s
    target_table: b
    count_tolerance: 0
`;

let tempDir: string | undefined;
let folder = '';
let session: Session | undefined;
let emulator: Emulator | undefined;

before(async () => {
  if (skipReason) return;
  tempDir = mkdtempSync(join(tmpdir(), 'datapact-e2e-newcomer-'));
  folder = join(tempDir, 'project');
  mkdirSync(folder);
  // A folder with something in it (the workbench is ready once the Explorer lists it), and no pact.
  writeFileSync(join(folder, 'README.md'), '# Data checks\n');
  emulator = await startEmulator({
    catalogs: ['main'],
    warehouses: [{ id: 'c0ffee00c0ffee00', name: 'Starter', state: 'RUNNING' }],
    seedSql: `CREATE SCHEMA main.s;
      CREATE TABLE main.s.a (id BIGINT) USING DELTA; INSERT INTO main.s.a VALUES (1), (2), (3);
      CREATE TABLE main.s.b (id BIGINT) USING DELTA; INSERT INTO main.s.b VALUES (1), (2);`,
  });
  const databricksCfg = join(tempDir, 'databrickscfg');
  writeFileSync(databricksCfg, `[stale]\nhost = ${emulator.url}\ntoken = dapi-revoked-long-ago\n\n[dev]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  session = await startSession({ vsix: ensureVsix(tempDir), workspace: folder, tempDir, env: { DATABRICKS_CONFIG_FILE: databricksCfg } });
  await session.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: UI_TIMEOUT });
  mkdirSync(SHOTS, { recursive: true });
}, { timeout: 300_000 });

after(async () => {
  await session?.stop();
  await emulator?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

function journey(name: string, steps: (page: Page) => Promise<void>): void {
  test(name, { timeout: JOURNEY_TIMEOUT }, async (t: TestContext) => {
    if (skipReason) return t.skip(skipReason);
    assert.ok(session && emulator, 'the code-server session did not start');
    try {
      await steps(session.page);
    } catch (error) {
      const shot = join(SHOTS, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}.png`);
      await session.page.screenshot({ path: shot }).catch(() => undefined);
      const detail = `screenshot: ${shot}\ncode-server log (tail):\n${session.log().split('\n').slice(-30).join('\n')}`;
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${detail}`, { cause: error });
    }
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let toasts and trees settle for the picture
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A pane of the DataPact view container (Runs, Pacts). */
function pane(page: Page, title: string) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/** A button of a toast notification. */
function toastButton(page: Page, toastText: string, button: string) {
  return notification(page, toastText).locator('.monaco-button', { hasText: button }).first();
}

journey('a new user opens the demo from the welcome view and runs it from the palette', async (page) => {
  const icon = page.locator('.activitybar .action-item a[aria-label^="DataPact"]').first();
  await icon.waitFor({ timeout: UI_TIMEOUT });
  await icon.click();
  const openDemo = pane(page, 'Pacts').locator('.welcome-view-content .monaco-button, .welcome-view-content a', { hasText: 'Open the Demo' }).first();
  await openDemo.waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '01-welcome-with-open-the-demo');
  await openDemo.click();
  // The demo's data is built (two DuckDB files), then its pact opens.
  await activeTab(page, 'demo.pact.yml').waitFor({ timeout: UI_TIMEOUT });
  await pane(page, 'Pacts').locator('.monaco-list-row', { hasText: 'demo.pact.yml' }).first().waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '02-demo-opened');

  await runCommand(page, 'DataPact: Run Pact');
  await notification(page, 'DataPact datapact-demo/demo.pact.yml: 3 passed, 3 failed, 0 errored.').waitFor({ timeout: UI_TIMEOUT });
  const run = pane(page, 'Runs').locator('.monaco-list-row', { hasText: 'demo.pact.yml' }).first();
  await run.waitFor({ timeout: UI_TIMEOUT });
  if ((await run.getAttribute('aria-expanded')) !== 'true') await run.click();
  await pane(page, 'Runs').locator('.monaco-list-row', { hasText: 'orders_full' }).first().waitFor({ timeout: UI_TIMEOUT });
  await pane(page, 'Runs').locator('.monaco-list-row', { hasText: 'products_exact' }).first().waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '03-demo-run-in-the-runs-view');
});

journey('a Databricks run that cannot sign in offers Select Profile, and runs again with the profile picked', async (page) => {
  writeFileSync(join(folder, 'lakehouse.pact.yml'), LAKEHOUSE_PACT);
  await openFile(page, 'lakehouse.pact.yml');
  await runCommand(page, 'DataPact: Run Pact');
  const failed = 'cannot sign in to Databricks';
  await toastButton(page, failed, 'Select Profile').waitFor({ timeout: UI_TIMEOUT });
  await shot(page, '04-sign-in-failed-offers-select-profile');
  await toastButton(page, failed, 'Select Profile').click();
  const devItem = page.locator('.quick-input-list .monaco-list-row', { hasText: 'dev' }).first();
  await devItem.waitFor({ timeout: UI_TIMEOUT });
  assert.ok(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'stale' }).first().isVisible(), 'both profiles of the config file are offered');
  await devItem.click();
  await toastButton(page, 'profile dev selected', 'Run Again').click({ timeout: UI_TIMEOUT });
  // The run goes to the emulator as a job: one task passes, the other's count is short.
  await notification(page, 'DataPact lakehouse.pact.yml: 1 passed, 1 failed, 0 errored.').waitFor({ timeout: UI_TIMEOUT });
  assert.ok(emulator!.state.jobs.createdNames.includes(JOB), `the job was created (jobs: ${emulator!.state.jobs.createdNames.join(', ')})`);
  const run = pane(page, 'Runs').locator('.monaco-list-row', { hasText: 'lakehouse.pact.yml' }).first();
  await run.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await run.innerText(), /databricks/);
  await shot(page, '05-databricks-run-after-select-profile');
});

journey('Open Dashboard sets up the Lakeview dashboard and shows it in a webview with Open in Browser', async (page) => {
  const em = emulator!;
  await openFile(page, 'lakehouse.pact.yml');
  await runCommand(page, 'DataPact: Open Dashboard');
  await toastButton(page, 'no dashboard is set up', 'Set Up Dashboard').click({ timeout: UI_TIMEOUT });
  const title = `DataPact results - ${JOB}`;
  await activeTab(page, title).waitFor({ timeout: UI_TIMEOUT });
  const dashboards = [...em.state.dashboards.byId.values()];
  assert.equal(dashboards.length, 1, 'one dashboard was created');
  const id = [...em.state.dashboards.byId.keys()][0]!;
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('h1', { hasText: title }).waitFor({ timeout: UI_TIMEOUT });
  const frameSrc = await view.locator('iframe#dashboard').getAttribute('src');
  assert.equal(frameSrc, `${em.url}/embed/dashboardsv3/${id}`);
  // The view's policy: nothing remote but the dashboard's own origin, as a frame; scripts only with the nonce.
  const csp = (await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['frame-src'], [new URL(em.url).origin]);
  assert.match(directives['script-src']!.join(' '), /^'nonce-[A-Za-z0-9+/=]{20,}'$/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  // Style sheets only from the extension's files: the webview's resource origin ('self' and VS Code's resource CDN).
  const own = new Set(["'self'", 'https://*.vscode-cdn.net']);
  for (const [name, sources] of Object.entries(directives)) {
    if (name === 'frame-src' || name === 'default-src' || name === 'script-src') continue;
    for (const source of sources!) assert.ok(own.has(source), `${name} allows only the extension's files, not ${source}`);
  }
  // The frame really asked the workspace for the embeddable page (the CSP let it through).
  await waitUntil(async () => em.state.calls.some((c) => c.method === 'GET' && c.path === `/embed/dashboardsv3/${id}`), (seen) => seen, 'the framed dashboard page to be requested');
  await shot(page, '06-dashboard-webview');

  const published = `${em.url}/dashboardsv3/${id}/published`;
  const emulatorPort = new URL(em.url).port;
  const opened: string[] = [];
  const onPage = (p: Page) => opened.push(p.url());
  page.context().on('page', onPage);
  try {
    await view.locator('button#open-in-browser').click();
    // A new browser page: the published dashboard itself, or, as code-server rewrites every 127.0.0.1 address an
    // extension opens, its proxy of the emulator's port (code-server keeps only the port of such an address).
    const [url] = await waitUntil(async () => opened, (pages) => pages.length > 0, 'Open in Browser to open a page');
    assert.ok(url === published || new RegExp(`^http://127\\.0\\.0\\.1:\\d+/proxy/${emulatorPort}/`).test(url!), `opened ${url}, expected ${published}`);
  } finally {
    page.context().off('page', onPage);
  }
  await shot(page, '07-dashboard-opened-in-browser');

  // After a reload the view comes back as it was (its serializer), framing the same page. Developer: Reload Window
  // saves the workbench's state first (a browser reload may cut that short and lose tabs opened just before).
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForEvent('load', { timeout: UI_TIMEOUT });
  await activeTab(page, title).waitFor({ timeout: UI_TIMEOUT });
  const restored = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await restored.locator('h1', { hasText: title }).waitFor({ timeout: UI_TIMEOUT });
  assert.equal(await restored.locator('iframe#dashboard').getAttribute('src'), `${em.url}/embed/dashboardsv3/${id}`);
  await shot(page, '08-dashboard-restored-after-reload');
});

journey('past Databricks runs come back from the workspace\'s run history after a reload, with their checks and run page', async (page) => {
  // The local run records (.datapact/runs.json) still hold the finished job runs started above: the reloaded window
  // must show them finished, from the results history (run_history on the warehouse, read through the Databricks
  // plug-in), never re-attached as runs in flight.
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForEvent('load', { timeout: UI_TIMEOUT });
  // The reloaded window is ready once DataPact's status item shows; Show Runs then focuses the view whatever the
  // sidebar showed before the reload (a click on the icon could toggle it away).
  await page.locator('.statusbar-item', { hasText: 'DataPact' }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.locator('.tabs-container .tab').first().click();
  await runCommand(page, 'DataPact: Show Runs');
  const runs = pane(page, 'Runs');
  const run = runs.locator('.monaco-list-row', { hasText: 'lakehouse.pact.yml' }).first();
  await run.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await run.innerText(), /databricks/);
  // Finished: its icon is its verdict from the first draw, never a spinner (no progress follows it: see below).
  assert.equal(await run.locator('.codicon-loading').count(), 0, 'the finished run does not spin');
  if ((await run.getAttribute('aria-expanded')) !== 'true') await run.click();
  const short = runs.locator('.monaco-list-row', { hasText: /^short/ }).first();
  await short.waitFor({ timeout: UI_TIMEOUT });
  await page.mouse.move(0, 0);
  await short.click();
  const count = runs.locator('.monaco-list-row', { hasText: /^row count/ }).first();
  await count.waitFor({ timeout: UI_TIMEOUT });
  assert.match(await count.innerText(), /FAIL · .*source_count 3.*target_count 2/s);
  await shot(page, '09-databricks-past-run-from-history');
  // By now (the tree opened to a check, seconds after the reload) a run re-attached as in flight would have its
  // progress notification ("… (re-attached)"): the finished runs of runs.json have none.
  assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: '(re-attached)' }).count(), 0, 'no progress notification for a finished run');
  assert.equal(await run.locator('.codicon-loading').count(), 0, 'the finished run still does not spin');

  // The past job run offers its run page (built by the plug-in from the ids its run_history rows hold).
  const [ids] = await emulator!.sql('SELECT CAST(job_id AS STRING) AS job, CAST(run_id AS STRING) AS run FROM main.datapact.run_history GROUP BY job_id, run_id ORDER BY max(job_start_ts) DESC LIMIT 1');
  assert.ok(ids, 'the job run is in run_history');
  const runPage = `/jobs/${ids!.job}/runs/${ids!.run}`;
  const opened: string[] = [];
  const onPage = (p: Page) => opened.push(p.url());
  page.context().on('page', onPage);
  try {
    await run.hover();
    await run.locator('.action-label[aria-label="Open Run Page"]').click({ timeout: UI_TIMEOUT });
    // As for the dashboard: the page itself, or, as code-server rewrites every 127.0.0.1 address an extension opens
    // into its proxy of that port alone (the path is lost), the proxy of the emulator's port. The integration suite
    // checks the exact address the command opens.
    const [url] = await waitUntil(async () => opened, (pages) => pages.length > 0, 'Open Run Page to open a page');
    const emulatorPort = new URL(emulator!.url).port;
    assert.ok(url === `${emulator!.url}${runPage}` || new RegExp(`^http://127\\.0\\.0\\.1:\\d+/proxy/${emulatorPort}/`).test(url!), `opened ${url}, expected ${runPage}`);
  } finally {
    page.context().off('page', onPage);
  }
});
