/**
 * What a pact file may be (issue 13), through the built CLI: only regular files, at most 20 MB, UTF-8, nesting a
 * parser can read, numbers the engines accept, quotes read by the engine's dialect, content never echoed whole,
 * and validation time linear in the length of a list. Every CLI call has a deadline (a FIFO used to hang).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPact } from '../../core/src/index';
import { ensureBuilt } from './cli-run-helpers';

const CLI = join(process.cwd(), 'dist', 'cli.js');
let dir: string;

function cli(args: string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const TASK = `  - task_key: orders
    source_catalog: legacy
    source_schema: sales
    source_table: orders
    target_catalog: lake
    target_schema: sales
    target_table: orders
`;
const CLEAN = `validations:\n${TASK}    count_tolerance: 0.01\n`;

describe('pact files the CLI reads', () => {
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datapact-limits-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.pact.yml')]).status, 0, 'mkfifo is needed for this test');
    const r = cli(["validate", "pipe.pact.yml"], 120_000);
    assert.equal(r.timedOut, false, 'validate waited on the FIFO');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read pipe\.pact\.yml: it is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses /dev/zero instead of reading it without end', () => {
    const r = cli(["validate", "/dev/zero"], 120_000);
    assert.equal(r.timedOut, false, 'validate kept reading /dev/zero');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read \/dev\/zero: it is a character device, not a regular file/);
  });

  it('refuses a pact over 20 MB, saying its size', () => {
    const big = file('big.pact.yml', CLEAN + `# ${'x'.repeat(21 * 1024 * 1024)}\n`);
    const r = cli(['validate', big]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read big\.pact\.yml: it is 21\.0 MB; a pact may be at most 20\.0 MB/);
  });

  it('accepts UTF-8 with and without a byte order mark and refuses UTF-16 and Latin-1 naming the encoding', () => {
    const withName = CLEAN.replace('orders\n    source_catalog', 'orders\n    business_owner: café\n    source_catalog');
    assert.equal(cli(['validate', file('utf8.pact.yml', withName)]).code, 0);
    assert.equal(cli(['validate', file('bom.pact.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withName)]))]).code, 0);

    const utf16 = cli(['validate', file('utf16.pact.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withName, 'utf16le')]))]);
    assert.equal(utf16.code, 2);
    assert.match(utf16.stderr, /it is encoded as UTF-16 \(little-endian, with a byte order mark\): save it as UTF-8/);
    const utf16NoBom = cli(['validate', file('utf16nobom.pact.yml', Buffer.from(withName, 'utf16le'))]);
    assert.equal(utf16NoBom.code, 2);
    assert.match(utf16NoBom.stderr, /UTF-16 \(little-endian, without a byte order mark\)/);

    const latin1 = cli(['validate', file('latin1.pact.yml', Buffer.from(withName, 'latin1'))]);
    assert.equal(latin1.code, 2);
    assert.match(latin1.stderr, /it is not UTF-8: byte 0xE9 at line 3, column 24 looks like Latin-1 \(ISO-8859-1\) or Windows-1252; save it as UTF-8/);
  });

  it('says where 3,000 levels of nesting get too deep, instead of "the file is empty"', () => {
    const block = 'validations:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * (i + 1))}a:`).join('\n') + ' 1\n';
    const flow = `validations: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    for (const [name, text, line] of [['block.pact.yml', block, 101], ['flow.pact.yml', flow, 1]] as const) {
      const r = cli(['validate', file(name, text)]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, new RegExp(`^${name.replace('.', '\\.')}:${line}:\\d+: error: the YAML nests more than 100 levels deep here`, 'm'));
      assert.doesNotMatch(r.stdout, /empty|call stack/);
    }
  });

  it('never echoes a whole-file value, and quotes long values as a short printable excerpt', () => {
    const token = 'dapi0123456789abcdef0123456789abcdef';
    const oneLine = cli(['validate', file('token.pact.yml', `${token}\n`)]);
    assert.equal(oneLine.code, 1);
    assert.doesNotMatch(oneLine.stdout + oneLine.stderr, /dapi0123/);
    assert.match(oneLine.stdout, /a pact must be a mapping with a validations list, but this file holds one piece of text \(36 characters\)/);

    const long = cli(['validate', file('long.pact.yml', CLEAN.replace('target_table: orders', `target_table: orders\n    business_domain: 5\n    filter: ""\n    hash_algorithm: "${token}\\u0007"`))]);
    assert.equal(long.code, 1);
    assert.doesNotMatch(long.stdout, new RegExp(token));
    assert.match(long.stdout, /got 'dapi0123456789abcdef012…'/);
    assert.doesNotMatch(long.stdout, /\u0007/);
  });

  it('bounds sample_size and the business numbers by what the engines accept', () => {
    const hash = (extra: string) => CLEAN.replace('count_tolerance: 0.01', `pk_row_hash_check: true\n    primary_keys: [id]\n${extra}`);
    for (const [name, extra, pattern] of [
      ['sample-big.pact.yml', '    sample_size: 1000000\n', /sample_size must be between 0 and 1000, got 1000000/],
      ['sample-huge.pact.yml', '    sample_size: 1e300\n', /sample_size must be between 0 and 1000/],
      ['impact.pact.yml', '    estimated_impact_usd: 1e300\n', /estimated_impact_usd must be between 0 and 1000000000000000/],
    ] as const) {
      const r = cli(['validate', file(name, hash(extra))]);
      assert.equal(r.code, 1, `${name}: ${r.stdout}`);
      assert.match(r.stdout, pattern);
    }
    assert.equal(cli(['validate', file('sample-ok.pact.yml', hash('    sample_size: 1000\n'))]).code, 0);
  });

  it('requires three non-empty names in results_table', () => {
    const engine = (table: string) => `engine:\n  type: databricks\n  results_table: "${table}"\n${CLEAN}`;
    const r = cli(['validate', file('rt.pact.yml', engine('``.s.t'))]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /results_table must be catalog\.schema\.table: three non-empty names/);
    assert.equal(cli(['validate', file('rt-ok.pact.yml', engine('`main`.datapact.run_history'))]).code, 0);
  });

  it("reads a filter's quotes by the rules of the pact's engine", () => {
    const pact = (engine: string, filter: string) => `engine:\n  type: ${engine}\n${CLEAN}    filter: ${JSON.stringify(filter)}\n`;
    // DuckDB strings are standard: '\' is a whole string, so each of these hides a second statement.
    for (const [i, filter] of [`v = '\\' OR TRUE; DROP TABLE t; --'`, `v = $$'$$; DROP TABLE t`].entries()) {
      const r = cli(['validate', file(`duck-bad${i}.pact.yml`, pact('duckdb', filter))]);
      assert.equal(r.code, 1, filter);
      assert.match(r.stdout, /filter must be one SQL boolean expression: remove the ';'/);
    }
    // Valid DuckDB: a backslash does not escape the closing quote of "ab\".
    assert.equal(cli(['validate', file('duck-ok.pact.yml', pact('duckdb', `"ab\\" IS NULL OR v = '"' OR v = ';'`))]).code, 0);
    assert.equal(cli(['validate', file('duck-e.pact.yml', pact('duckdb', `v = E'\\'; x'`))]).code, 0);
    // Databricks (Spark) strings take backslash escapes: '\'; x' is one string.
    assert.equal(cli(['validate', file('spark-ok.pact.yml', pact('databricks', `v = '\\'; x'`))]).code, 0);
    assert.equal(cli(['validate', file('spark-bad.pact.yml', pact('databricks', `"ab\\" IS NULL OR v = '"' OR v = ';'`))]).code, 1);
  });

  it('validates long lists in linear time (per-item time at 100,000 items within 2.5x of that at 25,000)', () => {
    // In process: a CLI start would dominate the small size. Quadratic validation made this ratio about 4.
    const perItem = (n: number) => {
      const columns = Array.from({ length: n }, (_, i) => `      - c${i}`).join('\n');
      const text = `validations:\n${TASK}    pk_row_hash_check: true\n    primary_keys: [id]\n    hash_columns:\n${columns}\n`;
      const started = performance.now();
      const loaded = loadPact(text);
      const elapsed = performance.now() - started;
      assert.deepEqual(loaded.problems, []);
      return elapsed / n;
    };
    perItem(25_000); // warm-up
    const small = Math.min(perItem(25_000), perItem(25_000));
    const large = perItem(100_000);
    assert.ok(large / small < 2.5, `per-item time grew ${(large / small).toFixed(2)}x from 25,000 to 100,000 items`);
  });
});
