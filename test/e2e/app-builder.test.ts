/**
 * End-to-end: `datapact app` in Debian chromium (playwright-core), the way a data steward works without VS Code.
 * A two-task pact is built on the demo data by clicking only (engine, catalog files, tables, keys, checks), created,
 * seen valid, its SQL previewed, downloaded, run, and its results read on the page; then the pact is reopened, its past
 * run read back from the history, one tolerance changed, and the file differs on that line only. The page must load
 * nothing remote and break no rule of its Content-Security-Policy.
 * Then the same journey against the Databricks workspace emulator with a Databricks profile: the app signs in
 * through the profile (the token lives only in the profile file, never in the page or its traffic), lists the SQL
 * warehouses and Unity Catalog, creates the pact, sets up its dashboard, runs it as a job and shows the results with
 * the run page's and the dashboard's links.
 * Screenshots of each step go to test-results/app-builder/. Needs Debian chromium (scripts/e2e/install.sh).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadPact } from '../../core/src/index';
import { startApp, type AppProcess } from '../app/app-process';
import { startEmulator, type Emulator } from '../emulator';
import { buildByKeyboard } from './builder-keyboard';
import { CHROMIUM } from './code-server-session';
import { REPO } from './extension-package';

const skipReason = existsSync(CHROMIUM) ? undefined : `chromium not installed (${CHROMIUM}): run scripts/e2e/install.sh`;
const SHOTS = join(REPO, 'test-results', 'app-builder');
const STEP_TIMEOUT = 20_000;

let folder: string;
let app: AppProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const pageProblems: string[] = [];
const remoteRequests: string[] = [];

before(async () => {
  if (skipReason) return;
  folder = mkdtempSync(join(tmpdir(), 'datapact-app-e2e-'));
  // The demo's two DuckDB files, built the way `npm run demo` builds them.
  const { ensureDemoData } = (await import(join(REPO, 'scripts', 'demo', 'generate-demo-data.mjs'))) as { ensureDemoData(dir: string): Promise<boolean> };
  await ensureDemoData(folder);
  app = await startApp(folder);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(app!.url)) remoteRequests.push(request.url());
  });
  mkdirSync(SHOTS, { recursive: true });
}, { timeout: 120_000 });

let emulator: Emulator | undefined;
/** The first journey's run: the second reads it back from the history. */
let firstRun: { id: string; heading: string } | undefined;
let databricksApp: AppProcess | undefined;
let databricksDir: string | undefined;

after(async () => {
  await browser?.close();
  if (app) assert.equal(await app.stop(), 0);
  if (databricksApp) assert.equal(await databricksApp.stop(), 0);
  await emulator?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (databricksDir) rmSync(databricksDir, { recursive: true, force: true });
});

/** Runs a journey; on failure the page is kept as a screenshot beside the step shots. */
async function journey(name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    await shot(`failed-${name}`).catch(() => undefined);
    throw error;
  }
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Picks `value` in the select `selector` once the option is there (options arrive from the catalog). */
async function pick(selector: string, value: string): Promise<void> {
  await page.locator(`${selector} option[value="${value}"]`).waitFor({ state: 'attached' });
  await page.selectOption(selector, value);
}

/** Ticks a DuckDB file of the pact folder as a catalog (the list arrives from the host) and waits for its row. */
async function useCatalogFile(path: string): Promise<void> {
  await page.getByTestId('catalog-file').locator(`input[value="${path}"]`).check();
  await page.getByTestId('catalog-file').locator(`input[value="${path}"]:checked`).waitFor();
}

