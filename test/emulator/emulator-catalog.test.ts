/**
 * Phase 2 of the emulator through the SDK: OAuth M2M sign-in, Unity Catalog lists with columns and declared primary
 * keys (paged), Lakeview dashboards updated in place, alerts v2 and notification destinations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { type Emulator, startEmulator } from './index';

describe('workspace emulator: sign-in, catalog, dashboards, alerts', () => {
  let em: Emulator;
  let w: WorkspaceClient;

  before(async () => {
    em = await startEmulator({
      oauthClients: { 'sp-app-id': 'sp-secret' },
      catalogs: ['lake'],
      seedSql: `
        CREATE SCHEMA lake.sales;
        CREATE TABLE lake.sales.orders (order_id BIGINT NOT NULL, line_no INT, amount DECIMAL(12,2), note STRING,
          CONSTRAINT orders_pk PRIMARY KEY (order_id, line_no)) USING DELTA COMMENT 'orders';
        CREATE TABLE lake.sales.a (x INT); CREATE TABLE lake.sales.b (x INT); CREATE TABLE lake.sales.c (x INT);
      `,
    });
    w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
  });
  after(() => em.close());

  it('signs a service principal in with OAuth client credentials discovered through OIDC', async () => {
    const m2m = new WorkspaceClient({ host: em.url, clientId: 'sp-app-id', clientSecret: 'sp-secret', authType: 'oauth-m2m' });
    assert.equal((await m2m.currentUser.me()).userName, 'emulator.user@example.com');
    assert.equal(em.state.tokenGrants.at(-1)?.clientId, 'sp-app-id');
    const wrong = new WorkspaceClient({ host: em.url, clientId: 'sp-app-id', clientSecret: 'nope', authType: 'oauth-m2m' });
    await assert.rejects(wrong.currentUser.me(), /invalid_client/);
  });

  it('lists catalogs, schemas and tables, with columns, types and the declared primary key', async () => {
    const catalogs = [];
    for await (const c of w.catalogs.list({})) catalogs.push(c.name);
    assert.deepEqual(catalogs, ['lake']);
    const schemas = [];
    for await (const s of w.schemas.list({ catalog_name: 'lake' })) schemas.push(s.name);
    assert.deepEqual(schemas.sort(), ['default', 'sales']);
    const table = await w.tables.get({ full_name: 'lake.sales.orders' });
    assert.deepEqual(table.columns?.map((c) => [c.name, c.type_text, c.type_name, c.position, c.nullable]), [
      ['order_id', 'bigint', 'LONG', 0, false],
      ['line_no', 'int', 'INT', 1, true],
      ['amount', 'decimal(12,2)', 'DECIMAL', 2, true],
      ['note', 'string', 'STRING', 3, true],
    ]);
    assert.deepEqual(table.table_constraints, [{ primary_key_constraint: { name: 'orders_pk', child_columns: ['order_id', 'line_no'] } }]);
    await assert.rejects(w.tables.get({ full_name: 'lake.sales.ghost' }), (e: Error & { errorCode?: string }) => e.errorCode === 'TABLE_DOES_NOT_EXIST');
  });

  it('serves a DuckDB file attached as a catalog to statements and Unity Catalog', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'emu-duckfile-'));
    const file = join(dir, 'legacy.duckdb');
    const db = await DuckDBInstance.create(file);
    const c = await db.connect();
    await c.run('CREATE SCHEMA erp; CREATE TABLE erp.products AS SELECT range AS id FROM range(3)');
    c.closeSync();
    db.closeSync();
    const other = await startEmulator({ duckdbCatalogs: { legacy: file } });
    try {
      assert.deepEqual(await other.sql('SELECT COUNT(*) AS n FROM legacy.erp.products'), [{ n: '3' }]);
      const client = new WorkspaceClient({ host: other.url, token: other.token, authType: 'pat' });
      const t = await client.tables.get({ full_name: 'legacy.erp.products' });
      assert.deepEqual(t.columns?.map((x) => [x.name, x.type_text]), [['id', 'bigint']]);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages table lists with max_results and page_token', async () => {
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const res = (await w.apiClient.request({ path: '/api/2.1/unity-catalog/tables', method: 'GET', headers: new Headers(), query: { catalog_name: 'lake', schema_name: 'sales', max_results: 2, ...(token ? { page_token: token } : {}) } as never, raw: false })) as {
        tables?: Array<{ name: string }>;
        next_page_token?: string;
      };
      pages.push((res.tables ?? []).map((t) => t.name));
      token = res.next_page_token;
    } while (token);
    assert.deepEqual(pages, [['a', 'b'], ['c', 'orders']]);
  });

  it('creates a dashboard once, updates it in place, publishes it', async () => {
    const serialized = JSON.stringify({ datasets: [], pages: [{ name: 'p', displayName: 'Overview', pageType: 'PAGE_TYPE_CANVAS', layout: [] }] });
    const created = await w.lakeview.create({ dashboard: { display_name: 'DataPact', parent_path: '/Users/emulator.user@example.com', serialized_dashboard: serialized, warehouse_id: 'a1b2c3d4e5f60718' } });
    // SDK 0.17.0 sends no body on PATCH (its client adds payloads to POST and PUT only), so the update goes over fetch
    await assert.rejects(w.lakeview.update({ dashboard_id: created.dashboard_id!, dashboard: { display_name: 'x' } }), /body/);
    const response = await fetch(`${em.url}/api/2.0/lakeview/dashboards/${created.dashboard_id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${em.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ serialized_dashboard: serialized.replace('Overview', 'Runs'), etag: created.etag }),
    });
    const updated = (await response.json()) as { dashboard_id?: string; etag?: string };
    assert.equal(updated.dashboard_id, created.dashboard_id);
    assert.notEqual(updated.etag, created.etag);
    await assert.rejects(w.lakeview.getPublished({ dashboard_id: created.dashboard_id! }), (e: Error & { statusCode?: number }) => e.statusCode === 404);
    await w.lakeview.publish({ dashboard_id: created.dashboard_id!, embed_credentials: false, warehouse_id: 'a1b2c3d4e5f60718' });
    assert.equal((await w.lakeview.getPublished({ dashboard_id: created.dashboard_id! })).embed_credentials, false);
    assert.match((await w.lakeview.get({ dashboard_id: created.dashboard_id! })).serialized_dashboard ?? '', /Runs/);
    await assert.rejects(w.lakeview.create({ dashboard: { display_name: 'x', parent_path: '/Users/nobody', serialized_dashboard: serialized } }), (e: Error & { statusCode?: number }) => e.statusCode === 404);
    assert.equal(em.state.dashboards.created, 1);
  });

  it('creates a notification destination and an alert over it, and rejects an alert without a schedule', async () => {
    const dest = await w.notificationDestinations.create({ display_name: 'team', config: { email: { addresses: ['a@x.com'] } } });
    assert.equal(dest.destination_type, 'EMAIL');
    const alert = {
      display_name: 'DataPact failures',
      query_text: 'SELECT COUNT(*) AS failures FROM lake.sales.orders',
      warehouse_id: 'a1b2c3d4e5f60718',
      evaluation: {
        source: { name: 'failures' },
        comparison_operator: 'GREATER_THAN' as const,
        threshold: { value: { double_value: 0 } },
        notification: { subscriptions: [{ destination_id: dest.id! }] },
      },
      schedule: { quartz_cron_schedule: '0 0/5 * * * ?', timezone_id: 'UTC' },
    };
    const created = await w.alertsV2.createAlert({ alert });
    assert.equal((await w.alertsV2.getAlert({ id: created.id! })).display_name, 'DataPact failures');
    const { schedule: _omit, ...noSchedule } = alert;
    await assert.rejects(w.alertsV2.createAlert({ alert: noSchedule as typeof alert }), /schedule/);
    assert.equal(em.state.alerts.alertsCreated, 1);
  });
});
