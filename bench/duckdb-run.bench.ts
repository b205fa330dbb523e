/**
 * How fast one task with every check kind runs on DuckDB, against two yardsticks measured in the same process:
 * the floor (one scan of each table hashing every column: no validation can read less) and a naive diff
 * (EXCEPT ALL both ways). Run through `npm run bench` (scripts/bench.mjs); `--quick` measures 1M rows only.
 */
import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compileTask, type Task } from '../core/src/index';
import { readDuckDbTaskColumns } from '../core/src/engines/duckdb/duckdb-task-columns';
import { BENCH_COLUMNS, ensureBenchData } from './bench-data';
import { writeResults, type SizeResult } from './bench-report';

const ROOT = resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const SIZES = quick ? [1_000_000] : [1_000_000, 10_000_000];
const TARGET_RATIO = 1.5;

/** The task under test: every check kind over src → tgt. */
const TASK: Task = {
  task_key: 'bench_every_check',
  source_catalog: 'bench',
  source_schema: 'main',
  source_table: 'src',
  target_catalog: 'bench',
  target_schema: 'main',
  target_table: 'tgt',
  primary_keys: ['id'],
  count_tolerance: 0.01,
  pk_row_hash_check: true,
  pk_hash_tolerance: 0.01,
  null_validation_columns: ['note', 'status'],
  null_validation_tolerance: 0.05,
  agg_validations: [
    { column: 'amount', validations: [{ agg: 'SUM', tolerance: 0.001 }, { agg: 'AVG', tolerance: 0.001 }, { agg: 'MAX', tolerance: 0 }] },
    { column: 'qty', validations: [{ agg: 'SUM', tolerance: 0.01 }] },
  ],
  uniqueness_columns: ['id'],
  uniqueness_tolerance: 0,
  custom_sql_tests: [{ name: 'status mix', sql: 'SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status' }],
};