test('a steward builds a two-task pact on the demo data by clicking, creates it, sees it valid and runs it', { skip: skipReason, timeout: 180_000 }, () => journey('build', async () => {
  await page.goto(app!.url);
  await page.getByRole('heading', { name: 'DataPact pact builder' }).waitFor();
  await pick('#engine-type', 'duckdb');
  await useCatalogFile('legacy.duckdb');
  await useCatalogFile('lakehouse.duckdb');
  await shot('1-connection');

  // Task 1: products, a perfect copy — row hash on its key and an exact SUM.
  await page.getByTestId('add-task').click();
  await pick('#source-catalog', 'legacy');
  await pick('#source-schema', 'erp');
  await pick('#source-table', 'products');
  await pick('#target-catalog', 'lakehouse');
  await pick('#target-schema', 'erp');
  await page.locator('[data-testid="columns-primary_keys"] input[value="product_id"]').check();
  await page.locator('#check-row-hash').check();
  await page.getByLabel('SUM(unit_price)').check();
  await shot('2-task-products');

  // Task 2: customers — null counts of phone, where the copy lost values on purpose.
  await page.getByTestId('add-task').click();
  await pick('#source-catalog', 'legacy');
  await pick('#source-schema', 'crm');
  await pick('#source-table', 'customers');
  await pick('#target-catalog', 'lakehouse');
  await pick('#target-schema', 'crm');
  await page.locator('#check-nulls').check();
  await page.locator('[data-testid="columns-null_validation_columns"] input[value="phone"]').check();
  await page.getByTestId('valid').waitFor();
  await shot('3-task-customers');

  await page.getByTestId('create').click();
  await page.getByText('Saved new.pact.yml').waitFor();
  await page.getByTestId('valid').waitFor();
  const saved = readFileSync(join(folder, 'new.pact.yml'), 'utf8');
  const loaded = loadPact(saved, { path: join(folder, 'new.pact.yml') });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact!.validations.map((t) => t.task_key), ['products', 'customers']);
  assert.deepEqual(loaded.pact!.validations[0]!.primary_keys, ['product_id']);
  assert.equal(loaded.pact!.engine?.catalogs?.legacy, 'legacy.duckdb');
  assert.equal(await page.getByTestId('yaml').textContent(), saved, 'the preview shows the file as written');
  await shot('4-created');

  // The selected task's SQL, as the engine runs it (the same text `datapact sql` prints).
  await page.getByTestId('preview-sql').click();
  const sql = page.getByTestId('sql');
  await sql.getByText(/"legacy"\."crm"\."customers"/).waitFor();
  assert.match((await sql.textContent())!, /"lakehouse"\."crm"\."customers"/);
  await page.getByRole('option', { name: 'products' }).click();
  await sql.getByText(/"legacy"\."erp"\."products"/).waitFor();
  await shot('4b-sql-preview');
  // The pact as a file a steward can keep: exactly what was saved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  assert.equal(download.suggestedFilename(), 'new.pact.yml');
  assert.equal(readFileSync((await download.path())!, 'utf8'), saved);

  await page.getByTestId('run').click();
  const results = page.getByTestId('results');
  const heading = results.getByText(/Run \d+ — (SUCCESS|FAILURE|ERROR)/);
  await heading.waitFor({ timeout: 60_000 });
  await shot('5-results');
  firstRun = { id: /Run (\d+)/.exec((await heading.textContent())!)![1]!, heading: (await heading.textContent())! };
  await page.getByTestId('history').locator(`button[data-run="${firstRun.id}"]`).waitFor();
  assert.equal(await results.locator('tr[data-task="products"] .status').textContent(), 'SUCCESS');
  assert.match(await results.locator('tr[data-task="products"]').innerText(), /PASS row hash|PASS .*hash/i);
  const customers = await results.locator('tr[data-task="customers"] .status').textContent();
  assert.ok(customers === 'SUCCESS' || customers === 'FAILURE', `customers ended ${customers}`);
  assert.match(await results.locator('tr[data-task="customers"]').innerText(), /phone/);
}));

