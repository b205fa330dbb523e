// `datapact app` over real HTTP on 127.0.0.1: the builder page under a strict CSP, its two assets and nothing else,
// builder requests answered by core against real DuckDB catalogs, and hostile requests refused with a clear error
// that touches nothing outside the pact folder.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { BUILDER_METHODS } from '../../protocol/builder';
import { startApp, type AppProcess } from './app-process';

let fixture: EngineFixture;
let app: AppProcess;
let folder: string;

before(async () => {
  fixture = await buildFixture();
  folder = join(fixture.dir, 'pacts');
  mkdirSync(folder);
  writeFileSync(join(folder, 'shop.duckdb'), readFileSync(fixture.shopFile));
  writeFileSync(join(fixture.dir, 'secret.pact.yml'), 'validations: []\n');
  app = await startApp(folder);
});
after(async () => {
  const code = await app.stop();
  fixture.cleanup();
  assert.equal(code, 0, 'Ctrl-C stops the app cleanly');
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch would normalise paths and refuse to set Host). Deadline: 10 s. */
function raw(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: options.headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

function api(method: string, params: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return raw('POST', `/api/${method}`, {
    headers: { 'content-type': 'application/json', 'x-datapact-request': '1', ...headers },
    body: JSON.stringify(params),
  });
}

const engine = { type: 'duckdb', catalogs: { shop: 'shop.duckdb' } };

test('the page loads only its own script and style, under a CSP with a nonce and no unsafe-inline', async () => {
  const page = await raw('GET', '/');
  assert.equal(page.status, 200);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  assert.match(page.body, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src="assets/builder.js"></script>`));
  assert.doesNotMatch(page.body, /https?:\/\//, 'nothing remote is referenced');
  assert.notEqual((await raw('GET', '/')).headers['content-security-policy'], csp, 'a fresh nonce per page');
  assert.equal((await raw('GET', '/assets/builder.js')).status, 200);
  assert.match(String((await raw('GET', '/assets/builder.css')).headers['content-type']), /text\/css/);
});

test('only the listed assets are served: no path from the request reaches the file system', async () => {
  for (const path of ['/assets/../package.json', '/assets/%2e%2e/cli.js', '/assets/builder.js.map', '/../secret.pact.yml', '/secret.pact.yml', '/shop.duckdb', '//etc/passwd']) {
    const answer = await raw('GET', path);
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /validations|root:/);
  }
});

test('a pact is built over HTTP from the live catalog and saved inside the folder', async () => {
  const tables = JSON.parse((await api('tables', { engine, catalog: 'shop', schema: 'sales' })).body);
  assert.deepEqual(tables.result.tables.map((t: { name: string }) => t.name), ['customers', 'orders']);
  const state = {
    engine,
    tasks: [{ values: { task_key: 'orders', source_catalog: 'shop', source_schema: 'sales', source_table: 'orders',
      target_catalog: 'shop', target_schema: 'sales', target_table: 'orders', count_tolerance: 0 } }],
  };
  const preview = JSON.parse((await api('preview', { state })).body).result;
  assert.deepEqual(preview.findings, []);
  const saved = await api('save', { state, path: 'built.pact.yml' });
  assert.equal(saved.status, 200, saved.body);
  assert.equal(readFileSync(join(folder, 'built.pact.yml'), 'utf8'), preview.yaml);
  assert.deepEqual(JSON.parse((await api('listPacts', {})).body).result.paths, ['built.pact.yml']);
});

test('hostile requests get a clear error and touch nothing outside the pact folder', async () => {
  const cases: [Promise<Answer>, number, RegExp][] = [
    [api('open', { path: '../secret.pact.yml' }), 400, /inside the pact folder/],
    [api('open', { path: join(fixture.dir, 'secret.pact.yml') }), 400, /relative to the pact folder/],
    [api('save', { state: { tasks: [] }, path: '../evil.pact.yml' }), 400, /inside the pact folder/],
    [api('tables', { engine, catalog: "shop'; DROP TABLE sales.orders; --", schema: 'sales' }), 200, /"tables":\[\]/],
    [api('catalogs', { engine: { type: 'duckdb', catalogs: { x: '/etc' } } }), 400, /relative to the pact folder/],
    [api('nope', {}), 400, /unknown builder method/],
    [api('__proto__', {}), 400, /unknown builder method/],
    [raw('POST', '/api/open', { headers: { 'content-type': 'application/json', 'x-datapact-request': '1' }, body: '{"path": ' }), 400, /not valid JSON/],
    [raw('POST', '/api/open', { headers: { 'content-type': 'application/json' }, body: '{}' }), 403, /x-datapact-request/],
    [raw('POST', '/api/open', { headers: { 'content-type': 'text/plain', 'x-datapact-request': '1' }, body: '{}' }), 415, /application\/json/],
    [raw('POST', '/api/preview', { headers: { 'content-type': 'application/json', 'x-datapact-request': '1' }, body: Buffer.alloc(1024 * 1024 + 10, 32) }), 413, /larger than/],
    [raw('GET', '/api/open'), 405, /POST/],
    [api('open', {}, { host: 'evil.example:80' }), 421, /loopback/],
    [api('sql', { state: { tasks: [] }, path: '../secret.pact.yml', taskKey: 'x' }), 400, /inside the pact folder/],
    [api('history', { path: '../secret.pact.yml' }), 400, /inside the pact folder/],
    [api('openRun', { path: '../secret.pact.yml', runId: '1' }), 400, /inside the pact folder/],
    // Its results history is read to find the run (by the pact's task keys; the id is only compared): no pact, no history.
    [api('openRun', { path: 'nothing.pact.yml', runId: "1' OR 1=1; --" }), 400, /nothing\.pact\.yml does not exist/],
    [api('dashboard', { path: '../secret.pact.yml' }), 400, /inside the pact folder/],
    [api('run', { path: '../secret.pact.yml' }), 400, /inside the pact folder/],
    [api('fieldChoices', { engine: { type: "duckdb'; --" }, key: 'catalogs' }), 400, /engine type must be one of/],
    [api('fieldChoices', { engine, key: '__proto__' }), 400, /no connection field/],
  ];
  // Every method refuses parameters that are not an object, with its name.
  for (const method of BUILDER_METHODS) cases.push([api(method, 'x'), 400, new RegExp(`${method}: parameters must be an object`)]);
  for (const [pending, status, body] of cases) {
    const answer = await pending;
    assert.equal(answer.status, status, answer.body);
    assert.match(answer.body, body);
    assert.doesNotMatch(answer.body, /\n\s+at /, 'no stack trace');
  }
  assert.equal(readFileSync(join(fixture.dir, 'secret.pact.yml'), 'utf8'), 'validations: []\n');
  assert.ok(!existsSync(join(fixture.dir, 'evil.pact.yml')));
  // The catalog is intact after SQL in a name.
  const tables = JSON.parse((await api('tables', { engine, catalog: 'shop', schema: 'sales' })).body);
  assert.equal(tables.result.tables.length, 2);
  assert.equal(app.stderr().includes(' at '), false, 'the app logs no stack');
});
