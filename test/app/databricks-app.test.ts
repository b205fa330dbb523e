// The repository's app.yaml, run as a Databricks App runs it: its command (not in a shell), the port from
// DATABRICKS_APP_PORT, and the service principal's variables the platform sets — here pointing at the workspace
// emulator's OAuth M2M endpoint. The app must sign in through the SDK's unified auth without any profile or token,
// read Unity Catalog, and serve its page under a CSP with a nonce and no unsafe-inline. (The command binds 0.0.0.0
// behind the platform's proxy; the test binds 127.0.0.1 instead, the only change it makes.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { startEmulator } from '../emulator';
import { ensureBuilt } from '../unit/cli-run-helpers';

const REPO = resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

test('app.yaml runs `datapact app` on DATABRICKS_APP_PORT, signed in as the service principal, serving a strict page', { timeout: 90_000 }, async () => {
  const appYaml = parse(readFileSync(join(REPO, 'app.yaml'), 'utf8')) as { command: string[] };
  assert.deepEqual(appYaml.command.slice(0, 3), ['node', 'dist/cli.js', 'app']);
  const hostAt = appYaml.command.indexOf('--host');
  assert.equal(appYaml.command[hostAt + 1], '0.0.0.0', 'behind the platform proxy the app listens on all interfaces');
  assert.ok(!appYaml.command.includes('--port'), 'the port comes from DATABRICKS_APP_PORT');

  ensureBuilt();
  const home = mkdtempSync(join(tmpdir(), 'datapact-dbapp-'));
  const emulator = await startEmulator({ catalogs: ['lakehouse'], oauthClients: { 'app-sp': 'sp-secret' } });
  const port = await freePort();
  const args = appYaml.command.slice(1).map((arg, i) => (i + 1 === hostAt + 1 ? '127.0.0.1' : arg));
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Only what the platform sets: no profile, no token, an empty home.
    env: {
      PATH: process.env.PATH ?? '', HOME: home, DATABRICKS_CONFIG_FILE: join(home, 'none.cfg'),
      DATABRICKS_APP_PORT: String(port), DATABRICKS_HOST: emulator.url,
      DATABRICKS_CLIENT_ID: 'app-sp', DATABRICKS_CLIENT_SECRET: 'sp-secret',
    },
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  try {
    const deadline = Date.now() + 20_000;
    while (!output.includes(`Open http://127.0.0.1:${port}/`)) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `the app did not start on port ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await page.text();
    assert.doesNotMatch(html, /https?:\/\//, 'nothing remote');

    const answer = await fetch(`${base}/api/catalogs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-datapact-request': '1' },
      body: JSON.stringify({ engine: { type: 'databricks' } }),
    });
    const body = (await answer.json()) as { result?: { catalogs: { name: string }[]; unavailable?: string } };
    assert.equal(answer.status, 200, JSON.stringify(body));
    assert.equal(body.result!.unavailable, undefined, JSON.stringify(body));
    assert.ok(body.result!.catalogs.some((c) => c.name === 'lakehouse'), JSON.stringify(body));
    assert.ok(emulator.state.calls.some((call) => call.path.startsWith('/oidc/v1/token')), 'signed in with OAuth M2M');
    assert.ok(!html.includes('sp-secret') && !JSON.stringify(body).includes('sp-secret'), 'the secret never reaches the page');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    await emulator.close();
    rmSync(home, { recursive: true, force: true });
  }
  assert.equal(child.exitCode, 0, output);
  assert.doesNotMatch(output, /sp-secret/, 'the secret is never printed');
});
