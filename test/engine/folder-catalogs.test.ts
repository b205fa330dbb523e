/**
 * Folder catalogs mean exactly what the files say (issue 13): the built CLI runs pacts over folders whose file
 * names, case twins, columns and partition folders used to give SUCCESS for other data than the pact named.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { stringify } from 'yaml';
import { ensureBuilt } from '../unit/cli-run-helpers';

const CLI = join(process.cwd(), 'dist', 'cli.js');

/** The built CLI with a deadline: a run that waits on a FIFO is killed and fails the test instead of hanging it. */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let db: DuckDBConnection;
let instance: DuckDBInstance;

/** Writes a Parquet file of `rows` rows (column `v` = 1..rows, `id` = 100 + v). */
async function parquet(path: string, rows: number): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await db.run(`COPY (SELECT i AS v, 100 + i AS id FROM range(1, ${rows + 1}) t(i)) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
}

function task(key: string, source: [string, string, string], target: [string, string, string], extra: Record<string, unknown> = {}) {
  return {
    task_key: key,
    source_catalog: source[0], source_schema: source[1], source_table: source[2],
    target_catalog: target[0], target_schema: target[1], target_table: target[2],
    ...extra,
  };
}

function runPact(name: string, engine: Record<string, unknown>, validations: unknown[]) {
  writeFileSync(join(dir, name), stringify({ engine: { type: 'duckdb', results: 'out/history.duckdb', ...engine }, validations }));
  return cli(['run', name, '--format', 'json'], dir);
}

function statuses(stdout: string): [string, string][] {
  const report = JSON.parse(stdout) as { tasks: { task_key: string; status: string }[] };
  return report.tasks.map((t) => [t.task_key, t.status]);
}

describe('folder catalogs', () => {
  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datapact-folders-'));
    instance = await DuckDBInstance.create(':memory:');
    db = await instance.connect();
  });
  after(() => {
    db?.disconnectSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file name with glob characters literally', async () => {
    await parquet(join(dir, 'glob', 's', 'u[1].parquet'), 3);
    await parquet(join(dir, 'glob', 's', 'u1.parquet'), 1);
    await parquet(join(dir, 'glob', 's', 'a*b.parquet'), 2);
    await parquet(join(dir, 'glob', 's', 'axb.parquet'), 5);
    await parquet(join(dir, 'ref', 's', 'three.parquet'), 3);
    await parquet(join(dir, 'ref', 's', 'two.parquet'), 2);
    const r = runPact('glob.pact.yml', { catalogs: { g: 'glob', ref: 'ref' } }, [
      task('brackets', ['g', 's', 'u[1]'], ['ref', 's', 'three'], { count_tolerance: 0 }),
      task('star', ['g', 's', 'a*b'], ['ref', 's', 'two'], { count_tolerance: 0 }),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(statuses(r.stdout), [['brackets', 'SUCCESS'], ['star', 'SUCCESS']]);
  });

  it('refuses two files whose names differ only by case, naming both', async () => {
    await parquet(join(dir, 'twins', 's', 'Orders.parquet'), 3);
    await parquet(join(dir, 'twins', 's', 'orders.parquet'), 1);
    const r = runPact('twins.pact.yml', { catalogs: { t: 'twins' } }, [task('x', ['t', 's', 'orders'], ['t', 's', 'Orders'], { count_tolerance: 0 })]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /s\/Orders\.parquet and s\/orders\.parquet would be the same table 'orders' \(DuckDB names ignore case\)/);
    assert.equal(r.stdout, '');
  });

  it('refuses a Parquet and a CSV file that would be one table', async () => {
    await parquet(join(dir, 'mixed', 's', 'orders.parquet'), 3);
    writeFileSync(join(dir, 'mixed', 's', 'ORDERS.csv'), 'v\n1\n');
    const r = runPact('mixed.pact.yml', { catalogs: { m: 'mixed' } }, [task('x', ['m', 's', 'orders'], ['m', 's', 'orders'], { count_tolerance: 0 })]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /s\/ORDERS\.csv and s\/orders\.parquet/);
  });

  it('refuses schema folders whose names differ only by case', async () => {
    await parquet(join(dir, 'schemas', 'Sales', 'a.parquet'), 3);
    await parquet(join(dir, 'schemas', 'sales', 'b.parquet'), 1);
    const r = runPact('schemas.pact.yml', { catalogs: { c: 'schemas' } }, [task('x', ['c', 'sales', 'a'], ['c', 'sales', 'b'], { count_tolerance: 0 })]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /Sales\/ and sales\//);
  });

  it('refuses columns whose names differ only by case, in Parquet and in CSV, naming the file and both columns', async () => {
    // DuckDB itself never writes such a Parquet file: write zzqa/yyqb and rename yyqb in the footer (same length).
    const written = join(dir, 'cols-tmp', 'p.parquet');
    mkdirSync(join(dir, 'cols-tmp'), { recursive: true });
    mkdirSync(join(dir, 'cols', 's'), { recursive: true });
    await db.run(`COPY (SELECT 1 AS zzqa, 2 AS yyqb) TO '${written}' (FORMAT parquet)`);
    const bytes = readFileSync(written).toString('latin1').split('yyqb').join('ZZQA');
    writeFileSync(join(dir, 'cols', 's', 'p.parquet'), Buffer.from(bytes, 'latin1'));
    const parquetRun = runPact('cols.pact.yml', { catalogs: { c: 'cols' } }, [task('x', ['c', 's', 'p'], ['c', 's', 'p'], { count_tolerance: 0 })]);
    assert.equal(parquetRun.code, 2, parquetRun.stdout + parquetRun.stderr);
    assert.match(parquetRun.stderr, /s\/p\.parquet has columns 'zzqa' and 'ZZQA', which differ only by case/);

    mkdirSync(join(dir, 'csvcols', 's'), { recursive: true });
    writeFileSync(join(dir, 'csvcols', 's', 'c.csv'), 'a,A\n1,2\n');
    const csvRun = runPact('csvcols.pact.yml', { catalogs: { c: 'csvcols' } }, [task('x', ['c', 's', 'c'], ['c', 's', 'c'], { count_tolerance: 0 })]);
    assert.equal(csvRun.code, 2, csvRun.stdout + csvRun.stderr);
    assert.match(csvRun.stderr, /s\/c\.csv has columns 'a' and 'A'/);
  });

  it('reads key=value folders as columns only when the engine block asks for hive partitioning', async () => {
    // The files' own id is 101..103; a folder named id=1 must not replace it.
    await parquet(join(dir, 'hive', 's', 't', 'id=1', 'part.parquet'), 3);
    await parquet(join(dir, 'flat', 's', 't.parquet'), 3);
    const tasks = [task('ids', ['h', 's', 't'], ['f', 's', 't'], { agg_validations: [{ column: 'id', validations: [{ agg: 'SUM', tolerance: 0 }] }] })];
    const plain = runPact('hive.pact.yml', { catalogs: { h: 'hive', f: 'flat' } }, tasks);
    assert.equal(plain.code, 0, plain.stdout + plain.stderr);
    assert.deepEqual(statuses(plain.stdout), [['ids', 'SUCCESS']]);
    const hive = runPact('hive-on.pact.yml', { catalogs: { h: 'hive', f: 'flat' }, hive_partitioning: true }, tasks);
    assert.equal(hive.code, 1, hive.stdout + hive.stderr);
    assert.deepEqual(statuses(hive.stdout), [['ids', 'FAILURE']]);
  });

  it('refuses a FIFO among the data files at once instead of waiting for a writer', async () => {
    await parquet(join(dir, 'fifo', 's', 'ok.parquet'), 3);
    const mkfifo = spawnSync('mkfifo', [join(dir, 'fifo', 's', 'pipe.csv')]);
    assert.equal(mkfifo.status, 0, 'mkfifo is needed for this test');
    const started = Date.now();
    const r = runPact('fifo.pact.yml', { catalogs: { f: 'fifo' } }, [task('x', ['f', 's', 'ok'], ['f', 's', 'ok'], { count_tolerance: 0 })]);
    assert.ok(Date.now() - started < 120_000);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /s\/pipe\.csv is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a FIFO as a catalog file and as the results file at once', async () => {
    await parquet(join(dir, 'plain', 's', 't.parquet'), 3);
    assert.equal(spawnSync('mkfifo', [join(dir, 'catalog.duckdb')]).status, 0);
    const catalog = runPact('fifo-catalog.pact.yml', { catalogs: { p: 'plain', c: 'catalog.duckdb' } }, [task('x', ['p', 's', 't'], ['p', 's', 't'], { count_tolerance: 0 })]);
    assert.equal(catalog.code, 2, catalog.stdout + catalog.stderr);
    assert.match(catalog.stderr, /catalog "c": .*catalog\.duckdb is a FIFO \(named pipe\), not a DuckDB file or a folder/);

    assert.equal(spawnSync('mkfifo', [join(dir, 'results.duckdb')]).status, 0);
    const results = runPact('fifo-results.pact.yml', { catalogs: { p: 'plain' }, results: 'results.duckdb' }, [task('x', ['p', 's', 't'], ['p', 's', 't'], { count_tolerance: 0 })]);
    assert.equal(results.code, 2, results.stdout + results.stderr);
    assert.match(results.stderr, /results\.duckdb .*not a regular file/);
    const history = cli(['history', 'fifo-results.pact.yml'], dir);
    assert.equal(history.code, 2, history.stdout + history.stderr);
    assert.match(history.stderr, /results\.duckdb.*FIFO \(named pipe\), not a regular file/);
  });
});