async function timeIt(c: DuckDBConnection, sqls: readonly string[], runs: number, warmUp = true): Promise<number> {
  if (warmUp) for (const sql of sqls) await c.run(sql); // file cache and DuckDB buffers
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (const sql of sqls) await c.run(sql);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Medians of `runs` rounds; each round runs every workload once, in the given order, after one warm-up each. */
async function timeInTurns(c: DuckDBConnection, workloads: readonly (readonly string[])[], runs: number): Promise<number[]> {
  for (const sqls of workloads) for (const sql of sqls) await c.run(sql);
  const times = workloads.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [w, sqls] of workloads.entries()) {
      const start = performance.now();
      for (const sql of sqls) await c.run(sql);
      times[w]!.push(performance.now() - start);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

async function measure(rows: number): Promise<SizeResult> {
  const genStart = performance.now();
  const { path, built } = await ensureBenchData(join(ROOT, 'bench', '.data'), rows);
  const generationMs = built ? performance.now() - genStart : undefined;
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`ATTACH '${path.replace(/'/g, "''")}' AS bench (READ_ONLY)`);
  const runs = rows >= 10_000_000 ? 3 : 5;
  const cols = BENCH_COLUMNS.map((col) => `"${col}"`).join(', ');
  const floor = ['src', 'tgt'].map((t) => `SELECT sum(hash(${cols})) FROM bench.main.${t}`);
  const naive = [
    'SELECT count(*) FROM (SELECT * FROM bench.main.src EXCEPT ALL SELECT * FROM bench.main.tgt)',
    'SELECT count(*) FROM (SELECT * FROM bench.main.tgt EXCEPT ALL SELECT * FROM bench.main.src)',
  ];
  const keyJoin = ['SELECT count(*), count(s.id), count(t.id) FROM bench.main.src AS s FULL OUTER JOIN bench.main.tgt AS t ON s.id = t.id'];
  // As a run compiles it: with both tables' column lists (canonical row hash by name, exact sums).
  const columns = await readDuckDbTaskColumns(c, TASK);
  if (!columns) throw new Error('the bench tables could not be described');
  const task = compileTask(TASK, 'duckdb', columns).metricsSql;
  const positionalTask = compileTask(TASK, 'duckdb').metricsSql;
  // Floor, key join and the tasks are timed in turns (one run of each per round), so that a change in the machine's
  // load during the benchmark weighs on all alike and the ratios stay comparable.
  const [floorMs, keyJoinMs, taskMs, positionalTaskMs] = await timeInTurns(c, [floor, keyJoin, [task], [positionalTask]], runs);
  // The naive diff is the slow yardstick (~45 s at 10M rows on 2 cores): at 10M it runs once, on data the floor
  // already warmed, to keep the whole benchmark within about five minutes.
  const naiveMs = rows >= 10_000_000 ? await timeIt(c, naive, 1, false) : await timeIt(c, naive, runs);
  let profile: string | undefined;
  if (taskMs > TARGET_RATIO * floorMs) profile = await topOperators(c, task);
  c.disconnectSync();
  instance.closeSync();
  return { rows, floorMs, naiveMs, taskMs, keyJoinMs, positionalTaskMs, runs, generationMs, profile };
}

/** The heaviest operators of the task's plan (EXPLAIN ANALYZE), to say what dominates when the target is missed. */
async function topOperators(c: DuckDBConnection, sql: string): Promise<string> {
  await c.run("PRAGMA enable_profiling = 'json'");
  await c.run("PRAGMA profiling_output = ''");
  const reader = await c.runAndReadAll(`EXPLAIN ANALYZE ${sql}`);
  await c.run('PRAGMA disable_profiling');
  const json = JSON.parse(String(reader.getRows()[0]?.[1] ?? '{}')) as ProfileNode;
  const ops: { name: string; time: number; rows: number }[] = [];
  const walk = (n: ProfileNode) => {
    if (n.operator_name) ops.push({ name: `${n.operator_name} ${(n.extra_info?.Table as string) ?? ''}`.trim(), time: n.operator_timing ?? 0, rows: n.operator_cardinality ?? 0 });
    n.children?.forEach(walk);
  };
  walk(json);
  const total = ops.reduce((s, o) => s + o.time, 0) || 1;
  return ops
    .sort((a, b) => b.time - a.time)
    .slice(0, 6)
    .map((o) => `${o.name}: ${(o.time * 1000).toFixed(0)} ms (${((o.time / total) * 100).toFixed(0)}% of operator time, ${o.rows.toLocaleString('en-US')} rows)`)
    .join('; ');
}

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

async function main() {
  const results: SizeResult[] = [];
  for (const rows of SIZES) {
    process.stdout.write(`measuring ${rows.toLocaleString('en-US')} rows ... `);
    const r = await measure(rows);
    results.push(r);
    const ratio = r.taskMs / r.floorMs;
    console.log(
      `task ${r.taskMs.toFixed(0)} ms, floor ${r.floorMs.toFixed(0)} ms (${ratio.toFixed(2)}x), by position ${r.positionalTaskMs.toFixed(0)} ms, key join alone ${r.keyJoinMs.toFixed(0)} ms (${(r.keyJoinMs / r.floorMs).toFixed(2)}x), naive diff ${r.naiveMs.toFixed(0)} ms (task = ${(r.taskMs / r.naiveMs).toFixed(2)}x)`,
    );
    if (r.profile) console.log(`  above ${TARGET_RATIO}x the floor; heaviest operators: ${r.profile}`);
  }
  const version = await duckdbVersion();
  writeResults(join(ROOT, 'bench', 'results.md'), results, {
    nproc: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    duckdb: version,
    date: new Date().toISOString().slice(0, 10),
    quick,
    targetRatio: TARGET_RATIO,
  });
  console.log('results written to bench/results.md');
}

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const v = (await c.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0]?.v;
  c.disconnectSync();
  instance.closeSync();
  return String(v);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
