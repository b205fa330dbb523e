// Does the fast YAML path (core/src/pact/fast-cst*.ts) pay? loadPact on the shipped examples and on generated
// 1,000-task pacts, fast path on vs off (median of runs, after warm-ups); writes its section of bench/results.md.
// Run alone: `npm run bench -- --only yaml`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter } from 'yaml';
import { loadPact } from '../core/src/index';
import { fastCst } from '../core/src/pact/fast-cst';
import { parsing } from '../core/src/pact/parse-pact-text';
const ROOT = join(__dirname, '..');
const files = ['examples/orders.pact.yml', 'examples/demo.pact.yml', 'examples/finance.pact.yml', 'examples/datapact_legacy.yml'];
function gen(n: number, flow: boolean) {
  const l = ['engine:', '  type: duckdb', 'validations:'];
  for (let i = 0; i < n; i++) l.push(`  # Task ${i}`, `  - task_key: t${i}`, `    source_catalog: a`, `    source_schema: b`, `    source_table: s${i}`, `    target_catalog: a`, `    target_schema: b`, `    target_table: t${i}`, flow ? '    primary_keys: [id]' : '    primary_keys:\n      - id', `    count_tolerance: 0.01`, `    filter: "amount > ${i}"`);
  return l.join('\n') + '\n';
}
const texts: Array<[string, string]> = files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]);
texts.push(['generated 1,000 tasks (block lists)', gen(1000, false)], ['generated 1,000 tasks (flow lists)', gen(1000, true)]);
function time(fn: () => void, reps: number) { const xs: number[] = []; for (let i = 0; i < reps; i++) { const s = process.hrtime.bigint(); fn(); xs.push(Number(process.hrtime.bigint() - s) / 1e6); } xs.sort((a, b) => a - b); return xs[Math.floor(xs.length / 2)]!; }
const rows: string[] = [];
for (const [name, text] of texts) {
  const takesFast = fastCst(text, new LineCounter()) !== undefined;
  const reps = text.length > 50000 ? 15 : 200;
  for (let w = 0; w < 3; w++) { loadPact(text); parsing.fast = false; loadPact(text); parsing.fast = true; }
  // In turns (one run of each per round), so that load and JIT state hit both alike.
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < reps; i++) {
    on.push(time(() => loadPact(text), 1));
    parsing.fast = false;
    off.push(time(() => loadPact(text), 1));
    parsing.fast = true;
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const a = median(on);
  const b = median(off);
  rows.push(`| ${name} | ${text.split('\n').length} | ${takesFast ? 'yes' : 'no'} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)}× |`);
}
for (const row of rows) console.log(row);
const START = '<!-- bench:yaml-fast-path:start -->';
const END = '<!-- bench:yaml-fast-path:end -->';
const section = [
  START,
  `## YAML fast path (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Node ${process.version}. loadPact (parse, schema, rules, model), median ms, fast path on vs off. Other work on the machine makes milliseconds noisy; compare ratios.`,
  '',
  '| pact | lines | takes the fast path | fast on (ms) | fast off (ms) | off / on |',
  '|---|---:|---|---:|---:|---:|',
  ...rows,
  END,
].join('\n');
const path = join(ROOT, 'bench', 'results.md');
const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
const at = current.indexOf(START);
const endAt = current.indexOf(END);
writeFileSync(path, at >= 0 && endAt > at ? current.slice(0, at) + section + current.slice(endAt + END.length) : `${current.trimEnd()}\n\n${section}\n`);
console.log('results written to bench/results.md');
