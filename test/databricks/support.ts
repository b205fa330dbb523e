/**
 * Test support for the Databricks engine: pacts in a temporary folder with a temporary HOME, the built CLI spawned
 * with only the environment a test gives it (never the machine's Databricks settings), and the workspace emulator.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const WAREHOUSE_ID = 'a1b2c3d4e5f60718';

/** Builds when dist/ is missing or older than its sources: the suite never runs a stale bundle, even outside `npm test`. */
export { ensureBuilt } from '../unit/cli-run-helpers';

export interface Sandbox {
  /** The pact folder (what a run may write: .datapact/, reports). */
  dir: string;
  /** A temporary HOME (the user's own ~/.databrickscfg lives here). */
  home: string;
  close(): void;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'datapact-dbx-'));
  const dir = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  return { dir, home, close: () => rmSync(root, { recursive: true, force: true }) };
}

/** The environment a spawned CLI gets: PATH and HOME only, plus what the test adds. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliAsync(args: string[], cwd: string, env: Record<string, string>, deadlineMs = 120_000): Promise<CliResult> & { child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const promise = new Promise<CliResult>((resolveResult, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`datapact ${args.join(' ')} did not end within ${deadlineMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveResult({ code, stdout, stderr });
    });
  }) as Promise<CliResult> & { child: ReturnType<typeof spawn> };
  promise.child = child;
  return promise;
}

export function writePact(dir: string, name: string, body: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(body));
  return path;
}

/** A task over the emulator's `shop.sales` (source) and `lake.sales` (target) tables. */
export function taskYaml(key: string, table: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    task_key: key,
    source_catalog: 'shop',
    source_schema: 'sales',
    source_table: table,
    target_catalog: 'lake',
    target_schema: 'sales',
    target_table: table,
    ...extra,
  };
}

export function databricksEngine(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'databricks', warehouse: 'Starter Warehouse', results_table: 'datapact.results.run_history', job_name: 'nightly checks', ...extra };
}

/** Source and target tables: `orders` equal on both sides, `customers` with a row missing and a value changed. */
export const SEED_SQL = `
  CREATE SCHEMA shop.sales;
  CREATE SCHEMA lake.sales;
  CREATE TABLE shop.sales.orders (id BIGINT, amount DECIMAL(10,2), status STRING) USING DELTA;
  INSERT INTO shop.sales.orders VALUES (1, 10.50, 'open'), (2, 20.25, 'shipped'), (3, 5.00, NULL), (4, 7.75, 'O\\'Hare; -- x');
  CREATE TABLE lake.sales.orders (id BIGINT, amount DECIMAL(10,2), status STRING) USING DELTA;
  INSERT INTO lake.sales.orders VALUES (1, 10.50, 'open'), (2, 20.25, 'shipped'), (3, 5.00, NULL), (4, 7.75, 'O\\'Hare; -- x');
  CREATE TABLE shop.sales.customers (id BIGINT, name STRING) USING DELTA;
  INSERT INTO shop.sales.customers VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy'), (4, 'Di');
  CREATE TABLE lake.sales.customers (id BIGINT, name STRING) USING DELTA;
  INSERT INTO lake.sales.customers VALUES (1, 'Ann'), (2, 'Bobby'), (3, 'Cy');
`;

/** Every file under `dir` (recursively), for "no token in any file" checks. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function assertNoSecret(secret: string, texts: Record<string, string>, dir?: string): void {
  for (const [where, text] of Object.entries(texts)) {
    if (text.includes(secret)) throw new Error(`the secret appears in ${where}`);
  }
  for (const file of dir ? filesUnder(dir) : []) {
    if (readFileSync(file).includes(secret)) throw new Error(`the secret appears in ${file}`);
  }
}
