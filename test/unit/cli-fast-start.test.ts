/**
 * Commands that need no engine start without DuckDB: `--help`, `--version`, `validate --offline` and `sql` never
 * load DuckDB's native bindings (a preload hook records every module Node loads by name). The time it saves is
 * measured by `npm run bench -- --only cli-start`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { COMMANDS } from '../../cli/src/commands/index';
import { ENGINE_TYPES, engineTypes } from '../../core/src/index';
import { ensureBuilt } from './cli-run-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'datapact-start-'));
const hook = join(dir, 'record-loads.cjs');
writeFileSync(
  hook,
  `const Module = require('module');
const load = Module._load;
const seen = new Set();
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
// The commands' chunks are read and compiled with their code cache (cli/src/chunk-loader.ts), not required.
const fs = require('fs');
const read = fs.readFileSync;
fs.readFileSync = function (path, ...rest) { if (typeof path === 'string' && /[\\/]chunks[\\/][^\\/]+\\.js$/.test(path)) seen.add(path); return read.call(this, path, ...rest); };
process.on('exit', () => require('fs').writeFileSync(process.env.LOADS_FILE, [...seen].join('\\n')));
`,
);
writeFileSync(
  join(dir, 'p.pact.yml'),
  `engine:
  type: duckdb
  catalogs:
    shop: shop.duckdb
validations:
  - task_key: t
    source_catalog: shop
    source_schema: s
    source_table: a
    target_catalog: shop
    target_schema: s
    target_table: b
    count_tolerance: 0
    filter: "id > 1"
`,
);

function loadsOf(...args: string[]): { code: number | null; loads: string[] } {
  const file = join(dir, `loads-${args.join('_').replace(/\W/g, '')}.txt`);
  const r = spawnSync(process.execPath, ['-r', hook, CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LOADS_FILE: file } });
  return { code: r.status, loads: require('node:fs').readFileSync(file, 'utf8').split('\n') };
}

test('--help, --version, validate --offline and sql never load DuckDB', () => {
  ensureBuilt();
  for (const args of [['--help'], ['--version'], ['validate', '--offline', 'p.pact.yml'], ['sql', 'p.pact.yml']]) {
    const { code, loads } = loadsOf(...args);
    assert.equal(code, 0, args.join(' '));
    assert.deepEqual(loads.filter((m) => /duckdb/i.test(m)), [], `${args.join(' ')} loaded DuckDB`);
    // Nor the Databricks SDK (≈ 0.2 s to evaluate): a DuckDB pact never reaches a workspace.
    assert.deepEqual(loads.filter((m) => /databricks-sdk/.test(m)), [], `${args.join(' ')} loaded the Databricks SDK`);
  }
  // The hook does see DuckDB when a command needs it (the test would pass vacuously otherwise).
  assert.ok(loadsOf('validate', 'p.pact.yml').loads.some((m) => /duckdb/i.test(m)));
});

test('--help and --version do not even read the commands (core, yaml, ajv, the SQL grammars)', () => {
  for (const args of [['--help'], ['--version']]) {
    assert.deepEqual(loadsOf(...args).loads.filter((m) => /chunks\//.test(m)), [], args.join(' '));
  }
});

test('validate --offline reads only the checks of a pact, not the code of the engines (dist/chunks/cli-offline.js)', () => {
  const chunks = (loads: string[]) => loads.filter((m) => /chunks\//.test(m)).map((m) => m.replace(/.*chunks\//, ''));
  const offline = loadsOf('validate', '--offline', 'p.pact.yml');
  assert.equal(offline.code, 0);
  assert.deepEqual(chunks(offline.loads), ['cli-offline.js']);
  // Without --offline, validate reads the catalogs through the engine's plug-in: the commands' chunk.
  assert.ok(chunks(loadsOf('validate', 'p.pact.yml').loads).includes('cli-commands.js'));
  // That chunk takes `--engine` from the format's engine types: those the built-in plug-ins register, in order.
  assert.deepEqual(engineTypes(), [...ENGINE_TYPES]);
  const wrong = spawnSync(process.execPath, [CLI, 'validate', '--offline', '--engine', 'x', 'p.pact.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /--engine must be duckdb or databricks, got 'x'/);
});

test("the commands' chunks carry V8's code cache for exactly their text; a damaged or stale cache changes nothing", () => {
  ensureBuilt();
  const chunks = join(dirname(CLI), 'chunks');
  for (const name of ['cli-offline.js', 'cli-commands.js']) {
    const cache = readFileSync(join(chunks, `${name}.code-cache`));
    const digest = createHash('sha1').update(readFileSync(join(chunks, name), 'utf8')).digest('hex');
    assert.equal(cache.subarray(0, 40).toString('latin1'), digest, `${name}: the cache was made for another text`);
    assert.ok(cache.length > 10_000, `${name}: ${cache.length} bytes of cache`);
  }
  // A copy of the CLI whose caches are damaged (right digest, wrong bytes) or stale (another digest).
  const expected = spawnSync(process.execPath, [CLI, 'validate', '--offline', '--format', 'json', 'p.pact.yml'], { cwd: dir, encoding: 'utf8' });
  for (const damage of ['bytes', 'digest']) {
    const copy = join(dir, `cli-${damage}`);
    mkdirSync(join(copy, 'chunks'), { recursive: true });
    copyFileSync(CLI, join(copy, 'cli.js'));
    for (const name of ['cli-offline.js', 'cli-commands.js']) {
      const text = readFileSync(join(chunks, name), 'utf8');
      copyFileSync(join(chunks, name), join(copy, 'chunks', name));
      const digest = damage === 'bytes' ? createHash('sha1').update(text).digest('hex') : '0'.repeat(40);
      writeFileSync(join(copy, 'chunks', `${name}.code-cache`), Buffer.concat([Buffer.from(digest, 'latin1'), Buffer.alloc(4096, 7)]));
    }
    const r = spawnSync(process.execPath, [join(copy, 'cli.js'), 'validate', '--offline', '--format', 'json', 'p.pact.yml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, expected.status, `${damage}: ${r.stderr}`);
    assert.equal(r.stdout, expected.stdout, damage);
    assert.equal(r.stderr, expected.stderr, damage);
  }
});

test('validate --offline reads no SQL grammar for plain SQL (the fast path), and does for the rest', () => {
  const grammar = (loads: string[]) => loads.some((m) => /sql-grammars/.test(m));
  const plain = loadsOf('validate', '--offline', 'p.pact.yml');
  assert.equal(plain.code, 0);
  assert.equal(grammar(plain.loads), false, 'a plain filter loaded the SQL grammars');
  // CASE, CAST, coalesce and a subquery over a join are inside it; ILIKE is outside, and so is a broken
  // filter: the grammar decides.
  const other = join(dir, 'other.pact.yml');
  for (const filter of ["CASE WHEN coalesce(status, '') = 'x' THEN CAST(id AS BIGINT) ELSE 0 END > 1", 'id IN (SELECT b.id FROM s.b AS b JOIN s.c c ON b.id = c.id)']) {
    writeFileSync(other, require('node:fs').readFileSync(join(dir, 'p.pact.yml'), 'utf8').replace('"id > 1"', JSON.stringify(filter)));
    const wider = loadsOf('validate', '--offline', 'other.pact.yml');
    assert.equal(wider.code, 0);
    assert.equal(grammar(wider.loads), false, `the filter ${filter} loaded the SQL grammars`);
  }
  writeFileSync(other, require('node:fs').readFileSync(join(dir, 'p.pact.yml'), 'utf8').replace('"id > 1"', '"id ILIKE \'1%\'"'));
  const outside = loadsOf('validate', '--offline', 'other.pact.yml');
  assert.equal(outside.code, 0);
  assert.ok(grammar(outside.loads));
  writeFileSync(other, require('node:fs').readFileSync(join(dir, 'p.pact.yml'), 'utf8').replace('"id > 1"', '"id > 1 AND"'));
  const broken = spawnSync(process.execPath, [CLI, 'validate', '--offline', 'other.pact.yml'], { cwd: dir, encoding: 'utf8' });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /other\.pact\.yml:14:\d+: warning: SQL syntax in filter/);
});

test('the command table says what each command says of itself', async () => {
  for (const entry of COMMANDS) assert.equal(entry.summary, (await entry.load({ out: () => undefined, err: () => undefined, cwd: dir })).summary, entry.name);
});
