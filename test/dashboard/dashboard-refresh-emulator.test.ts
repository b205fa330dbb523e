/**
 * The dashboard kept up to date by the job: after `datapact dashboard`, every `datapact run` refreshes that one
 * dashboard as the job's last task (after aggregate_results, whatever the verdict); running the pact twice — with
 * `dashboard` and `setup-alert` again in between — leaves exactly one dashboard and one alert, updated, never
 * recreated. A dashboard trashed in the workspace is no longer refreshed, and the run still runs.
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
