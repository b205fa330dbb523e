/**
 * The language server against a Unity Catalog served by the workspace emulator: tables and columns complete, an
 * unknown column is flagged, credentials come from the `datapact.databricks.profile` setting (a profile of
 * ~/.databrickscfg, as the CLI reads it), and a workspace that is down is said once, naming the profile and why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Diagnostic, Position } from 'vscode-languageserver-protocol';
import { startEmulator, type Emulator } from '../emulator/index';
import { startServer, type Harness } from './lsp-harness';

let em: Emulator;
let server: Harness;
let home: string;
let counter = 0;
const CARET = '¦';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

before(async () => {
  em = await startEmulator({
    catalogs: ['lake'],
    seedSql: `
      CREATE SCHEMA lake.sales;
      CREATE TABLE lake.sales.orders (order_id BIGINT NOT NULL, amount DECIMAL(12,2), note STRING,
        CONSTRAINT orders_pk PRIMARY KEY (order_id)) USING DELTA;
      CREATE TABLE lake.sales.customers (customer_id BIGINT, email STRING) USING DELTA;
    `,
  });
  home = mkdtempSync(join(tmpdir(), 'datapact-uc-home-'));
  writeFileSync(
    join(home, '.databrickscfg'),
    `[dev]\nhost = ${em.url}\ntoken = ${em.token}\n\n[down]\nhost = http://127.0.0.1:${await closedPort()}\ntoken = nope\n`,
  );
  // The server reads credentials as the CLI does: from its environment and the home folder's config file.
  for (const key of Object.keys(process.env)) if (key.startsWith('DATABRICKS_')) delete process.env[key];
  process.env.HOME = home;
  server = await startServer();
  (server.settings as Record<string, unknown>).databricks = { profile: 'dev', warehouse: '' };
});
after(async () => {
  await server?.close();
  await em?.close();
  rmSync(home, { recursive: true, force: true });
});

const PACT = (extra = '') => `engine:
  type: databricks
validations:
  - task_key: t
    source_catalog: lake
    source_schema: sales
    source_table: orders
    target_catalog: lake
    target_schema: sales
    target_table: orders
    count_tolerance: 0
    null_validation_columns: [note, nope]
    null_validation_tolerance: 0
${extra}`;

async function openAt(marked: string): Promise<{ uri: string; position: Position }> {
  const at = marked.indexOf(CARET);
  const text = marked.replace(CARET, '');
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const uri = await server.open(join(home, `uc${++counter}.pact.yaml`), text);
  return { uri, position: { line, character } };
}

async function completion(marked: string): Promise<string[]> {
  const { uri, position } = await openAt(marked);
  const answer = await server.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  return (Array.isArray(answer) ? answer : answer?.items ?? []).map((i) => i.label);
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

test('an unknown column is flagged from Unity Catalog, on both sides', { timeout: 60_000 }, async () => {
  const uri = await server.open(join(home, 'flagged.pact.yaml'), PACT());
  const diagnostics = await server.diagnostics(uri, (d) => codes(d).includes('unknown-column'));
  const unknown = diagnostics.filter((d) => d.code === 'unknown-column');
  assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
  assert.deepEqual((unknown[0]!.data as { sides: string[] }).sides, ['source', 'target']);
  assert.ok(unknown.every((d) => /nope/.test(String(d.message))));
  assert.ok(!codes(diagnostics).includes('catalog-unavailable'));
});

test('tables and columns complete from Unity Catalog', { timeout: 60_000 }, async () => {
  const tables = await completion(PACT().replace('    source_table: orders', `    source_table: ${CARET}`));
  assert.ok(tables.includes('orders') && tables.includes('customers'), tables.join(', '));
  const columns = await completion(PACT().replace('[note, nope]', `[${CARET}]`));
  for (const column of ['order_id', 'amount', 'note']) assert.ok(columns.includes(column), columns.join(', '));
});

test('a workspace that cannot be reached is said once, naming the profile and the reason', { timeout: 90_000 }, async () => {
  (server.settings as Record<string, unknown>).databricks = { profile: 'down', warehouse: '' };
  try {
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = await server.open(join(home, 'down.pact.yaml'), PACT());
    const diagnostics = await server.diagnostics(uri, (d) => codes(d).includes('catalog-unavailable'));
    const notes = diagnostics.filter((d) => d.code === 'catalog-unavailable');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.severity, 3, 'information');
    assert.match(String(notes[0]!.message), /profile 'down'/);
    assert.match(String(notes[0]!.message), /cannot be reached: \S/);
    assert.ok(!codes(diagnostics).includes('unknown-column'), 'no guesses without the catalog');
    assert.doesNotMatch(String(notes[0]!.message), /nope\b.*token|token = /);
  } finally {
    (server.settings as Record<string, unknown>).databricks = { profile: 'dev', warehouse: '' };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }
});
