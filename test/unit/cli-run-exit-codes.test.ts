/**
 * Honest exit codes through the built CLI on real DuckDB: a pact whose catalogs are missing is a configuration
 * error (2, nothing written); Ctrl-C is 130 with one line saying how many tasks finished and that the rest are
 * recorded as cancelled; a run-time error that traces to the pact is printed at its place.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');

describe('datapact run: exit codes', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
  });
  after(() => fx?.cleanup());

  it('exits 2 and writes nothing when the pact names catalogs the engine block does not have', () => {
    writeFileSync(
      join(fx.dir, 'nocatalogs.pact.yml'),
      'validations:\n  - task_key: a\n    source_catalog: shop\n    source_schema: sales\n    source_table: orders\n    target_catalog: lake\n    target_schema: sales\n    target_table: orders\n    count_tolerance: 0\n',
    );
    const r = cli(['run', 'nocatalogs.pact.yml', '--engine', 'duckdb'], fx.dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /catalogs "shop", "lake", which engine.catalogs does not name/);
    assert.equal(r.stdout, '');
    assert.ok(!existsSync(join(fx.dir, '.datapact')), 'no results store, no run record');
  });

  it('prints a run-time error that traces to the pact at its path:line:column', () => {
    writePact(fx, 'runtime.pact.yml', {
      engine: duckdbEngine(),
      validations: [taskYaml('typo', 'customers', { null_validation_tolerance: 0, null_validation_columns: ['emial'] })],
    });
    const r = cli(['run', 'runtime.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^! typo {2}error: .*"emial"/m);
    assert.match(r.stdout, /^ {2}at runtime\.pact\.yml:\d+:\d+ \(null_validation_columns\)$/m);
  });

  it('on a pipe, says which task is still running after a while, then again; --quiet says nothing', async () => {
    const slow = 'SELECT count(*) AS n FROM {{ table_fqn }}, range(2000000000)';
    writePact(fx, 'progress.pact.yml', {
      engine: duckdbEngine(),
      validations: [taskYaml('slow', 'orders', { custom_sql_tests: [{ name: 'forever', sql: slow }] })],
    });
    const watch = (args: string[], stopWhen: (stderr: string) => boolean, afterMs: number) => {
      const child = spawn(process.execPath, [CLI, 'run', 'progress.pact.yml', ...args], {
        cwd: fx.dir,
        env: { ...process.env, DATAPACT_PROGRESS_MS: '300,600' },
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      return new Promise<string>((done, fail) => {
        const started = Date.now();
        const deadline = setTimeout(() => {
          child.kill('SIGKILL');
          fail(new Error(`no exit within 90 s\n${stderr}`));
        }, 90_000);
        const poll = setInterval(() => {
          if (stopWhen(stderr) || Date.now() - started > afterMs) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 100);
        child.on('exit', () => {
          clearTimeout(deadline);
          clearInterval(poll);
          done(stderr);
        });
      });
    };
    const loud = await watch([], (e) => (e.match(/still running/g) ?? []).length >= 2, 60_000);
    assert.match(loud, /^datapact run: slow still running \(\d+s\)$/m);
    assert.ok((loud.match(/slow still running/g) ?? []).length >= 2, loud);
    const quiet = await watch(['--quiet'], () => false, 4_000);
    assert.doesNotMatch(quiet, /still running/);
  });

  it('Ctrl-C exits 130 with one line: how many finished, the rest recorded as cancelled', async () => {
    const slow = 'SELECT count(*) AS n FROM {{ table_fqn }}, range(2000000000)';
    writePact(fx, 'slow.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('quick', 'customers', { count_tolerance: 0.5 }),
        taskYaml('slow', 'orders', { custom_sql_tests: [{ name: 'forever', sql: slow }] }),
        // Slow too: a quick third task could finish between 'quick' and the SIGINT (seen once: 2 of 3 finished).
        taskYaml('later', 'orders', { custom_sql_tests: [{ name: 'forever', sql: slow }] }),
      ],
    });
    const child = spawn(process.execPath, [CLI, 'run', 'slow.pact.yml'], { cwd: fx.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done, fail) => {
      const deadline = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`no exit within 90 s\n${stdout}\n${stderr}`));
      }, 90_000);
      const poll = setInterval(() => {
        if (/quick/.test(stdout)) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 100);
      child.on('exit', (c) => {
        clearTimeout(deadline);
        clearInterval(poll);
        done(c);
      });
    });
    assert.equal(code, 130, stdout + stderr);
    assert.match(stderr, /interrupted: 1 of 3 tasks finished; the other 2 are recorded as cancelled/);
    assert.doesNotMatch(stderr + stdout, /INTERRUPT Error|Interrupted!/);
  });
});
