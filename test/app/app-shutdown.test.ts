// `datapact app` stops cleanly on SIGTERM (what a Databricks App's platform sends): it exits 0 promptly even with a
// keep-alive connection open, its port is closed afterwards, and what it saved is whole (no temporary file left).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApp } from './app-process';

function post(url: URL, agent: Agent, method: string, params: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path: `/api/${method}`, agent, timeout: 10_000,
      headers: { 'content-type': 'application/json', 'x-datapact-request': '1' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} timed out`)));
    req.on('error', reject);
    req.end(JSON.stringify(params));
  });
}

test('SIGTERM: exit 0 within the deadline with a keep-alive connection open, port closed, saved pact whole', { timeout: 60_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'datapact-app-term-'));
  try {
    const app = await startApp(folder);
    const url = new URL(app.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const state = { tasks: [{ values: { task_key: 'orders', source_catalog: 'a', source_schema: 's', source_table: 'orders',
      target_catalog: 'b', target_schema: 's', target_table: 'orders', count_tolerance: 0 } }] };
    const saved = await post(url, agent, 'save', { state, path: 'kept.pact.yml' });
    assert.equal(saved.status, 200, saved.body);
    const yaml = (JSON.parse(saved.body) as { result: { yaml: string } }).result.yaml;

    const exited = new Promise<number | null>((resolve) => app.child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    app.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 10_000)))]);
    clearTimeout(timer);
    if (code === 'late') app.child.kill('SIGKILL');
    assert.equal(code, 0, `exit code (stderr: ${app.stderr()})`);
    assert.ok(Date.now() - started < 10_000, 'the idle keep-alive connection does not hold the shutdown');
    agent.destroy();

    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) });
      socket.once('connect', () => { socket.destroy(); resolve('connected'); });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    assert.equal(refused, 'ECONNREFUSED', 'the port is closed');
    assert.equal(readFileSync(join(folder, 'kept.pact.yml'), 'utf8'), yaml);
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
    assert.doesNotMatch(app.stderr(), /\n\s+at /, 'no stack trace');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
