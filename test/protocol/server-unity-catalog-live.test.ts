/**
 * The language server keeps up with a live Unity Catalog (the workspace emulator over real HTTP):
 *  - a catalog request a document no longer needs is cancelled when the document changes (the emulator holds the
 *    listing, sees its client close it, and the newer version is checked meanwhile);
 *  - a completion the client cancels ($/cancelRequest) cancels the listing it was waiting for;
 *  - "Refresh Catalog" (datapact/refreshCatalog) reads Unity Catalog again, within the cache's TTL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol';
import { startEmulator, type Emulator } from '../emulator/index';
import { startServer, withDeadline, WAIT_MS, type Harness } from './lsp-harness';

let em: Emulator;
let server: Harness;
let home: string;

before(async () => {
  em = await startEmulator({
    catalogs: ['lake'],
    seedSql: `
      CREATE SCHEMA lake.sales;
      CREATE TABLE lake.sales.orders (order_id BIGINT NOT NULL, amount DECIMAL(12,2), note STRING) USING DELTA;
      CREATE SCHEMA lake.slow;
      CREATE TABLE lake.slow.orders (order_id BIGINT NOT NULL, amount DECIMAL(12,2), note STRING) USING DELTA;
    `,
  });
  home = mkdtempSync(join(tmpdir(), 'datapact-uc-live-'));
  writeFileSync(join(home, '.databrickscfg'), `[dev]\nhost = ${em.url}\ntoken = ${em.token}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
  for (const key of Object.keys(env)) if (key.startsWith('DATABRICKS_')) delete env[key];
  server = await startServer({ env });
  (server.settings as Record<string, unknown>).databricks = { profile: 'dev', warehouse: '' };
});
after(async () => {
  await server?.close();
  await em?.close();
  rmSync(home, { recursive: true, force: true });
});

const pact = (schema: string, table: string, column: string) => `engine:
  type: databricks
validations:
  - task_key: t
    source_catalog: lake
    source_schema: ${schema}
    source_table: ${table}
    target_catalog: lake
    target_schema: ${schema}
    target_table: ${table}
    count_tolerance: 0
    null_validation_columns: [${column}]
    null_validation_tolerance: 0
`;

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const tableListings = (schema: string) =>
  em.state.calls.filter((c) => c.path === '/api/2.1/unity-catalog/tables' && new URLSearchParams(c.query).get('schema_name') === schema);

test('a catalog request the document no longer needs is cancelled when it changes; the new version is checked meanwhile', { timeout: 90_000 }, async () => {
  const hold = em.holdRequests({ method: 'GET', path: '/api/2.1/unity-catalog/tables', query: /[?&]schema_name=slow(&|$)/ });
  try {
    const uri = await server.open(join(home, 'typing.pact.yaml'), pact('slow', 'orders', 'nope'));
    await withDeadline(hold.arrived, WAIT_MS, 'the listing of lake.slow at the emulator');

    // The user goes on typing: the listing of `slow` is no longer needed and is cancelled at the workspace...
    server.change(uri, pact('sales', 'orders', 'nope'));
    await withDeadline(hold.abandoned, WAIT_MS, 'the held listing of lake.slow closed by the server');
    assert.deepEqual(tableListings('slow').map((c) => c.status), [-2], 'the one listing of slow was cancelled, never answered');

    // ...and the version typed since is checked from the catalog while `slow` is still held.
    const now = await server.diagnostics(uri, (d) => codes(d).includes('unknown-column'));
    assert.ok(!codes(now).includes('catalog-unavailable'), `a cancelled request is not an unreachable catalog: ${JSON.stringify(now)}`);
    assert.match(String(now.find((d) => d.code === 'unknown-column')!.message), /nope/);

    // A cancelled listing is not remembered as a failure: asked again, it is read.
    hold.release();
    server.change(uri, pact('slow', 'orders', 'nope2'));
    const back = await server.diagnostics(uri, (d) => codes(d).includes('unknown-column'));
    assert.match(String(back.find((d) => d.code === 'unknown-column')!.message), /nope2/);
    assert.deepEqual(tableListings('slow').map((c) => c.status), [-2, 200]);
  } finally {
    hold.release();
  }
});

test('a completion the client cancels cancels the catalog listing it was waiting for', { timeout: 90_000 }, async () => {
  await em.sql('CREATE SCHEMA lake.pending; CREATE TABLE lake.pending.t (id BIGINT) USING DELTA');
  const hold = em.holdRequests({ method: 'GET', path: '/api/2.1/unity-catalog/tables', query: /[?&]schema_name=pending(&|$)/ });
  try {
    // No table named yet: the document's own check lists no table of lake.pending; only the completion asks.
    const text = pact('pending', '', 'id');
    const uri = await server.open(join(home, 'completing.pact.yaml'), text);
    await server.diagnostics(uri, (d) => !codes(d).includes('catalog-unavailable'));
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('    source_table:'));
    const source = new CancellationTokenSource();
    const answer = server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line]!.length } }, source.token);
    await withDeadline(hold.arrived, WAIT_MS, 'the listing of lake.pending asked by the completion');
    source.cancel();
    await withDeadline(hold.abandoned, WAIT_MS, 'the listing closed by the server once the completion was cancelled');
    await withDeadline(answer.catch(() => undefined), WAIT_MS, 'the cancelled completion settled');
    assert.deepEqual(tableListings('pending').map((c) => c.status), [-2]);
  } finally {
    hold.release();
  }
});

test('"Refresh Catalog" reads Unity Catalog again: a table created since is found within the cache TTL', { timeout: 90_000 }, async () => {
  const uri = await server.open(join(home, 'refresh.pact.yaml'), pact('sales', 'created_later', 'nope'));
  const before = await server.diagnostics(uri, (d) => codes(d).includes('unknown-table'));
  assert.ok(!codes(before).includes('catalog-unavailable'), JSON.stringify(before));
  const listed = tableListings('sales').length;

  await em.sql('CREATE TABLE lake.sales.created_later (id BIGINT NOT NULL) USING DELTA');
  // The client's "DataPact: Refresh Catalog" command sends this request with no document.
  await server.request('datapact/refreshCatalog', {});
  // The table is known once its columns are: the unknown column is flagged in it.
  const afterRefresh = await server.diagnostics(uri, (d) => codes(d).includes('unknown-column'));
  assert.ok(!codes(afterRefresh).some((c) => c === 'unknown-table' || c === 'catalog-unavailable'), JSON.stringify(afterRefresh));
  assert.ok(tableListings('sales').length > listed, 'the schema was listed again at the workspace');
});
