/**
 * The dashboard kept up to date by the job: after `datapact dashboard`, every `datapact run` refreshes that one
 * dashboard as the job's last task (after aggregate_results, whatever the verdict); running the pact twice — with
 * `dashboard` and `setup-alert` again in between — leaves exactly one dashboard and one alert, updated, never
 * recreated. The dashboard's dataset queries and the alert's query, executed on the warehouse over the rows those runs
 * wrote, count exactly what happened. A dashboard trashed in the workspace is no longer refreshed, and the run still
 * runs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { startEmulator, type Emulator } from '../emulator/index';
import type { Run } from '../emulator/jobs/job-store';
import { cleanEnv, cliAsync, ensureBuilt, sandbox, type Sandbox } from '../databricks/support';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACT = `engine:
  type: databricks
  warehouse: Starter
  results_table: main.datapact.run_history
  job_name: nightly
validations:
  - task_key: equal
    source_catalog: main
    source_schema: s
    source_table: a
    target_catalog: main
    target_schema: s
    target_table: a
    count_tolerance: 0
  - task_key: short
    source_catalog: main
    source_schema: s
    source_table: a
    target_catalog: main
    target_schema: s
    target_table: b
    count_tolerance: 0
`;

describe('the job refreshes the dashboard (workspace emulator)', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({
      catalogs: ['main'],
      warehouses: [{ id: 'wh1', name: 'Starter', state: 'RUNNING' }],
      seedSql: `CREATE SCHEMA main.s;
        CREATE TABLE main.s.a (id BIGINT) USING DELTA; INSERT INTO main.s.a VALUES (1), (2), (3);
        CREATE TABLE main.s.b (id BIGINT) USING DELTA; INSERT INTO main.s.b VALUES (1), (2);`,
    });
    box = sandbox();
    writeFileSync(join(box.dir, 'nightly.pact.yml'), PACT);
    env = cleanEnv(box.home, em.env());
  });
  after(async () => {
    await em?.close();
    box?.close();
  });

  const activeDashboards = () => [...em.state.dashboards.byId.values()].filter((d) => d.lifecycle === 'ACTIVE');
  const runs = (): Run[] => [...em.state.jobs.runs.values()].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));

  async function cli(args: string[], expectedCode = 0): Promise<string> {
    const r = await cliAsync(args, box.dir, env, 240_000);
    assert.equal(r.code, expectedCode, `datapact ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /** The run's refresh task ran after aggregate_results ended, and refreshed `dashboardId`. */
  function assertRefreshedLast(run: Run, dashboardId: string): void {
    const aggregate = run.tasks.find((t) => t.taskKey === 'aggregate_results');
    const refresh = run.tasks.find((t) => t.taskKey === 'refresh_dashboard');
    assert.ok(aggregate && refresh, `tasks of run ${run.runId}: ${run.tasks.map((t) => t.taskKey).join(', ')}`);
    assert.equal(refresh.spec.dashboard_task?.dashboard_id, dashboardId);
    assert.equal(refresh.result, 'SUCCESS', refresh.message);
    assert.ok(refresh.startTime >= aggregate.endTime, 'after the aggregate step');
  }

  it('runs twice after datapact dashboard and setup-alert: one dashboard refreshed by each run, one alert, never recreated', { timeout: 600_000 }, async () => {
    await cli(['dashboard', 'nightly.pact.yml']);
    const [dashboard] = activeDashboards();
    assert.ok(dashboard);
    await cli(['setup-alert', 'nightly.pact.yml', '--destination', 'ops@example.com']);

    await cli(['run', 'nightly.pact.yml'], 1); // `short` fails on purpose: the dashboard is refreshed all the same
    const job = em.state.jobs.named('nightly');
    assert.equal(job.length, 1);
    const tasks = (job[0]!.settings as { tasks: Array<{ task_key: string; depends_on?: { task_key: string }[]; run_if?: string; dashboard_task?: { dashboard_id: string; warehouse_id: string } }> }).tasks;
    const last = tasks[tasks.length - 1]!;
    assert.deepEqual(last, {
      task_key: 'refresh_dashboard',
      depends_on: [{ task_key: 'aggregate_results' }],
      run_if: 'ALL_DONE',
      dashboard_task: { dashboard_id: dashboard.dashboardId, warehouse_id: 'wh1' },
    });
    assertRefreshedLast(runs().at(-1)!, dashboard.dashboardId);

    await cli(['dashboard', 'nightly.pact.yml']);
    await cli(['setup-alert', 'nightly.pact.yml', '--destination', 'ops@example.com', '--every', '15m']);
    await cli(['run', 'nightly.pact.yml'], 1);
    assertRefreshedLast(runs().at(-1)!, dashboard.dashboardId);

    assert.deepEqual(em.state.dashboards.refreshed, [dashboard.dashboardId, dashboard.dashboardId]);
    assert.equal(em.state.dashboards.created, 1, 'the dashboard was never recreated');
    assert.deepEqual(activeDashboards().map((d) => d.dashboardId), [dashboard.dashboardId]);
    assert.equal(em.state.alerts.alertsCreated, 1, 'the alert was never recreated');
    assert.equal(em.state.alerts.alerts.size, 1);
    assert.equal(em.state.alerts.destinationsCreated, 1);
    assert.equal(em.state.jobs.named('nightly').length, 1);
  });

  /** Runs Databricks SQL on the warehouse through the Statement Execution API (the emulator executes it on DuckDB). */
  async function onWarehouse(statement: string): Promise<Array<Record<string, string | null>>> {
    const w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
    const answer = await w.statementExecution.executeStatement({ warehouse_id: 'wh1', statement, wait_timeout: '30s' });
    assert.equal(answer.status?.state, 'SUCCEEDED', `${statement}\n${JSON.stringify(answer.status)}`);
    const columns = answer.manifest?.schema?.columns?.map((c) => c.name!) ?? [];
    return (answer.result?.data_array ?? []).map((row) => Object.fromEntries(columns.map((c, k) => [c, (row as Array<string | null>)[k] ?? null])));
  }

  it('the dashboard\'s datasets and the alert\'s query, executed on the warehouse, count the rows the two runs wrote', { timeout: 300_000 }, async () => {
    // What the runs recorded, read back plainly: the oracle the dashboard's queries are held to.
    const rows = await em.sql(
      'SELECT task_key, status, run_id, CAST(job_start_ts AS STRING) AS started, to_json(result_payload) AS payload FROM main.datapact.run_history',
    );
    const runIds = [...new Set(rows.map((r) => r.run_id!))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    assert.equal(runIds.length, 2, 'two runs recorded');
    assert.equal(rows.length, 4);
    const lastRun = runIds[1]!;

    const [dashboard] = activeDashboards();
    assert.ok(dashboard);
    const definition = JSON.parse(dashboard.serialized) as { datasets: Array<{ name: string; queryLines: string[] }> };
    const results = new Map<string, Array<Record<string, string | null>>>();
    for (const dataset of definition.datasets) results.set(dataset.name, await onWarehouse(dataset.queryLines.join('')));

    assert.deepEqual(
      results.get('dp_last_run')!.map(({ started: _, ...r }) => r),
      [{ run_id: lastRun, tasks: '2', passed: '1', failed: '1', errored: '0' }],
    );
    const byDay = results.get('dp_failures_by_day')!;
    assert.deepEqual(
      [byDay.reduce((n, r) => n + Number(r.tasks), 0), byDay.reduce((n, r) => n + Number(r.failed_tasks), 0)],
      [4, 2],
      JSON.stringify(byDay),
    );
    for (const day of byDay) assert.equal(Number(day.failure_rate), Number(day.failed_tasks) / Number(day.tasks));
    const shortStarts = rows.filter((r) => r.task_key === 'short').map((r) => Date.parse(`${r.started!.replace(' ', 'T')}Z`));
    assert.deepEqual(
      results.get('dp_top_failing')!.map((r) => ({ ...r, last_failure: Date.parse(r.last_failure!) })),
      [{ task_key: 'short', failures: '2', runs: '2', last_failure: Math.max(...shortStarts) }],
    );
    assert.deepEqual(
      results.get('dp_runs')!.map(({ started: _, ...r }) => r),
      [runIds[1], runIds[0]].map((run_id) => ({ run_id, tasks: '2', passed: '1', failed: '1', errored: '0', status: 'FAILURE' })),
    );
    // One row per check of the last run, as the payloads hold them (every top-level object with a status).
    const expectedChecks = rows
      .filter((r) => r.run_id === lastRun)
      .flatMap((r) =>
        Object.entries(JSON.parse(r.payload!) as Record<string, unknown>)
          .filter(([, v]) => typeof v === 'object' && v !== null && 'status' in v)
          .map(([check, v]) => ({ task_key: r.task_key, task_status: r.status, check_name: check, check_status: (v as { status: string }).status, details: v })),
      )
      .sort((a, b) => Number(a.check_status === 'PASS') - Number(b.check_status === 'PASS') || a.task_key!.localeCompare(b.task_key!) || a.check_name.localeCompare(b.check_name));
    assert.ok(expectedChecks.some((c) => c.task_key === 'short' && c.check_status === 'FAIL'), JSON.stringify(expectedChecks));
    assert.deepEqual(
      results.get('dp_check_details')!.map((r) => ({ ...r, details: JSON.parse(r.details!) as unknown })),
      expectedChecks,
    );

    // The alert fires on the failed runs' alert_history rows of its window (both runs failed, minutes ago).
    const [alert] = [...em.state.alerts.alerts.values()] as Array<{ query_text: string; evaluation: { source: { name: string } } }>;
    assert.ok(alert);
    const failures = await em.sql("SELECT count(*) AS n FROM main.datapact.alert_history WHERE job_name = 'nightly'");
    assert.equal(failures[0]!.n, '2');
    assert.deepEqual(await onWarehouse(alert.query_text), [{ [alert.evaluation.source.name]: '2' }]);
    // Only new rows of this job count: a failure of another job, and one older than the window, do not.
    await em.sql(`INSERT INTO main.datapact.alert_history VALUES
      ('other_job', 1, array('x'), 1, current_timestamp()),
      ('nightly', 2, array('short'), 1, current_timestamp() - INTERVAL 1 DAYS)`);
    assert.deepEqual(await onWarehouse(alert.query_text), [{ [alert.evaluation.source.name]: '2' }]);
    await em.sql("DELETE FROM main.datapact.alert_history WHERE job_name = 'other_job' OR alert_ts < current_timestamp() - INTERVAL 1 HOURS");
  });

  it('a dashboard trashed in the workspace is no longer refreshed; the run still runs', { timeout: 300_000 }, async () => {
    const [dashboard] = activeDashboards();
    assert.ok(dashboard);
    await new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' }).lakeview.trash({ dashboard_id: dashboard.dashboardId });
    const refreshed = em.state.dashboards.refreshed.length;
    await cli(['run', 'nightly.pact.yml'], 1);
    const run = runs().at(-1)!;
    assert.deepEqual(run.tasks.map((t) => t.taskKey).sort(), ['aggregate_results', 'equal', 'short']);
    assert.equal(em.state.dashboards.refreshed.length, refreshed);
  });
});
