// `npm run bench` (after `npm run build`): every benchmark, each measuring ratios against a baseline taken in the
// same run. Never part of `npm test`. Flags: `--quick` (DuckDB at 1M rows only), `--only duckdb|lsp|scale|cli-start|yaml`;
// within scale, DATAPACT_BENCH_PARTS=validation,aggregate,run,lsp,first-completion picks parts (DATAPACT_BENCH_TASKS the large size).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;

const benches = {
  // The DuckDB run: one task with every check vs one hashing scan of each table and a naive EXCEPT ALL diff.
  duckdb: ['--import', 'tsx', join(root, 'bench', 'duckdb-run.bench.ts'), ...args],
  // The language server on a 1,000-task pact vs Red Hat yaml-language-server with our schema.
  lsp: [join(root, 'bench', 'lsp-bench.mjs')],
  // The CLI's start beside a bare `node -e 0` (commands that need no engine must not load DuckDB).
  'cli-start': [join(root, 'bench', 'cli-start.bench.mjs')],
  // Whether the fast YAML path pays: loadPact with it on and off, on the examples and on 1,000-task pacts.
  yaml: ['--import', 'tsx', join(root, 'bench', 'yaml-fast-path.bench.ts')],
  // Cost in the size of a pact: time per task at 100 vs 10,000 tasks (validation, the aggregate step with its
  // keys in the statement, a DuckDB run and its memory),
  // completion on a 5 MB pact and the server's memory after the document shrinks.
  scale: ['--import', 'tsx', join(root, 'bench', 'scale.bench.ts')],
};

let status = 0;
for (const [name, argv] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== bench: ${name}`);
  const result = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' });
  status ||= result.status ?? 1;
}
process.exit(status);
