/**
 * `npm run package` makes one .vsix per platform, each carrying that platform's DuckDB binding from the npm registry
 * and nothing of another platform's: packaged here for two platforms other than (or besides) this machine's, into a
 * folder of the test's own, then each package's file list and manifest are read back. The repository's dist/ (the
 * development build other tests run) is left as it was. Needs the npm registry (`npm pack`) and `unzip`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './extension-package';

const TARGETS = ['linux-arm64', 'win32-x64'];
const unzipMissing = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0 ? undefined : 'unzip is not installed (apt-get install unzip)';

function entries(vsix: string): string[] {
  const listed = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(listed.status, 0, listed.stderr);
  return listed.stdout.split('\n').filter((line) => line !== '');
}

function read(vsix: string, entry: string): string {
  const shown = spawnSync('unzip', ['-p', vsix, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(shown.status, 0, shown.stderr);
  return shown.stdout;
}

test('npm run package: one .vsix per platform, each with its own DuckDB binding only', { timeout: 600_000 }, (t) => {
  if (unzipMissing) return t.skip(unzipMissing);
  const out = mkdtempSync(join(tmpdir(), 'datapact-packages-'));
  const devClient = join(REPO, 'dist', 'client.js');
  const devBuiltAt = existsSync(devClient) ? statSync(devClient).mtimeMs : undefined;
  try {
    const packaged = spawnSync(process.execPath, [join(REPO, 'scripts', 'package.mjs'), ...TARGETS.flatMap((target) => ['--target', target]), '--out-dir', out],
      { cwd: REPO, encoding: 'utf8', timeout: 540_000 });
    assert.equal(packaged.status, 0, `${packaged.stdout}\n${packaged.stderr}`);
    for (const target of TARGETS) {
      const vsix = join(out, `datapact-${target}.vsix`);
      assert.ok(existsSync(vsix), `${vsix} was made`);
      const files = entries(vsix);
      const bindings = [...new Set(files.map((f) => /^extension\/node_modules\/@duckdb\/(node-bindings-[^/]+)\//.exec(f)?.[1]).filter(Boolean))];
      assert.deepEqual(bindings, [`node-bindings-${target}`], `${target}: only its own binding`);
      assert.ok(files.includes(`extension/node_modules/@duckdb/node-bindings-${target}/duckdb.node`), `${target}: the native library`);
      for (const bundle of ['client.js', 'server.js', 'cli.js', 'results-view.js', 'results-view.css', 'dashboard-view.js', 'dashboard-view.css', 'web/builder.js']) {
        assert.ok(files.includes(`extension/dist/${bundle}`), `${target}: dist/${bundle}`);
      }
      assert.deepEqual(files.filter((f) => f.endsWith('.map') || /\/(src|test)\//.test(f.replace(/^extension\/node_modules\/.*/, ''))), [], `${target}: no source maps or sources`);
      assert.ok(files.includes('extension/media/icon.png'), `${target}: the extension's icon`);
      const manifest = read(vsix, 'extension.vsixmanifest');
      assert.match(manifest, new RegExp(`TargetPlatform="${target}"`), `${target}: the manifest names the platform`);
      assert.match(read(vsix, 'extension/readme.md'), /^# DataPact for VS Code\n/, `${target}: the Marketplace README`);
    }
    if (devBuiltAt !== undefined) assert.equal(statSync(devClient).mtimeMs, devBuiltAt, 'the development build in dist/ was not rewritten');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
