/**
 * The .vsix the end-to-end tests install. `dist/datapact-linux-x64.vsix` (from `npm run package`) is used when it is newer
 * than every source it is made of; otherwise the same package is made in a staging copy, so that other test
 * files, which run at the same time and spawn `dist/server.js`, never see dist/ half rewritten.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
const PACKAGED = join(REPO, 'dist', 'datapact-linux-x64.vsix');

/** What the package is built from: a change to any of them makes `dist/datapact-linux-x64.vsix` stale. */
const SOURCES = ['package.json', '.vscodeignore', 'language-configuration.json', 'LICENSE',
  'client', 'server/src', 'core/src', 'cli/src', 'protocol', 'web', 'schemas', 'syntaxes', 'media', 'scripts/build.mjs',
  'examples/demo.pact.yml', 'scripts/demo'];
/** Copied into the staging folder as they are; the bundles are built there, sources are linked. */
const ASSETS = ['package.json', '.vscodeignore', 'language-configuration.json', 'LICENSE', 'schemas', 'syntaxes', 'media'];
const LINKED_SOURCES = ['client', 'server', 'core', 'cli', 'protocol', 'web'];
/**
 * The dependency whose closure vsce's `npm list` must find: DuckDB's API (bundled into dist/) requires its native
 * bindings, the part .vscodeignore ships.
 */
const SHIPPED_DEPENDENCIES = ['@duckdb/node-api'];

/** Returns the path of an up-to-date DataPact .vsix, packaging one under `workDir` when needed. */
export function ensureVsix(workDir: string): string {
  if (existsSync(PACKAGED) && statSync(PACKAGED).mtimeMs > newestSourceTime()) return PACKAGED;
  return packageInStaging(join(workDir, 'package'));
}

function newestSourceTime(): number {
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  return Math.max(...SOURCES.map((source) => newest(join(REPO, source))));
}

/** `npm run package`, reproduced in `stage`: production bundles, then `vsce package --target linux-x64`. */
function packageInStaging(stage: string): string {
  mkdirSync(join(stage, 'node_modules'), { recursive: true });
  for (const asset of ASSETS) {
    if (existsSync(join(REPO, asset))) cpSync(join(REPO, asset), join(stage, asset), { recursive: true });
  }
  // The packaged README is the Marketplace README (client/README.md); the repository's README is for developers.
  cpSync(join(REPO, 'client', 'README.md'), join(stage, 'README.md'));
  for (const source of LINKED_SOURCES) symlinkSync(join(REPO, source), join(stage, source));
  // The shipped packages first: the build bundles DuckDB's API from the stage's own node_modules.
  for (const name of dependencyClosure(SHIPPED_DEPENDENCIES)) {
    cpSync(join(REPO, 'node_modules', name), join(stage, 'node_modules', name), { recursive: true });
  }
  run(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--production'], stage);

  // vsce lists production dependencies with `npm list`: the staging manifest names only what is shipped,
  // and the staging node_modules holds exactly that closure.
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  manifest.dependencies = Object.fromEntries(SHIPPED_DEPENDENCIES.map((name) => [name, manifest.dependencies![name]!]));
  delete manifest.devDependencies;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));

  const vsix = join(stage, 'datapact.vsix');
  const vsce = join(REPO, 'node_modules', '.bin', 'vsce');
  run(vsce, ['package', '--target', 'linux-x64', '--no-rewrite-relative-links', '--out', vsix], stage);
  return vsix;
}

/** The installed packages `names` need at run time (optional ones only when installed, as npm does). */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const dir = join(REPO, 'node_modules', name);
    if (seen.has(name) || !existsSync(dir)) return;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep);
  };
  names.forEach(visit);
  return [...seen];
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}
