/**
 * Cost in the size of a pact (issue 13): time per task at 100 and at 10,000 tasks, as a ratio (1.0 = linear),
 * for validation (`loadPact`), the aggregate step with the task keys written into it (as a Databricks run writes
 * them), a whole DuckDB run through the built CLI (with its peak memory), and the language server (completion on a
 * 5 MB pact, memory after the document shrinks). Run through `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileAggregate, compileResultsDdl, loadPact, type ResultTables } from '../core/src/index';
import { startServer } from '../test/protocol/lsp-harness';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SMALL = 100;
const LARGE = Number(process.env.DATAPACT_BENCH_TASKS ?? 10_000);

/** The lines this run measured, written to bench/results.md at the end. */
const lines: string[] = [];
function report(line: string): void {
  console.log(line);
  lines.push(`- ${line}`);
}

const taskYaml = (i: number) =>
  `  - task_key: t${i}\n    source_catalog: lake\n    source_schema: s\n    source_table: a\n` +
  `    target_catalog: lake\n    target_schema: s\n    target_table: b\n    count_tolerance: 0\n    primary_keys: [id]\n` +
  `    pk_row_hash_check: true\n`;
const pactText = (n: number, engine = '') => `${engine}validations:\n${Array.from({ length: n }, (_, i) => taskYaml(i)).join('')}`;

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return 0;
  }
}

function perTask(n: number, work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / n;
}

function validation(): void {
  loadPact(pactText(SMALL)); // warm-up
  const small = perTask(SMALL, () => loadPact(pactText(SMALL)));
  const large = perTask(LARGE, () => loadPact(pactText(LARGE)));
  report(`validation: ${small.toFixed(3)} ms/task at ${SMALL}, ${large.toFixed(3)} ms/task at ${LARGE}: ratio ${(large / small).toFixed(2)}`);
}

/**
 * The aggregate step with n expected task keys written into its statements (one VALUES list), run on DuckDB over a
 * run_history where every task but the last recorded SUCCESS; ms per key, median of 5 after a warm-up. A local run
 * reads its keys from a table instead (part of the whole run below); a Databricks run writes them in like this.
 */
