/**
 * The built CLI on a real terminal (a pseudo-terminal from util-linux `script`), and what the SQL grammar library
 * would print: on a terminal `run` keeps one live line naming each running task and how long it has run; the
 * grammar's console output never reaches the user.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('datapact on a terminal', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
  });
  after(() => fx?.cleanup());

  it('keeps a live line per running task with its elapsed time, cleared before the result line', { skip: hasScript ? false : 'util-linux script is not installed' }, async () => {
    const slow = 'SELECT count(*) AS n FROM {{ table_fqn }}, range(2000000000)';
    writePact(fx, 'live.pact.yml', {
      engine: duckdbEngine(),
      validations: [taskYaml('slow', 'orders', { custom_sql_tests: [{ name: 'forever', sql: slow }] }), taskYaml('quick', 'orders', { count_tolerance: 0 })],
    });
    // `script` gives the CLI a pseudo-terminal on stdin, stdout and stderr; its output is what the terminal shows.
    const child = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run live.pact.yml`, '/dev/null'], { cwd: fx.dir });
    let screen = '';
    child.stdout.on('data', (c: Buffer) => (screen += c.toString()));
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    try {
      await new Promise<void>((done, fail) => {
        const deadline = setTimeout(() => fail(new Error(`no live line within 60 s:\n${JSON.stringify(screen)}`)), 60_000);
        const poll = setInterval(() => {
          if (/\r\x1b\[Krunning: slow [1-9]\d*s/.test(screen)) {
            clearTimeout(deadline);
            clearInterval(poll);
            done();
          }
        }, 50);
      });
      assert.match(screen, /✔ quick {2}2\/2 checks passed/);
      // The live line was cleared before the result line was written, so the two never share a line.
      assert.doesNotMatch(screen, /running: [^\r\n]*✔ quick/);
      assert.doesNotMatch(screen, /still running/, 'a terminal gets the live line, not the pipe\'s notes');
    } finally {
      // Ctrl-C typed on the terminal: its driver interrupts the CLI, which cancels the run and exits.
      child.stdin.write('\x03');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      assert.match(screen, /interrupted: 1 of 2 tasks finished/);
    }
  });

  it("never shows the SQL grammar library's console output", () => {
    // A query the grammar reads statement by statement with its own console listener (it used to print
    // `line 1:… extraneous input …` to stderr).
    writePact(fx, 'noisy.pact.yml', {
      engine: duckdbEngine(),
      validations: [taskYaml('noisy', 'orders', { custom_sql_tests: [{ name: 'two', sql: 'SELECT 1 FROM {{ table_fqn }}; SELECT 2 2' }] })],
    });
    const r = cli(['validate', '--offline', 'noisy.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /noisy\.pact\.yml:\d+:\d+: warning: SQL syntax in custom SQL/);
    assert.doesNotMatch(r.stdout + r.stderr, /line \d+:\d+|extraneous|mismatched input|no viable alternative at input/);
  });
});