test('an existing pact reopened in the builder: changing one tolerance changes that line of the file only', { skip: skipReason, timeout: 120_000 }, () => journey('edit', async () => {
  const path = join(folder, 'new.pact.yml');
  const before = readFileSync(path, 'utf8');
  await page.goto(`${app!.url}?pact=new.pact.yml`);
  await page.getByTestId('file').getByText('new.pact.yml').waitFor();
  // A fresh page has no run: the pact's past run is listed and read back from the results store.
  assert.ok(firstRun, 'the first journey ran the pact');
  assert.equal(await page.getByTestId('results').textContent(), '');
  await page.getByTestId('history').locator(`button[data-run="${firstRun.id}"]`).click();
  await page.getByTestId('results').getByText(firstRun.heading).waitFor();
  assert.equal(await page.getByTestId('results').locator('tr[data-task="products"] .status').textContent(), 'SUCCESS');
  await shot('5b-past-run');
  await page.getByRole('option', { name: 'customers' }).click();
  await page.locator('#null_validation_tolerance-value').fill('0.05');
  await page.locator('#null_validation_tolerance-value').press('Enter');
  await page.getByTestId('save').click();
  await page.getByText('Saved new.pact.yml').waitFor();
  await shot('6-edited');
  const after = readFileSync(path, 'utf8').split('\n');
  const lines = before.split('\n');
  assert.equal(after.length, lines.length);
  assert.deepEqual(after.filter((line, i) => line !== lines[i]), ['    null_validation_tolerance: 0.05']);
  assert.deepEqual(pageProblems, [], `no page error and no CSP violation; the app logged: ${app!.stderr()}`);
  assert.deepEqual(remoteRequests, [], 'nothing loaded from elsewhere');
}));

