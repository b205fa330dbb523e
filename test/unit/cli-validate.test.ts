// `datapact validate` as CI runs it: the built CLI in a child process, real files, exit codes and output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './cli-run-helpers';

const CLI = join(process.cwd(), 'dist', 'cli.js');
ensureBuilt();
const dir = mkdtempSync(join(tmpdir(), 'datapact-cli-'));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pact(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const CLEAN = `validations:
  - task_key: orders
    source_catalog: legacy
    source_schema: sales
    source_table: orders
    target_catalog: lake
    target_schema: sales
    target_table: orders
    count_tolerance: 0.01
`;

test('a clean pact exits 0 and prints nothing', () => {
  const result = cli('validate', pact('clean.pact.yml', CLEAN));
  assert.equal(result.stdout, '');
  assert.equal(result.code, 0);
});

test('findings print as path:line:column: severity: message and exit 1', () => {
  const file = pact('bad.pact.yml', CLEAN.replace('count_tolerance: 0.01', 'count_tolerance: 1.5'));
  const result = cli('validate', file);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^bad\.pact\.yml:9:22: error: .*count_tolerance.*1\.5/m);
});

test('a YAML syntax error is located', () => {
  const file = pact('syntax.pact.yml', 'validations:\n  - task_key: [a\n');
  const result = cli('validate', file);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^syntax\.pact\.yml:\d+:\d+: error: /m);
});

test('--format json gives the findings with line and column', () => {
  const file = pact('bad2.pact.yml', CLEAN.replace('count_tolerance: 0.01', 'count_tolerance: 1.5'));
  const result = cli('validate', '--format', 'json', file);
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout);
  assert.deepEqual(report.files, [file]);
  assert.equal(report.findings.length, 1);
  assert.deepEqual(
    { line: report.findings[0].line, column: report.findings[0].column, severity: report.findings[0].severity },
    { line: 9, column: 22, severity: 'error' },
  );
});

test('an unreadable file exits 2; usage errors exit 2 with the usage text', () => {
  const missing = cli('validate', 'nope.pact.yml');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.pact\.yml: no such file/);
  const noArgs = cli('validate');
  assert.equal(noArgs.code, 2);
  assert.match(noArgs.stderr, /name at least one pact file\nRun 'datapact validate --help' for usage/);
  const badFlag = cli('validate', '--bogus', 'x');
  assert.equal(badFlag.code, 2);
  const unknown = cli('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
});

test('--help and --version', () => {
  const help = cli('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /validate\s+check pact files/);
  const version = cli('--version');
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a byte order mark does not shift columns on the first line (editors do not count it)', () => {
  const text = 'validatons: []\n';
  const plain = cli('validate', pact('nobom.pact.yml', text));
  const bom = cli('validate', pact('bom.pact.yml', `\uFEFF${text}`));
  assert.equal(bom.code, 1);
  assert.match(plain.stdout, /^nobom\.pact\.yml:1:1: error: unknown key 'validatons'/m);
  assert.equal(bom.stdout, plain.stdout.replaceAll('nobom.pact.yml', 'bom.pact.yml'));
});

test('CRLF line ends and a BOM give the same lines and columns as LF', () => {
  const text = CLEAN.replace('count_tolerance: 0.01', 'count_tolerance: 1.5');
  const crlf = cli('validate', '--format', 'json', pact('crlf.pact.yml', `\uFEFF${text.replace(/\n/g, '\r\n')}`));
  const finding = JSON.parse(crlf.stdout).findings[0];
  assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [9, 22, 9, 25]);
});

test('a folder named as a pact exits 2 saying it is a folder', () => {
  mkdirSync(join(dir, 'folder.pact.yml'), { recursive: true });
  const result = cli('validate', 'folder.pact.yml');
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'datapact validate: cannot read folder.pact.yml: it is a folder, not a file\n');
});

test('every text finding stays on one line, even when it quotes a value with a line break', () => {
  const result = cli('validate', pact('newline.pact.yml', 'validations:\n  - task_key: "a\\nb"\n    count_tolerance: 0\n'));
  assert.equal(result.code, 1);
  const lines = result.stdout.trimEnd().split('\n');
  assert.ok(lines.length >= 2);
  for (const line of lines) assert.match(line, /^newline\.pact\.yml:\d+:\d+: error: .* \[[\w-]+\]$/);
  assert.match(result.stdout, /task 'a\\nb'/);
});

test('the SQL grammar library never prints to the console (its messages are findings, not stderr noise)', () => {
  const text = `${CLEAN}    custom_sql_tests:
      - name: two_statements
        sql: "SELECT 1; SELECT a b c FROM t; SELECT"
`;
  const result = cli('validate', '--offline', pact('grammar-noise.pact.yml', text));
  assert.match(result.stdout, /\[sql-syntax\]/);
  assert.doesNotMatch(result.stderr, /line \d+:\d+/);
  assert.doesNotMatch(result.stdout, /line \d+:\d+ (extraneous|no viable|mismatched)/);
});
