/**
 * `datapact dashboard` and `datapact setup-alert` against the workspace emulator, through the built CLI: run twice,
 * the workspace holds exactly one dashboard and one alert (and one destination), updated in place, never recreated;
 * the local state is checked before use (a trashed dashboard is replaced; a lost state file falls back to the name).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { ensureBuilt } from '../unit/cli-run-helpers';
import { startEmulator, type Emulator } from '../emulator/index';
import { cliAsync } from './workspace-cli';

const PACT = `engine:
  type: databricks
  warehouse: Starter
  results_table: main.datapact.run_history
  job_name: nightly
validations:
  - task_key: t
    source_catalog: main
    source_schema: s
    source_table: a
    target_catalog: main
    target_schema: s
    target_table: b
    count_tolerance: 0
`;

describe('dashboard and alert on the workspace emulator', () => {
  let em: Emulator;
  let dir: string;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ warehouses: [{ id: 'wh1', name: 'Starter', state: 'RUNNING' }] });
    dir = mkdtempSync(join(tmpdir(), 'datapact-dash-'));
    writeFileSync(join(dir, 'nightly.pact.yml'), PACT);
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const activeDashboards = () => [...em.state.dashboards.byId.values()].filter((d) => d.lifecycle === 'ACTIVE');

  it('datapact dashboard twice: one dashboard, created then updated in place, published, same URL', { timeout: 180_000 }, async () => {
    const first = await cliAsync(['dashboard', 'nightly.pact.yml'], dir, em.env());
    assert.equal(first.code, 0, first.stderr);
    assert.equal(em.state.dashboards.created, 1);
    const [dashboard] = activeDashboards();
    assert.ok(dashboard);
    assert.match(first.stdout, new RegExp(`^created dashboard ${dashboard.dashboardId}\\n${em.url}/dashboardsv3/${dashboard.dashboardId}/published\\n$`));
    assert.equal(dashboard.displayName, 'DataPact results - nightly');
    assert.equal(dashboard.parentPath, '/Users/emulator.user@example.com/datapact/dashboards');
    assert.equal(dashboard.warehouseId, 'wh1');
    assert.equal(dashboard.published?.embedCredentials, false);
    const definition = JSON.parse(dashboard.serialized) as { datasets: { queryLines: string[] }[] };
    assert.match(definition.datasets[0]!.queryLines.join(''), /FROM `main`\.`datapact`\.`run_history`/);
    const etag = dashboard.etag;

    const second = await cliAsync(['dashboard', 'nightly.pact.yml'], dir, em.env());
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`^updated dashboard ${dashboard.dashboardId}\\n`));
    assert.equal(em.state.dashboards.created, 1, 'never recreated');
    assert.equal(activeDashboards().length, 1);
    assert.ok(activeDashboards()[0]!.etag > etag, 'the draft was updated');

    // Without the local state, the dashboard is found by its name.
    rmSync(join(dir, '.datapact'), { recursive: true, force: true });
    const third = await cliAsync(['dashboard', 'nightly.pact.yml'], dir, em.env());
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /^updated dashboard /);
    assert.equal(em.state.dashboards.created, 1);

    // A remembered dashboard that was deleted in the workspace (trashed, its file removed) is not updated: a new one
    // replaces it.
    const w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
    await w.lakeview.trash({ dashboard_id: dashboard.dashboardId });
    await w.workspace.delete({ path: `${dashboard.parentPath}/${dashboard.displayName}.lvdash.json` });
    const fourth = await cliAsync(['dashboard', 'nightly.pact.yml'], dir, em.env());
    assert.equal(fourth.code, 0, fourth.stderr);
    assert.match(fourth.stdout, /^created dashboard /);
    assert.equal(em.state.dashboards.created, 2);
    assert.equal(activeDashboards().length, 1);
  });

  it('--open hands the published URL to the platform\'s opener (xdg-open here)', { timeout: 180_000, skip: process.platform !== 'linux' && 'the opener stub is a Linux xdg-open' }, async () => {
    const bin = join(dir, 'bin');
    const opened = join(dir, 'opened.txt');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}.tmp' && mv '${opened}.tmp' '${opened}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const run = await cliAsync(['dashboard', 'nightly.pact.yml', '--open'], dir, { ...em.env(), PATH: `${bin}:${process.env.PATH ?? ''}` });
    assert.equal(run.code, 0, run.stderr);
    const url = run.stdout.split('\n')[1]!;
    assert.match(url, /\/dashboardsv3\/\S+\/published$/);
    // The opener runs detached: wait for what it recorded, with a deadline.
    const deadline = Date.now() + 20_000;
    while (!existsSync(opened) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(readFileSync(opened, 'utf8'), `${url}\n`);
  });

  it('datapact setup-alert twice: one destination and one alert, updated in place; --dry-run changes nothing', { timeout: 180_000 }, async () => {
    const dry = await cliAsync(['setup-alert', 'nightly.pact.yml', '--destination', 'ops@example.com', '--dry-run'], dir, em.env());
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^would create notification destination: e-mail to ops@example.com\nwould create alert 'DataPact failures - nightly'/);
    assert.match(dry.stdout, /FROM `main`\.`datapact`\.`alert_history`/);
    assert.equal(em.state.alerts.alertsCreated + em.state.alerts.destinationsCreated, 0);

    const first = await cliAsync(['setup-alert', 'nightly.pact.yml', '--destination', 'ops@example.com'], dir, em.env());
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^created notification destination \S+: e-mail to ops@example.com\ncreated alert \S+ 'DataPact failures - nightly'/);
    const slack = 'https://hooks.slack.com/services/T000/B000/very-secret';
    const second = await cliAsync(['setup-alert', 'nightly.pact.yml', '--destination', slack, '--every', '15m'], dir, em.env());
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^updated notification destination \S+: Slack webhook https:\/\/hooks\.slack\.com\/…\nupdated alert /);
    assert.doesNotMatch(second.stdout + second.stderr, /very-secret/, 'the webhook is a secret');

    assert.equal(em.state.alerts.alertsCreated, 1);
    assert.equal(em.state.alerts.destinationsCreated, 1);
    assert.equal(em.state.alerts.alerts.size, 1);
    assert.equal(em.state.alerts.destinations.size, 1);
    const [alert] = [...em.state.alerts.alerts.values()] as Array<Record<string, any>>;
    assert.equal(alert!.schedule.quartz_cron_schedule, '0 0/15 * * * ?', 'the update was applied');
    assert.equal(alert!.warehouse_id, 'wh1');
    const [destination] = [...em.state.alerts.destinations.values()] as Array<Record<string, any>>;
    assert.deepEqual(Object.keys(destination!.config), ['slack'], 'the destination now posts to Slack');
  });
});
