/**
 * A run whose results file another process holds, through the built CLI on real DuckDB: tasks keep computing
 * while their rows wait for the file (a run is never paced by its writes), no task is reported finished before
 * its row is in the file, and once the file is free every row lands. Each task reads two named pipes (gates), so
 * the test sees a task begin when DuckDB opens its gate: no timing, no sleeps.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { feedGates } from '../e2e/gate-feed';
import { cli, duckdbEngine, ensureBuilt, spawnCli, taskYaml, writePact } from './cli-run-helpers';

const ROOT = resolve(__dirname, '..', '..');
/** More tasks than the run's most connections (4): a run that waited on its writes would stop after 4. */
const KEYS = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];

/**
 * Another process holding the results file open for writing (DuckDB's lock), taken once the run has recorded its
 * start, kept until `release`.
 */
function holdStore(path: string): { held: Promise<void>; release(): Promise<number | null> } {
  const script = `
    const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => {
      const instance = await DuckDBInstance.create(':memory:');
      const c = await instance.connect();
      for (;;) {
        try {
          await c.run(${JSON.stringify(`ATTACH '${path.replace(/'/g, "''")}' AS s`)});
        } catch { await new Promise((r) => setTimeout(r, 10)); continue; }
        const started = await c.runAndReadAll("SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 's' AND table_name = 'datapact_runs'");
        if (Number(started.getRowObjectsJson()[0].n) > 0) break;
        await c.run('DETACH s');
        await new Promise((r) => setTimeout(r, 10));
      }
      process.stdout.write('held\\n');
      process.stdin.once('data', async () => { await c.run('DETACH s'); process.exit(0); });
    })();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const held = new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && done());
    void exited.then(() => fail(new Error('the holder exited before holding the file')));
  });
  return {
    held,
    release: () => {
      child.stdin!.write('release\n');
      return exited;
    },
  };
}

/** The gates of a task: `<dir>/gate-<key>-source` and `-target` (see feedGates). */
function gatesOf(dir: string, keys: readonly string[]): { opened(key: string): boolean; close(): void } {
  const prefix = (key: string) => join(dir, `gate-${key}`);
  const feeding = feedGates(keys.map(prefix));
  return { opened: (key) => feeding.opened(prefix(key)), close: () => feeding.close() };
}

/** Resolves once `condition` holds, polling every 20 ms; rejects after `ms` saying what did not happen. */
async function until(condition: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what()} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('datapact run: a results file held by another process', () => {
  let fx: EngineFixture;
  let gates: string;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    gates = mkdtempSync(join(tmpdir(), 'datapact-gates-'));
    for (const key of KEYS) {
      for (const side of ['source', 'target']) assert.equal(spawnSync('mkfifo', [join(gates, `gate-${key}-${side}`)]).status, 0, 'mkfifo');
    }
  });
  after(() => {
    fx?.cleanup();
    rmSync(gates, { recursive: true, force: true });
  });

  it('keeps computing tasks while their rows wait for the file, reports none before its row is written, then records all', async () => {
    const pact = writePact(fx, 'held.pact.yml', {
      engine: duckdbEngine(),
      validations: KEYS.map((key) =>
        taskYaml(key, 'orders', {
          count_tolerance: 0,
          // One row whatever the gate gave (two feeds may meet in one read): the task waits on it, nothing more.
          custom_sql_tests: [
            { name: 'gate', sql: `SELECT 1 AS n FROM (SELECT count(*) FROM read_csv('${join(gates, `gate-${key}`)}-{{ rendered_role }}'))` },
          ],
        }),
      ),
    });
    const holder = holdStore(fx.resultsFile);
    const run = spawnCli(['run', pact], fx.dir);
    const feeding = gatesOf(gates, KEYS);
    let released = false;
    try {
      await Promise.race([holder.held, run.exit(60_000).then(() => Promise.reject(new Error(`the run ended first: ${run.stdout()}`)))]);
      // Every task begins although no row can be written meanwhile.
      await until(
        () => KEYS.every((key) => feeding.opened(key)),
        40_000,
        () => `tasks ${KEYS.filter((key) => !feeding.opened(key)).join(', ')} did not begin while the file was held`,
      );
      assert.doesNotMatch(run.stdout(), /^[✔✘!] /m, 'no task is reported before its row is in the file');
      assert.equal(await holder.release(), 0);
      released = true;
      const end = await run.exit(60_000);
      assert.equal(end.code, 0, `${end.stdout}\n${end.stderr}`);
      for (const key of KEYS) assert.match(end.stdout, new RegExp(`^✔ ${key} `, 'm'));
      assert.match(end.stdout, /^results recorded in /m);
    } finally {
      feeding.close();
      if (!released) await holder.release();
      run.child.kill('SIGKILL');
    }
    const history = cli(['history', pact, '--format', 'json', '--limit', '50'], fx.dir);
    assert.equal(history.code, 0, history.stderr);
    const rows = (JSON.parse(history.stdout) as { runs: { task_key: string; status: string }[] }).runs;
    assert.deepEqual(rows.map((r) => [r.task_key, r.status]).sort(), KEYS.map((key) => [key, 'SUCCESS']));
  });
});
