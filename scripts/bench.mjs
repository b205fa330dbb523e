// `npm run bench` (after `npm run build`): the DuckDB run benchmark, TypeScript loaded through tsx.
// Flags are passed on: `npm run bench -- --quick` measures 1M rows only. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'bench', 'duckdb-run.bench.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
