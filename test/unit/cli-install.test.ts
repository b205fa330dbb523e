/**
 * The README's ways of getting `datapact` on the PATH, done as it says (offline, into a temp prefix, from this
 * clone): `npm install -g .` gives a working `datapact`, and `npx --yes --package=. datapact` runs it without installing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from './cli-run-helpers';

const ROOT = resolve(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('npm install -g . puts a working datapact on the PATH; npx --package=. datapact runs it', () => {
  ensureBuilt();
  const prefix = mkdtempSync(join(tmpdir(), 'datapact-prefix-'));
  try {
    const npm = (args: string[], cwd: string) =>
      spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 120_000 });
    const installed = npm(['install', '-g', '.', '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], ROOT);
    assert.equal(installed.status, 0, installed.stderr);
    const bin = join(prefix, 'bin', 'datapact');
    const examples = join(ROOT, 'examples');
    // Called by name from PATH, in another folder, as a user would.
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    const v = spawnSync('datapact', ['--version'], { cwd: tmpdir(), encoding: 'utf8', env });
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), version);
    const checked = spawnSync(bin, ['validate', '--offline', join(examples, 'orders.pact.yml')], { cwd: tmpdir(), encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    const npx = spawnSync('npx', ['--yes', '--offline', '--package=.', 'datapact', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(npx.status, 0, npx.stderr);
    assert.match(npx.stdout, /^Usage: datapact <command>/m);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});
