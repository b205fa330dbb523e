/**
 * The language server signs in to Unity Catalog exactly as the CLI does (core's databricks-auth): with no
 * `datapact.databricks.profile` setting it follows the environment (DATABRICKS_HOST + DATABRICKS_TOKEN), else the
 * `[__settings__] default_profile` of ~/.databrickscfg — and a workspace that cannot be reached is named by that
 * profile. Each case is a server over stdio with its own environment and home folder, against the emulator.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { startEmulator, type Emulator } from '../emulator/index';
import { startServer, type Harness } from './lsp-harness';

let em: Emulator;
const homes: string[] = [];
const servers: Harness[] = [];

before(async () => {
  em = await startEmulator({
    catalogs: ['lake'],
    seedSql: `
      CREATE SCHEMA lake.sales;
      CREATE TABLE lake.sales.orders (order_id BIGINT NOT NULL, amount DECIMAL(12,2), note STRING) USING DELTA;
    `,
  });
});
after(async () => {
  for (const server of servers) await server.close();
  await em?.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server whose environment has no DATABRICKS_* variable but `extra`, and whose home holds `databrickscfg`. */
async function serverWith(databrickscfg: string | undefined, extra: Record<string, string> = {}): Promise<{ server: Harness; home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'datapact-uc-sign-in-'));
  homes.push(home);
  if (databrickscfg !== undefined) writeFileSync(join(home, '.databrickscfg'), databrickscfg);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('DATABRICKS_')) env[key] = value;
  Object.assign(env, { HOME: home, USERPROFILE: home, ...extra });
  const server = await startServer({ env });
  servers.push(server);
  // The settings the client sends when the user set nothing: empty profile and warehouse.
  (server.settings as Record<string, unknown>).databricks = { profile: '', warehouse: '' };
  return { server, home };
}

const PACT = `engine:
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
`;

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

async function columnsCompleted(server: Harness, home: string): Promise<string[]> {
  const text = PACT.replace('[note, nope]', '[]');
  const uri = await server.open(join(home, 'complete.pact.yaml'), text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('null_validation_columns'));
  const character = lines[line]!.indexOf('[') + 1;
  const answer = await server.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  return (Array.isArray(answer) ? answer : answer?.items ?? []).map((i) => i.label);
}

test('the default_profile of ~/.databrickscfg signs the server in when no setting names a profile', { timeout: 90_000 }, async () => {
  const { server, home } = await serverWith(
    `[__settings__]\ndefault_profile = work\n\n[DEFAULT]\nhost = http://127.0.0.1:${await closedPort()}\ntoken = wrong\n\n[work]\nhost = ${em.url}\ntoken = ${em.token}\n`,
  );
  const uri = await server.open(join(home, 'flagged.pact.yaml'), PACT);
  const diagnostics = await server.diagnostics(uri, (d) => codes(d).includes('unknown-column') || codes(d).includes('catalog-unavailable'), 60_000);
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'unknown-column' || d.code === 'catalog-unavailable').map((d) => d.code),
    ['unknown-column'],
    JSON.stringify(diagnostics),
  );
  // Missing on both sides of the same table: one finding naming both.
  assert.deepEqual((diagnostics.find((d) => d.code === 'unknown-column')!.data as { sides: string[] }).sides, ['source', 'target']);
  const columns = await columnsCompleted(server, home);
  for (const column of ['order_id', 'amount', 'note']) assert.ok(columns.includes(column), columns.join(', '));
});

test('DATABRICKS_HOST and DATABRICKS_TOKEN sign the server in without any config file', { timeout: 90_000 }, async () => {
  const { server, home } = await serverWith(undefined, em.env());
  const columns = await columnsCompleted(server, home);
  for (const column of ['order_id', 'amount', 'note']) assert.ok(columns.includes(column), columns.join(', '));
});

test('a default_profile whose workspace is down is named once with the reason', { timeout: 90_000 }, async () => {
  const { server, home } = await serverWith(`[__settings__]\ndefault_profile = away\n\n[away]\nhost = http://127.0.0.1:${await closedPort()}\ntoken = secret-away-token\n`);
  const uri = await server.open(join(home, 'down.pact.yaml'), PACT);
  const diagnostics = await server.diagnostics(uri, (d) => codes(d).includes('catalog-unavailable'), 60_000);
  const notes = diagnostics.filter((d) => d.code === 'catalog-unavailable');
  assert.equal(notes.length, 1, JSON.stringify(diagnostics));
  assert.match(String(notes[0]!.message), /profile 'away'/);
  assert.match(String(notes[0]!.message), /cannot be reached: \S/);
  assert.doesNotMatch(String(notes[0]!.message), /secret-away-token/);
  assert.ok(!server.stderr().includes('secret-away-token') && !server.logs().some((l) => l.includes('secret-away-token')));
});
