/** Spawning the built CLI (dist/cli.js) against real pact files and DuckDB data in a temp dir. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { task, type EngineFixture } from '../engine/engine-fixture';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** Source folders the bundles are built from: a change in any of them makes dist/ stale. */
const SOURCES = ['core/src', 'cli/src', 'server/src', 'client/src', 'client/webview', 'web', 'protocol', 'schemas', 'package.json', 'scripts/build.mjs'];

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when dist/cli.js is missing or older than a source it is built from (a stale bundle would test old code). */
export function distIsStale(bundle = CLI): boolean {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

/** Builds when dist/ is missing or older than the sources, so a test never runs yesterday's bundle. */
export function ensureBuilt(): void {
  if (!distIsStale()) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A pact over the fixture's catalogs with paths relative to the pact file, as users write them. */
export function writePact(fx: EngineFixture, name: string, body: Record<string, unknown>): string {
  const path = join(fx.dir, name);
  writeFileSync(path, stringify(body));
  return path;
}

export function duckdbEngine(): Record<string, unknown> {
  return { type: 'duckdb', catalogs: { shop: 'shop.duckdb', lake: 'lake' }, results: 'out/history.duckdb' };
}

/** A task as YAML data: the engine fixture's task, with keys a test adds or overrides. */
export function taskYaml(key: string, table: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...task(key, table), ...extra };
}

/** Runs `statements` on the fixture's shop.duckdb, in UTC (the tables a test adds beside the fixture's). */
export async function addToShop(fx: EngineFixture, statements: readonly string[]): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(fx.shopFile);
  const c = await instance.connect();
  try {
    await c.run(`SET TimeZone = 'UTC'`);
    for (const statement of statements) await c.run(statement);
  } finally {
    c.disconnectSync();
    instance.closeSync();
  }
}

/**
 * A minimal XML well-formedness check (enough for JUnit): tags nest and close, attributes are quoted, and text
 * has no raw `<` or stray `&`. Returns the element names in document order.
 */
export function checkXml(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = m;
    const raw = text ?? attrs ?? '';
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(raw)) throw new Error(`stray & in ${raw}`);
    if (text !== undefined) continue;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      names.push(name!);
      if (!selfClosing) stack.push(name!);
    }
  }
  if (consumed !== body.length) throw new Error(`unparsable XML at: ${body.slice(consumed, consumed + 40)}`);
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(', ')}`);
  return names;
}

/** The built CLI as a child process a test can watch, signal and await (every wait with a deadline). */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern`; rejects after `ms`. */
  waitForOutput(pattern: RegExp, ms: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name); rejects after `ms`. */
  exit(ms: number): Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: string[], cwd: string): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const deadline = <T>(ms: number, what: string, promise: Promise<T>) => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms; stdout: ${out}\nstderr: ${err}`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForOutput: (pattern, ms) =>
      deadline(
        ms,
        `no output matching ${pattern}`,
        new Promise<void>((resolve) => {
          const check = () => {
            if (pattern.test(out)) {
              child.stdout!.off('data', check);
              resolve();
            }
          };
          child.stdout!.on('data', check);
          check();
        }),
      ),
    exit: (ms) =>
      deadline(
        ms,
        'the CLI did not exit',
        Promise.all([exited, closed]).then(([e]) => ({ ...e, stdout: out, stderr: err })),
      ),
  };
}
