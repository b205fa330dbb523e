/**
 * A verdict does not depend on the time zone of the machine that runs it. DuckDB's session time zone follows the
 * machine's (TZ), and a TIMESTAMP compared with a TIMESTAMPTZ is read in the session zone wherever the SQL leaves the
 * conversion to the engine (a join on primary keys): on a laptop in New York every row of a migrated table whose key
 * became TIMESTAMPTZ went missing on both sides, while CI in UTC passed. Through the built CLI on real DuckDB, the
 * same pact on the same data gives the same verdict and the same numbers in UTC, New York and Kolkata — a task's own
 * naive_timestamp_zone (Paris wall clocks migrated to instants) included.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { addToShop, cli, duckdbEngine, ensureBuilt, taskYaml, writePact } from './cli-run-helpers';

describe('datapact run: the machine\'s time zone does not change a verdict', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    await addToShop(fx, [
      // The legacy table keys events by a wall clock in UTC; the migrated one by the same instants.
      `CREATE TABLE sales.events AS
      SELECT TIMESTAMP '2024-03-01 00:00:00' + INTERVAL (i) HOUR AS event_ts, i AS v FROM range(1, 101) t(i)`,
      `CREATE TABLE sales.events_migrated AS SELECT CAST(event_ts AS TIMESTAMPTZ) AS event_ts, v FROM sales.events`,
      // A legacy table of Paris wall clocks, migrated to the instants they meant (naive_timestamp_zone: Europe/Paris);
      // June, away from a change of clocks (a wall clock of the spring-forward gap names no instant of its own).
      `CREATE TABLE sales.visits AS
      SELECT TIMESTAMP '2024-06-01 12:00:00' + INTERVAL (i) HOUR AS visit_ts, i AS v FROM range(1, 101) t(i)`,
      `CREATE TABLE sales.visits_migrated AS SELECT timezone('Europe/Paris', visit_ts) AS visit_ts, v FROM sales.visits`,
    ]);
    const visits = taskYaml('visits', 'visits', {
      primary_keys: ['visit_ts'], count_tolerance: 0, pk_row_hash_check: true, pk_hash_tolerance: 0, naive_timestamp_zone: 'Europe/Paris',
      agg_validations: [{ column: 'visit_ts', validations: [{ agg: 'MIN', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] }],
    });
    const events = taskYaml('events', 'events', { primary_keys: ['event_ts'], count_tolerance: 0, pk_row_hash_check: true, pk_hash_tolerance: 0 });
    writePact(fx, 'zones.pact.yml', {
      engine: duckdbEngine(),
      validations: [
        { ...events, target_catalog: 'shop', target_schema: 'sales', target_table: 'events_migrated' },
        { ...visits, target_catalog: 'shop', target_schema: 'sales', target_table: 'visits_migrated' },
      ],
    });
  });
  after(() => fx?.cleanup());

  for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
    it(`passes with every row compared on a machine in ${zone}`, () => {
      const r = cli(['run', 'zones.pact.yml', '--format', 'json'], fx.dir, { ...process.env, TZ: zone });
      assert.equal(r.code, 0, `${r.stdout.slice(0, 2000)}\n${r.stderr}`);
      const report = JSON.parse(r.stdout) as { tasks: { task_key: string; status: string; payload: Record<string, unknown> }[] };
      for (const key of ['events', 'visits']) {
        const task = report.tasks.find((t) => t.task_key === key)!;
        assert.equal(task.status, 'SUCCESS', `${key}: ${JSON.stringify(task.payload)}`);
        const hash = task.payload.row_hash_validation as Record<string, unknown>;
        assert.equal(hash.compared_rows, 100, JSON.stringify(hash));
        assert.equal(hash.missing_in_target, 0);
        assert.equal(hash.missing_in_source, 0);
      }
    });
  }
});
