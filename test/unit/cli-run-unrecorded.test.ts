/**
 * A results store that breaks in the middle of a run, through the built CLI on real DuckDB: the task whose row
 * could not be written is ERROR saying why, and the summary names it instead of claiming "results recorded".
 * The second task waits on a gate (named pipes its custom SQL reads) until the test has broken the store.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { feedGate } from '../e2e/gate-feed';
import { duckdbEngine, ensureBuilt, spawnCli, taskYaml, writePact } from './cli-run-helpers';

describe('datapact run: a store that breaks during the run', () => {
  let fx: EngineFixture;
  let gates: string;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    gates = mkdtempSync(join(tmpdir(), 'datapact-gates-'));
    for (const side of ['source', 'target']) assert.equal(spawnSync('mkfifo', [join(gates, `gate-${side}`)]).status, 0, 'mkfifo');
  });
  after(() => {
    fx?.cleanup();
    rmSync(gates, { recursive: true, force: true });
  });

  it('makes the task whose row was not written ERROR and names it in the summary', async () => {
    writePact(fx, 'breaking.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('fast', 'orders', { count_tolerance: 0 }),
        taskYaml('gated', 'orders', {
          custom_sql_tests: [{ name: 'gate', sql: `SELECT count(*) AS n FROM read_csv('${join(gates, 'gate')}-{{ rendered_role }}')` }],
        }),
      ],
    });
    const run = spawnCli(['run', 'breaking.pact.yml'], fx.dir);
    let gate: { close(): void } | undefined;
    try {
      await run.waitForOutput(/^✔ fast /m, 60_000);
      // The store is no DuckDB file any more (what a full disk or another program can leave behind).
      writeFileSync(fx.resultsFile, 'this is not a database\n'.repeat(100));
      gate = feedGate(join(gates, 'gate'));
      const end = await run.exit(60_000);
      assert.equal(end.code, 1, end.stderr);
      assert.match(end.stdout, /^! gated {2}error: computed SUCCESS, but its row could not be written to .*history\.duckdb/m);
      assert.match(end.stdout, /^1 of 2 task rows recorded in .*history\.duckdb; not recorded: gated \(/m);
      assert.doesNotMatch(end.stdout, /^results recorded in/m);
    } finally {
      gate?.close();
      run.child.kill('SIGKILL');
    }
  });
});