test('against a Databricks workspace (the emulator) with a profile: sign-in without a token in the page, Unity Catalog, a job run, results', { skip: skipReason, timeout: 240_000 }, () => journey('databricks', async () => {
  // The workspace holds copies of the demo files as its catalogs (the emulator attaches them read-only).
  databricksDir = mkdtempSync(join(tmpdir(), 'datapact-app-dbx-'));
  const data = join(databricksDir, 'workspace-data');
  const pacts = join(databricksDir, 'pacts');
  mkdirSync(data);
  mkdirSync(pacts);
  for (const name of ['legacy', 'lakehouse']) copyFileSync(join(folder, `${name}.duckdb`), join(data, `${name}.duckdb`));
  emulator = await startEmulator({ catalogs: ['datapact'], duckdbCatalogs: { legacy: join(data, 'legacy.duckdb'), lakehouse: join(data, 'lakehouse.duckdb') } });
  const profiles = join(databricksDir, 'databrickscfg');
  writeFileSync(profiles, `[emu]\nhost = ${emulator.url}\ntoken = ${emulator.token}\n`);
  // Nothing of the test's own environment: the profile file is the app's only way in.
  databricksApp = await startApp(pacts, [], { PATH: process.env.PATH ?? '', HOME: databricksDir, DATABRICKS_CONFIG_FILE: profiles });
  const traffic: string[] = [];
  const onResponse = async (response: import('playwright-core').Response) => {
    if (response.url().startsWith(databricksApp!.url)) traffic.push(`${response.request().postData() ?? ''}\n${await response.text().catch(() => '')}`);
  };
  page.on('response', onResponse);

  await page.goto(databricksApp.url);
  await page.getByRole('heading', { name: 'DataPact pact builder' }).waitFor();
  await pick('#engine-type', 'databricks');
  await page.locator('#engine-profile').fill('emu');
  await page.locator('#engine-profile').press('Enter');
  // The workspace's SQL warehouses are offered to pick from (signed in through the profile).
  await page.locator('[data-testid="choices-warehouse"] option[value="a1b2c3d4e5f60718"]').waitFor({ state: 'attached' });
  assert.match((await page.locator('[data-testid="choices-warehouse"] option').first().getAttribute('label'))!, /Starter Warehouse/);
  await page.locator('#engine-warehouse').fill('a1b2c3d4e5f60718');
  await page.locator('#engine-warehouse').press('Enter');
  await page.getByTestId('add-task').click();
  await pick('#source-catalog', 'legacy');
  await pick('#source-schema', 'erp');
  await pick('#source-table', 'products');
  await pick('#target-catalog', 'lakehouse');
  await pick('#target-schema', 'erp');
  await page.locator('[data-testid="columns-primary_keys"] input[value="product_id"]').check();
  await page.locator('#check-row-hash').check();
  await page.getByTestId('valid').waitFor();
  await page.locator('#save-as').fill('workspace.pact.yml');
  await page.getByTestId('create').click();
  await page.getByText('Saved workspace.pact.yml').waitFor();
  await shot('7-databricks-created');
  const saved = readFileSync(join(pacts, 'workspace.pact.yml'), 'utf8');
  const loaded = loadPact(saved, { path: join(pacts, 'workspace.pact.yml') });
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.pact!.engine, { type: 'databricks', profile: 'emu', warehouse: 'a1b2c3d4e5f60718' });

  // The results dashboard, set up in the workspace from the page; the run then refreshes it.
  await page.getByTestId('dashboard').click();
  const dashboard = page.getByTestId('results').getByTestId('dashboard-link');
  await dashboard.waitFor();
  const dashboardHref = (await dashboard.getAttribute('href'))!;
  assert.match(dashboardHref, new RegExp(`^${emulator.url}/dashboardsv3/[^/]+/published$`));

  await page.getByTestId('run').click();
  const results = page.getByTestId('results');
  await results.getByText(/Run \d+ — (SUCCESS|FAILURE|ERROR)/).waitFor({ timeout: 120_000 });
  await shot('8-databricks-results');
  assert.equal(await results.locator('tr[data-task="products"] .status').textContent(), 'SUCCESS');
  assert.match(await results.locator('tr[data-task="products"]').innerText(), /PASS/);
  assert.ok((await results.getByRole('link', { name: 'Open the run page' }).getAttribute('href'))?.startsWith(emulator.url), 'the run page link');
  assert.ok(emulator.state.jobs.createdNames.length === 1, 'the run was a job in the workspace');
  assert.equal(await results.getByTestId('dashboard-link').getAttribute('href'), dashboardHref, 'the run names the dashboard it refreshed');
  page.off('response', onResponse);

  // The token never reached the page: not in its document, not in any request or answer.
  assert.ok(!(await page.content()).includes(emulator.token));
  assert.ok(traffic.length > 5, 'the traffic was recorded');
  assert.ok(traffic.every((entry) => !entry.includes(emulator!.token)), 'no request or answer carries the token');
  assert.ok(!saved.includes(emulator.token), 'nor the pact');
  assert.ok(!databricksApp.stderr().includes(emulator.token), 'nor the app\'s log');
  assert.deepEqual(remoteRequests.filter((url) => !url.startsWith(databricksApp!.url)), [], 'nothing loaded from elsewhere');
}));

test('by keyboard only: a steward tabs through the builder, picks with the keys, uses the inferred key and creates a valid pact', { skip: skipReason, timeout: 120_000 }, async () => {
  // A page of its own: the others' tab keeps their builder state in its session.
  const own = await browser!.newPage({ viewport: { width: 1500, height: 1000 } });
  own.setDefaultTimeout(STEP_TIMEOUT);
  const problems: string[] = [];
  own.on('pageerror', (error) => problems.push(error.message));
  own.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await own.goto(app!.url);
    await own.getByRole('heading', { name: 'DataPact pact builder' }).waitFor();
    await buildByKeyboard(own, own.keyboard, 'keyboard.pact.yml', { pickConnection: true });
    await own.screenshot({ path: join(SHOTS, '9-keyboard-created.png'), fullPage: true });
    const saved = readFileSync(join(folder, 'keyboard.pact.yml'), 'utf8');
    const loaded = loadPact(saved, { path: join(folder, 'keyboard.pact.yml') });
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.pact!.validations.map((t) => [t.task_key, t.primary_keys, t.pk_row_hash_check]), [['products', ['product_id'], true]]);
    assert.deepEqual(problems, []);
  } catch (error) {
    await own.screenshot({ path: join(SHOTS, 'failed-keyboard.png'), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await own.close();
  }
});
