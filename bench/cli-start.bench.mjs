// The CLI's start beside a bare `node -e 0`: commands that need no engine must not load DuckDB (target ≤ 2× the
// bare start). Rounds in turns (one run of each command per round), median per command; writes its section of
// bench/results.md. Run alone: `npm run bench -- --only cli-start` (after `npm run build`, which bench does).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist', 'cli.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const TARGET = 2;

// The orders example with other filters: one that calls a function the SQL check's fast path reads (`lower`), one
// with CASE, CAST and coalesce, one with a subquery over a join (inside the fast path too), and one with ILIKE,
// outside it: the grammar loads and parses.
const dir = mkdtempSync(join(tmpdir(), 'datapact-bench-start-'));
const orders = readFileSync(join(root, 'examples', 'orders.pact.yml'), 'utf8');
const withFilter = (file, filter) => {
  const path = join(dir, file);
  const text = orders.replace("filter: order_date >= DATE '2024-01-01'", `filter: ${filter}`);
  if (text === orders) throw new Error('examples/orders.pact.yml has no longer the filter this bench replaces');
  writeFileSync(path, text);
  return path;
};
const CALL_FILTER = "lower(status) <> 'void'";
const CASE_FILTER = "CASE WHEN coalesce(status, '') = 'void' THEN 0 ELSE CAST(total_amount AS DECIMAL(18, 2)) END >= 0";
const SUBQUERY_FILTER = 'customer_id IN (SELECT c.customer_id FROM customers AS c JOIN regions r ON c.region = r.region WHERE r.active)';
const GRAMMAR_FILTER = "status ILIKE 'v%'";
const callPact = withFilter('call.pact.yml', JSON.stringify(CALL_FILTER));
const casePact = withFilter('case.pact.yml', JSON.stringify(CASE_FILTER));
const subqueryPact = withFilter('subquery.pact.yml', JSON.stringify(SUBQUERY_FILTER));
const grammarPact = withFilter('grammar.pact.yml', JSON.stringify(GRAMMAR_FILTER));

const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'datapact --version', args: [cli, '--version'] },
  { name: 'datapact --help', args: [cli, '--help'] },
  { name: 'datapact sql examples/orders.pact.yml', args: [cli, 'sql', 'examples/orders.pact.yml'] },
  { name: 'datapact validate --offline examples/orders.pact.yml', args: [cli, 'validate', '--offline', 'examples/orders.pact.yml'] },
  { name: 'datapact validate --offline examples/demo.pact.yml', args: [cli, 'validate', '--offline', 'examples/demo.pact.yml'] },
  { name: `datapact validate --offline (orders, filter ${CALL_FILTER})`, args: [cli, 'validate', '--offline', callPact] },
  { name: `datapact validate --offline (orders, filter ${CASE_FILTER})`, args: [cli, 'validate', '--offline', casePact] },
  { name: `datapact validate --offline (orders, filter ${SUBQUERY_FILTER})`, args: [cli, 'validate', '--offline', subqueryPact] },
  { name: `datapact validate --offline (orders, filter ${GRAMMAR_FILTER}: outside the fast path)`, args: [cli, 'validate', '--offline', grammarPact] },
];

// Each process also reports the CPU time it used (user + system, from its start to its exit) through a preloaded
// hook on file descriptor 3: on a machine shared with other work, wall-clock time is mostly waiting for a core,
// while CPU time is what the start itself costs. The hook is loaded by every case alike, `node -e 0` included.
const cpuHook = join(dir, 'report-cpu.cjs');
writeFileSync(cpuHook, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeSync(3, String((u.user + u.system) / 1000)); });\n");

const times = cases.map(() => []);
const cpu = cases.map(() => []);
for (let round = 0; round <= rounds; round++) {
  cases.forEach((c, i) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-r', cpuHook, ...c.args], { cwd: root, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${c.name} exited ${r.status}`);
    if (round > 0) {
      times[i].push(ms); // round 0 warms the file cache
      cpu[i].push(Number(r.output[3].toString()));
    }
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
const cpuBase = median(cpu[0]);
const rows = cases.map((c, i) => {
  const ms = median(times[i]);
  const ratio = ms / base;
  const cpuMs = median(cpu[i]);
  const cpuRatio = cpuMs / cpuBase;
  const mark = (r) => (i === 0 ? '' : r <= TARGET ? ' ✔' : ' ✘');
  return `| ${c.name} | ${ms.toFixed(0)} | ${ratio.toFixed(2)}×${mark(ratio)} | ${cpuMs.toFixed(0)} | ${cpuRatio.toFixed(2)}×${mark(cpuRatio)} |`;
});
for (const row of rows) console.log(row);

const START = '<!-- bench:cli-start:start -->';
const END = '<!-- bench:cli-start:end -->';
const section = [
  START,
  `## CLI start (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB memory, Node ${process.version}. Median of ${rounds} rounds after a warm-up round, the commands in turns. Other work on the machine makes milliseconds noisy; compare ratios. Wall: from spawn to exit; CPU: user + system time the process used (what the start costs, without the waiting for a core that load adds).`,
  '',
  `Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')}.`,
  '',
  '| command | wall, median (ms) | / node -e 0 | CPU, median (ms) | / node -e 0 |',
  '|---|---:|---:|---:|---:|',
  ...rows,
  '',
  `Target: commands that need no engine ≤ ${TARGET}× a bare \`node -e 0\`. The SQL of the examples, the CASE/CAST/coalesce filter and the subquery over a join take the SQL check's fast path (core/src/sql-syntax/plain-sql.ts); the last row is SQL outside it (ILIKE), where the grammar loads (the cost every \`validate\` with SQL paid before the fast path).`,
  END,
].join('\n');
const path = join(root, 'bench', 'results.md');
const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
const at = current.indexOf(START);
const endAt = current.indexOf(END);
const next = at >= 0 && endAt > at ? current.slice(0, at) + section + current.slice(endAt + END.length) : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(path, next);
console.log('results written to bench/results.md');
