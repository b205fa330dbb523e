/** Writes the DuckDB benchmark's section of bench/results.md (between markers, so other sections stay). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SizeResult {
  rows: number;
  floorMs: number;
  naiveMs: number;
  taskMs: number;
  /** The least any exact key comparison costs: a FULL OUTER JOIN of the two key columns, nothing else. */
  keyJoinMs: number;
  /** The same task compiled without the tables' column lists (the engine's positional hash, DOUBLE sums). */
  positionalTaskMs: number;
  runs: number;
  generationMs?: number;
  /** The heaviest operators when the task missed the target. */
  profile?: string;
}

export interface Machine {
  nproc: number;
  memoryGb: number;
  node: string;
  duckdb: string;
  date: string;
  quick: boolean;
  targetRatio: number;
}

const START = '<!-- bench:duckdb-run:start -->';
const END = '<!-- bench:duckdb-run:end -->';

export function writeResults(path: string, results: readonly SizeResult[], m: Machine): void {
  const rows = results.map((r) => {
    const ratio = r.taskMs / r.floorMs;
    const keyJoin = `${r.keyJoinMs.toFixed(0)} (${(r.keyJoinMs / r.floorMs).toFixed(2)}×)`;
    const change = (r.taskMs / r.positionalTaskMs - 1) * 100;
    const positional = `${r.positionalTaskMs.toFixed(0)} (${(r.positionalTaskMs / r.floorMs).toFixed(2)}×; canonical ${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(0)}%)`;
    return `| ${r.rows.toLocaleString('en-US')} | ${r.taskMs.toFixed(0)} | ${r.floorMs.toFixed(0)} | **${ratio.toFixed(2)}×** ${ratio <= m.targetRatio ? '✔' : '✘'} | ${positional} | ${keyJoin} | ${r.naiveMs.toFixed(0)} | ${(r.taskMs / r.naiveMs).toFixed(2)}× |`;
  });
  const notes = results.filter((r) => r.profile).map((r) => `- ${r.rows.toLocaleString('en-US')} rows, heaviest operators: ${r.profile}`);
  const section = [
    START,
    `## DuckDB: one task with every check (${m.date}${m.quick ? ', --quick' : ''})`,
    '',
    `Machine: ${m.nproc} cores, ${m.memoryGb.toFixed(0)} GB memory, Node ${m.node}, DuckDB ${m.duckdb}. Median of ${results.map((r) => r.runs).join('/')} runs after one warm-up; floor, key join and task are timed in turns, a run of each per round (the naive diff at 10M rows: one run on warm data). Other work on the machine makes these numbers noisy; compare ratios, not milliseconds.`,
    '',
    '| rows per side | task (ms) | floor (ms) | task / floor | same task by position (ms, / floor) | key join alone (ms, / floor) | naive diff (ms) | task / naive |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Target: task ≤ ${m.targetRatio}× the floor. "Key join alone" is a FULL OUTER JOIN of the two key columns with no hashing and no other check: the least that counting rows missing on either side (which the row-hash check must do) costs on this machine. The task is compiled as a run compiles it, with both tables' column lists (row hash by name and canonical value — native: DuckDB's hash of the canonical values as a typed record; exact sums); "same task by position" is the SQL compiled without them (the engine's own hash of the row by position, DOUBLE sums), timed in the same turns.`,
    ...(notes.length > 0 ? ['', ...notes] : []),
    END,
  ].join('\n');
  const header = '# Benchmarks\n\nWritten by `npm run bench` (scripts/bench.mjs); re-run to refresh. See bench/duckdb-run.bench.ts for what is measured.\n\n';
  const current = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const at = current.indexOf(START);
  const endAt = current.indexOf(END);
  const next = at >= 0 && endAt > at ? current.slice(0, at) + section + current.slice(endAt + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
