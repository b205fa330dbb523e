/**
 * `datapact attach` reports as `run` does, through the built CLI on real DuckDB: the engine the run was started
 * on (`--engine`, when the local record of runs cannot say), the place in the pact an error traces to, and check
 * names read from the pact.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { cli, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

describe('datapact attach: the same report as run', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    // No engine type in the file (so Databricks by default): this pact runs on DuckDB only with --engine duckdb.
    writePact(fx, 'attach.pact.yml', {
      engine: { catalogs: { shop: 'shop.duckdb', lake: 'lake' }, results: 'out/history.duckdb' },
      validations: [
        taskYaml('orders', 'orders', { count_tolerance: 0, uniqueness_columns: ['order_id', 'amount'], uniqueness_tolerance: 0 }),
        taskYaml('broken', 'orders', { null_validation_columns: ['emial'], null_validation_tolerance: 0 }),
      ],
    });
  });
  after(() => fx?.cleanup());

  it('follows a run started with --engine once told the engine, placing its errors in the pact as run does', () => {
    const ran = cli(['run', 'attach.pact.yml', '--engine', 'duckdb', '--format', 'json'], fx.dir);
    assert.equal(ran.code, 1, ran.stderr);
    const runId = (JSON.parse(ran.stdout) as { run_id: string }).run_id;
    const text = cli(['run', 'attach.pact.yml', '--engine', 'duckdb'], fx.dir);
    const placed = text.stdout.split('\n').find((l) => l.startsWith('  at '));
    assert.match(placed ?? '', /^ {2}at attach\.pact\.yml:\d+:\d+ \(null_validation_columns\)$/, text.stdout);

    // The local record of runs is gone (another machine, a cleaned folder): only the flag can say the engine.
    rmSync(join(fx.dir, '.datapact', 'runs.json'), { force: true });
    const attached = cli(['attach', runId, '--pact', 'attach.pact.yml', '--engine', 'duckdb'], fx.dir);
    assert.equal(attached.code, 1, attached.stderr);
    assert.match(attached.stdout, /^! broken {2}error: .*emial/m);
    assert.ok(attached.stdout.includes(`${placed}\n`), `attach places the error as run does:\n${attached.stdout}`);
    assert.match(attached.stdout, new RegExp(`^run ${runId} on duckdb: `, 'm'));

    const json = cli(['attach', runId, '--pact', 'attach.pact.yml', '--engine', 'duckdb', '--format', 'json'], fx.dir);
    const report = JSON.parse(json.stdout) as { tasks: Array<{ task_key: string; checks: Array<{ name: string }> }> };
    const names = report.tasks.find((t) => t.task_key === 'orders')!.checks.map((c) => c.name);
    assert.deepEqual(names, ['row count', 'uniqueness of (order_id, amount)', 'rows compared']);
  });

  it('refuses an engine it does not know, as run does', () => {
    const r = cli(['attach', '1', '--pact', 'attach.pact.yml', '--engine', 'oracle'], fx.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--engine must be duckdb or databricks, got 'oracle'/);
  });
});