async function aggregatePerKey(n: number): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH ':memory:' AS results`);
    const tables: ResultTables = {
      runHistory: { catalog: 'results', schema: 'main', table: 'run_history' },
      alertHistory: { catalog: 'results', schema: 'main', table: 'alert_history' },
    };
    for (const sql of compileResultsDdl('duckdb', tables)) await c.run(sql);
    await c.run(`INSERT INTO results.main.run_history (run_id, task_key, status) SELECT '7', 'task_' || i, 'SUCCESS' FROM range(${n - 1}) t(i)`);
    const taskKeys = Array.from({ length: n }, (_, i) => `task_${i}`);
    const step = async () => {
      const [insert, verdict] = compileAggregate('duckdb', { tables, jobName: 'bench', taskKeys });
      await c.run(insert!, { run_id: '7' });
      // The verdict raises: the last task recorded no row.
      const raised = await c.run(verdict!, { run_id: '7' }).then(() => false, () => true);
      if (!raised) throw new Error(`the aggregate step of ${n} keys passed a run missing a task`);
    };
    await step();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await step();
      times.push((performance.now() - started) / n);
    }
    return times.sort((a, b) => a - b)[2]!;
  } finally {
    c.disconnectSync();
    instance.closeSync();
  }
}

async function aggregate(): Promise<void> {
  const small = await aggregatePerKey(SMALL);
  const large = await aggregatePerKey(LARGE);
  report(`aggregate step (keys in the statement): ${small.toFixed(4)} ms/key at ${SMALL}, ${large.toFixed(4)} ms/key at ${LARGE}: ratio ${(large / small).toFixed(2)}`);
}

/** Runs the built CLI on an n-task pact; resolves with ms per task and the peak RSS of the process. */
function cliRun(dir: string, n: number): Promise<{ perTask: number; peakMb: number }> {
  const engine = `engine:\n  type: duckdb\n  catalogs: { lake: lake }\n  results: out-${n}/history.duckdb\n`;
  writeFileSync(join(dir, `run-${n}.pact.yml`), pactText(n, engine));
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'run', `run-${n}.pact.yml`, '--format', 'json'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakMb = 0;
    const poll = setInterval(() => (peakMb = Math.max(peakMb, rssMb(child.pid!))), 100);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) return fail(new Error(`run of ${n} tasks exited ${code}: ${stderr.slice(0, 500)}`));
      done({ perTask: (performance.now() - started) / n, peakMb });
    });
  });
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-scale-'));
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    mkdirSync(join(dir, 'lake', 's'), { recursive: true });
    for (const t of ['a', 'b']) {
      await c.run(`COPY (SELECT i AS id, i * 2 AS v FROM range(100) t(i)) TO '${join(dir, 'lake', 's', `${t}.parquet`)}' (FORMAT parquet)`);
    }
    c.disconnectSync();
    instance.closeSync();
    const small = await cliRun(dir, SMALL);
    const large = await cliRun(dir, LARGE);
    report(
      `duckdb run: ${small.perTask.toFixed(1)} ms/task at ${SMALL}, ${large.perTask.toFixed(1)} ms/task at ${LARGE}: ratio ` +
        `${(large.perTask / small.perTask).toFixed(2)}; peak memory ${small.peakMb.toFixed(0)} MB and ${large.peakMb.toFixed(0)} MB (target < 1024 MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function languageServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-scale-lsp-'));
  const server = await startServer();
  try {
    const pid = server.child.pid!;
    const small = pactText(1);
    const uri = await server.open(join(dir, 'big.pact.yml'), small);
    await server.diagnostics(uri);
    const startMb = rssMb(pid);
    let text = pactText(Math.ceil(5_000_000 / taskYaml(0).length));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      text = text.replace(`task_key: t${i}\n`, `task_key: t${i}x\n`);
      server.change(uri, text);
      const started = performance.now();
      await server.request('textDocument/completion', { textDocument: { uri }, position: { line: 2 + i * 10, character: 4 } }, 300_000);
      times.push(performance.now() - started);
    }
    await server.diagnostics(uri, () => true, 300_000);
    const peakMb = rssMb(pid);
    server.change(uri, small);
    await server.diagnostics(uri, () => true, 120_000);
    await new Promise((r) => setTimeout(r, 5000));
    console.log(`completion after each edit (ms): ${times.map((t) => t.toFixed(0)).join(", ")}`);
    const sorted = [...times].sort((a, b) => a - b);
    report(
      `language server, ${(text.length / 1e6).toFixed(1)} MB pact: completion median ${sorted[10]!.toFixed(0)} ms, worst ${sorted[19]!.toFixed(0)} ms ` +
        `(target < 1000 ms); memory ${startMb.toFixed(0)} MB at start, ${peakMb.toFixed(0)} MB at peak, ${rssMb(pid).toFixed(0)} MB 5 s after shrinking`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The first completion after opening a document: a 5 MB pact against a 1,000-task one (0.3 MB, below the size
 * where the server works from windows), each opened fresh, in turns, in one server (median of 5).
 */
async function firstCompletion(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-scale-first-'));
  const server = await startServer();
  try {
    const warm = await server.open(join(dir, 'warm.pact.yml'), pactText(3));
    await server.request('textDocument/completion', { textDocument: { uri: warm }, position: { line: 3, character: 4 } }, 60_000);
    const counts = { small: 1_000, large: Math.ceil(5_000_000 / taskYaml(0).length) };
    const sizes = { small: pactText(counts.small), large: pactText(counts.large) };
    const times = { small: [] as number[], large: [] as number[] };
    for (let round = 0; round < 5; round++) {
      for (const size of ['small', 'large'] as const) {
        const text = sizes[size];
        const uri = await server.open(join(dir, `${size}-${round}.pact.yml`), text);
        // A key of the task in the middle (10 lines a task; its last line, `pk_row_hash_check`, at column 4).
        const line = 1 + Math.floor(counts[size] / 2) * 10 + 9;
        const started = performance.now();
        await server.request('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } }, 300_000);
        times[size].push(performance.now() - started);
        await server.closeDocument(uri);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [small, large] = [median(times.small), median(times.large)];
    report(
      `first completion after opening: ${(sizes.large.length / 1e6).toFixed(1)} MB pact ${large.toFixed(0)} ms, 1,000-task pact (${(sizes.small.length / 1e6).toFixed(2)} MB) ` +
        `${small.toFixed(0)} ms: ratio ${(large / small).toFixed(2)} (worst of 5 on 5 MB: ${Math.max(...times.large).toFixed(0)} ms)`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeResults(): void {
  const START = '<!-- bench:scale:start -->';
  const END = '<!-- bench:scale:end -->';
  const section = [
    START,
    `## Cost in the size of a pact (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB memory, Node ${process.version}. Time per task at ${SMALL} and at ${LARGE} tasks (ratio 1.0 = linear); peak memory of a whole run through the built CLI; the language server on a 5 MB pact (completion after each of 20 edits, memory after the document shrinks). Other work on the machine makes milliseconds noisy; compare ratios.`,
    '',
    ...lines,
    END,
  ].join('\n');
  const path = join(ROOT, 'bench', 'results.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(START);
  const endAt = current.indexOf(END);
  // Parts not run this time (DATAPACT_BENCH_PARTS) keep their last line.
  const kept = at >= 0 && endAt > at ? current.slice(at, endAt).split('\n').filter((l) => l.startsWith('- ') && !lines.some((n) => n.split(/[:,]/)[0] === l.split(/[:,]/)[0])) : [];
  const full = kept.length > 0 ? section.replace(`\n${END}`, `\n${kept.join('\n')}\n${END}`) : section;
  const next = at >= 0 && endAt > at ? current.slice(0, at) + full + current.slice(endAt + END.length) : `${current.trimEnd()}\n\n${full}\n`;
  writeFileSync(path, next);
  console.log('results written to bench/results.md');
}

/** DATAPACT_BENCH_PARTS=validation,aggregate,run,lsp,first-completion (default: all). */
const parts = new Set((process.env.DATAPACT_BENCH_PARTS ?? 'validation,aggregate,run,lsp,first-completion').split(','));

void (async () => {
  if (parts.has('validation')) validation();
  if (parts.has('aggregate')) await aggregate();
  if (parts.has('run')) await run();
  if (parts.has('lsp')) await languageServer();
  if (parts.has('first-completion')) await firstCompletion();
  writeResults();
})().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
