// `npm run test:desktop`: the integration suite (test/integration, the same suite files and entry point that
// test/integration/extension-host.test.ts runs inside code-server) in a desktop VS Code downloaded by
// @vscode/test-electron, under xvfb on Linux when there is no display. Never part of `npm test`: it downloads VS Code
// from its update site, which this project's own machines cannot reach (there it fails with one line saying so).
// Usage: npm run test:desktop [-- --vscode-version 1.100.3]   (or DATAPACT_VSCODE_VERSION; `stable` for the newest)
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { download, SilentReporter } from '@vscode/test-electron';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
// The VS Code of the code-server the e2e and integration tests use (4.100.3).
const DEFAULT_VERSION = '1.100.3';

function fail(message) {
  console.error(`test:desktop: ${message}`);
  process.exit(1);
}

const flag = process.argv.indexOf('--vscode-version');
const version = (flag >= 0 ? process.argv[flag + 1] : undefined) ?? process.env.DATAPACT_VSCODE_VERSION ?? DEFAULT_VERSION;

let executable;
try {
  executable = await download({ version, cachePath: join(REPO, '.vscode-test'), reporter: new SilentReporter(), timeout: 30_000 });
} catch (error) {
  const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
  fail(`VS Code ${version} could not be downloaded (${reason}); the same suite runs inside code-server: node scripts/test.mjs test/integration/extension-host.test.ts`);
}

const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
if (build.status !== 0) fail('npm run build failed');

// Electron needs a display: on Linux without one, the suite runs under xvfb-run when it is installed.
const suite = [process.execPath, '--import', 'tsx', '--test', '--test-reporter=spec', join(REPO, 'test', 'integration', 'desktop.ts')];
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status !== 0) fail('no display (DISPLAY is not set) and no xvfb-run to make one: install xvfb (apt-get install xvfb) or run it in a desktop session');
  suite.unshift('xvfb-run', '-a');
}
const run = spawnSync(suite[0], suite.slice(1), {
  cwd: REPO,
  stdio: 'inherit',
  env: { ...process.env, DATAPACT_VSCODE_EXECUTABLE: executable },
});
process.exit(run.status ?? 1);
