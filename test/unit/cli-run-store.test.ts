/**
 * The results store and run handles through the built CLI, as users meet them: concurrent runs on one results
 * file, `history` during a run, a run killed mid-way, `attach` from a second process, `runs`, `--results`,
 * `--no-history`, a store that cannot be used, and `--output` never replacing a database, catalog or pact.
 * Slow tasks are real DuckDB work (a filter scanning a generated range); ENDLESS ends only when interrupted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, ENDLESS_FILTER, type EngineFixture } from '../engine/engine-fixture';
import { cli, duckdbEngine, ensureBuilt, spawnCli, taskYaml, writePact } from './cli-run-helpers';

interface HistoryJson {
  runs: { run_id: string; task_key: string; status: string; run_state?: string; error_message?: string | null }[];
}

describe('datapact run: the results store and run handles', () => {
  let fx: EngineFixture;
  let quick: string;
  let hanging: string;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    quick = writePact(fx, 'quick.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('orders_count', 'orders', { count_tolerance: 0 }),
        taskYaml('orders_nulls', 'orders', { null_validation_columns: ['amount'], null_validation_tolerance: 0 }),
        taskYaml('customers_count', 'customers', { count_tolerance: 0.05 }),
      ],
    });
    // One task that finishes at once, one that runs until it is interrupted or killed.
    hanging = writePact(fx, 'hanging.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        taskYaml('fast', 'orders', { count_tolerance: 0 }),
        taskYaml('endless', 'orders', { count_tolerance: 0, filter: ENDLESS_FILTER }),
      ],
    });
  });
  after(() => fx?.cleanup());

  const history = (pact: string, extra: string[] = []) => {
    const r = cli(['history', pact, '--format', 'json', '--limit', '50', ...extra], fx.dir);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as HistoryJson).runs;
  };

  it('five runs at once on one results file all succeed, and history finds every row of every run', async () => {
    const shared = join(fx.dir, 'shared', 'history.duckdb');
    const runs = Array.from({ length: 5 }, () => spawnCli(['run', quick, '--format', 'json', '--results', shared], fx.dir));
    const ended = await Promise.all(runs.map((r) => r.exit(180_000)));
    const ids = ended.map((e) => {
      assert.equal(e.code, 0, e.stderr);
      return (JSON.parse(e.stdout) as { run_id: string }).run_id;
    });
    assert.equal(new Set(ids).size, 5);
    const rows = history(quick, ['--results', shared]);
    for (const id of ids) {
      assert.deepEqual(
        rows.filter((r) => r.run_id === id).map((r) => [r.task_key, r.status]).sort(),
        [['customers_count', 'SUCCESS'], ['orders_count', 'SUCCESS'], ['orders_nulls', 'SUCCESS']],
        `run ${id}`,
      );
    }
    assert.equal(rows.length, 15);
  });

  it('history answers during a run (the run shown RUNNING); Ctrl-C then cancels the run, exit 130', async () => {
    const run = spawnCli(['run', hanging], fx.dir);
    try {
      await run.waitForOutput(/^✔ fast /m, 60_000);
      const during = cli(['history', hanging, '--limit', '1'], fx.dir);
      assert.equal(during.code, 0, during.stderr);
      assert.match(during.stdout, /fast\s+SUCCESS\s+RUNNING/);
      run.child.kill('SIGINT');
      const end = await run.exit(60_000);
      assert.equal(end.code, 130, end.stderr);
      assert.match(end.stdout, /^! endless {2}error: the run was cancelled/m);
      assert.match(end.stderr, /interrupted: 1 of 2 tasks finished; the other 1 is recorded as cancelled \(run \d+\)/);
      const after = history(hanging).filter((r) => r.task_key === 'endless');
      assert.equal(after[0]?.status, 'ERROR');
      assert.equal(after[0]?.run_state, 'CANCELLED');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('attach from a second process follows a run in flight to its end, with the same lines and exit code', async () => {
    const run = spawnCli(['run', hanging], fx.dir);
    try {
      await run.waitForOutput(/^✔ fast /m, 60_000);
      const runs = JSON.parse(cli(['runs', hanging, '--format', 'json'], fx.dir).stdout) as { runs: { run_id: string; state: string }[] };
      const current = runs.runs[0]!;
      assert.equal(current.state, 'RUNNING');
      const attach = spawnCli(['attach', current.run_id], fx.dir);
      await attach.waitForOutput(/^✔ fast /m, 60_000);
      assert.equal(attach.child.exitCode, null, 'attach is still following');
      run.child.kill('SIGINT');
      const [ran, attached] = await Promise.all([run.exit(60_000), attach.exit(60_000)]);
      assert.equal(ran.code, 130, ran.stderr);
      assert.equal(attached.code, 130, attached.stderr);
      const taskLines = (text: string) => text.split('\n').filter((l) => /^[✔✘!] /.test(l)).sort();
      assert.deepEqual(taskLines(attached.stdout), taskLines(ran.stdout));
      assert.match(attached.stdout, new RegExp(`^run ${current.run_id} on duckdb: ERROR`, 'm'));
      assert.match(attached.stdout, /^endless\s+ERROR/m);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('a run killed mid-way (SIGKILL) shows as INCOMPLETE in history, runs and attach; its unfinished task is ERROR', async () => {
    const run = spawnCli(['run', hanging], fx.dir);
    await run.waitForOutput(/^✔ fast /m, 60_000);
    run.child.kill('SIGKILL');
    await run.exit(30_000);
    const runId = (JSON.parse(cli(['runs', hanging, '--format', 'json'], fx.dir).stdout) as { runs: { run_id: string; state: string }[] }).runs[0]!;
    assert.equal(runId.state, 'INCOMPLETE');
    const rows = history(hanging).filter((r) => r.run_id === runId.run_id);
    assert.deepEqual(rows.map((r) => [r.task_key, r.status, r.run_state]).sort(), [
      ['endless', 'ERROR', 'INCOMPLETE'],
      ['fast', 'SUCCESS', 'INCOMPLETE'],
    ]);
    assert.match(rows.find((r) => r.task_key === 'endless')!.error_message ?? '', /run stopped before this task finished/);
    const text = cli(['history', hanging, '--limit', '1'], fx.dir);
    assert.match(text.stdout, /endless\s+ERROR\s+INCOMPLETE/);
    const attached = cli(['attach', runId.run_id], fx.dir);
    assert.equal(attached.code, 1, attached.stderr);
    assert.match(attached.stdout, /^! endless {2}error: no row recorded: the run stopped/m);
    assert.match(attached.stdout, /aggregate step: the run did not finish/);
  });

  it('--no-history runs without recording and says so; --results records in the named file', () => {
    const store = join(fx.dir, 'elsewhere', 'other.duckdb');
    const none = cli(['run', quick, '--no-history', '--results', store], fx.dir);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^results not recorded \(--no-history\)$/m);
    assert.ok(!existsSync(store));
    const recorded = cli(['run', quick, '--results', store], fx.dir);
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.ok(recorded.stdout.includes(`results recorded in ${store}`));
    assert.equal(history(quick, ['--results', store]).length, 3);
  });

  it('a corrupt, truncated or unwritable results store is exit 2 before any task runs', () => {
    const good = join(fx.dir, 'good.duckdb');
    assert.equal(cli(['run', quick, '--results', good], fx.dir).code, 0);
    const truncated = join(fx.dir, 'truncated.duckdb');
    copyFileSync(good, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const junk = join(fx.dir, 'junk.duckdb');
    writeFileSync(junk, 'PK\u0003\u0004 not a database');
    for (const store of [truncated, junk, '/sys/kernel/datapact-cli.duckdb']) {
      const before = existsSync(store) ? readFileSync(store) : undefined;
      const r = cli(['run', quick, '--results', store], fx.dir);
      assert.equal(r.code, 2, `${store}: ${r.stderr}`);
      assert.equal(r.stdout, '', 'no task ran');
      assert.match(r.stderr, /^datapact run: results store .* cannot be used: (the file is not a readable DuckDB database|permission denied)/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      if (before) assert.deepEqual(readFileSync(store), before, 'left as it was');
    }
  });

  it('--output refuses a DuckDB file, the results store, a catalog file or a pact, whatever the name (exit 2)', () => {
    assert.equal(cli(['run', quick], fx.dir).code, 0);
    copyFileSync(fx.shopFile, join(fx.dir, 'copy-of-db.json'));
    copyFileSync(quick, join(fx.dir, 'pact-copy.txt'));
    const cases: Array<[string, RegExp]> = [
      ['out/history.duckdb', /is the results store/],
      ['shop.duckdb', /is catalog "shop"/],
      ['lake/sales/orders.parquet', /is inside catalog "lake"/],
      ['copy-of-db.json', /is a DuckDB database/],
      ['pact-copy.txt', /is a pact/],
      ['hanging.pact.yml', /is a pact/],
    ];
    for (const [output, message] of cases) {
      const path = join(fx.dir, output);
      const before = readFileSync(path);
      const r = cli(['run', quick, '--format', 'json', '--output', output], fx.dir);
      assert.equal(r.code, 2, `${output}: ${r.stderr}`);
      assert.match(r.stderr, message, output);
      assert.deepEqual(readFileSync(path), before, `${output} is untouched`);
    }
    const ok = cli(['run', quick, '--format', 'json', '--output', 'report.json'], fx.dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(cli(['history', quick], fx.dir).code, 0);
  });
});
