// `npm run package`: one .vsix per platform DataPact's native part (DuckDB) supports, each carrying that platform's
// DuckDB binding from the npm registry (`npm pack @duckdb/node-bindings-<target>`, the version the installed
// bindings pin). The production bundles are built once in a staging folder (sources linked), so the repository's
// dist/ — the development build tests and debugging use — is never rewritten; each target is then packaged in a
// folder of its own holding the bundles, the manifest assets and exactly the DuckDB packages it needs, so the host's
// own binding never leaks into another platform's package.
// Usage: node scripts/package.mjs [--target linux-x64 ...] [--out-dir <folder>]   → <folder>/datapact-<target>.vsix
//        (the folder defaults to dist/)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const TARGETS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
const args = process.argv.slice(2);
const asked = args.flatMap((arg, i) => (arg === '--target' ? [args[i + 1]] : []));
const targets = asked.length > 0 ? asked : TARGETS;
for (const target of targets) if (!TARGETS.includes(target)) fail(`unknown target ${target} (one of ${TARGETS.join(', ')})`);
const outAt = args.indexOf('--out-dir');
const outDir = outAt >= 0 && args[outAt + 1] ? resolve(args[outAt + 1]) : join(root, 'dist');

const ASSETS = ['package.json', '.vscodeignore', 'language-configuration.json', 'LICENSE', 'schemas', 'syntaxes', 'media'];
/** What the build reads: linked into the build folder, never copied or written. */
const BUILD_SOURCES = ['client', 'server', 'core', 'cli', 'protocol', 'web', 'examples', 'scripts'];
const bindingsVersion = JSON.parse(readFileSync(join(root, 'node_modules/@duckdb/node-bindings/package.json'), 'utf8')).version;

const stageRoot = mkdtempSync(join(tmpdir(), 'datapact-package-'));
try {
  const built = join(stageRoot, 'build');
  mkdirSync(built);
  for (const source of BUILD_SOURCES) symlinkSync(join(root, source), join(built, source));
  // Packages resolve from the repository (the build's sources are the repository's, through the links).
  symlinkSync(join(root, 'node_modules'), join(built, 'node_modules'));
  run(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], built);
  const packs = join(stageRoot, 'packs');
  mkdirSync(packs, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  for (const target of targets) {
    const stage = join(stageRoot, target);
    mkdirSync(join(stage, 'node_modules', '@duckdb'), { recursive: true });
    for (const asset of ASSETS) if (existsSync(join(root, asset))) cpSync(join(root, asset), join(stage, asset), { recursive: true });
    cpSync(join(built, 'dist'), join(stage, 'dist'), { recursive: true, filter: (p) => !p.endsWith('.vsix') && !p.endsWith('.map') });
    // The Marketplace README (the repository's README is for developers).
    cpSync(join(root, 'client', 'README.md'), join(stage, 'README.md'));
    const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
    manifest.dependencies = { '@duckdb/node-bindings': bindingsVersion };
    delete manifest.devDependencies;
    writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
    // The bindings' loader and what it requires (not its optional per-platform packages: one is added below).
    for (const dep of dependencyClosure('@duckdb/node-bindings')) cpSync(join(root, 'node_modules', dep), join(stage, 'node_modules', dep), { recursive: true });
    const name = `@duckdb/node-bindings-${target}`;
    const packed = run('npm', ['pack', `${name}@${bindingsVersion}`, '--pack-destination', packs, '--silent'], root).trim().split('\n').pop();
    const into = join(stage, 'node_modules', name);
    mkdirSync(into, { recursive: true });
    run('tar', ['xzf', join(packs, packed), '-C', into, '--strip-components=1'], root);
    const out = join(outDir, `datapact-${target}.vsix`);
    run(join(root, 'node_modules/.bin/vsce'), ['package', '--target', target, '--no-rewrite-relative-links', '--out', out], stage);
    console.log(`packaged ${out}`);
  }
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(stageRoot, { recursive: true, force: true });
}

function dependencyClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) dependencyClosure(dep, seen);
  return seen;
}

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}
