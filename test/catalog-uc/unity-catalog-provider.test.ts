/**
 * The Unity Catalog provider against the workspace emulator through the SDK: every page is read, answers are cached
 * per workspace for the TTL (shared by providers), refresh and expiry read again, a table's declared key comes from
 * tables/get, and unknown names answer empty, never throwing. A listing several callers wait for is cancelled at
 * the workspace only when the last of them gives up (its signal, or its provider disposed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { CatalogRequestCancelledError, CatalogUnavailableError, UnityCatalogProvider, refreshUnityCatalogCache } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator/index';

describe('Unity Catalog provider', () => {
  let em: Emulator;
  let client: WorkspaceClient;
  before(async () => {
    em = await startEmulator({
      catalogs: ['lake'],
      seedSql: `
        CREATE SCHEMA lake.sales;
        CREATE TABLE lake.sales.orders (order_id BIGINT NOT NULL, amount DECIMAL(12,2), CONSTRAINT pk PRIMARY KEY (order_id)) USING DELTA;
        CREATE TABLE lake.sales.a (x INT) USING DELTA; CREATE TABLE lake.sales.b (x INT) USING DELTA; CREATE TABLE lake.sales.c (x INT) USING DELTA;
      `,
    });
    client = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
  });
  after(() => em?.close());

  const tableCalls = () => em.state.calls.filter((c) => c.path === '/api/2.1/unity-catalog/tables').length;

  it('reads every page, caches per workspace for the TTL, and reads again after refresh or expiry', { timeout: 60_000 }, async () => {
    let now = 0;
    const options = { workspaceKey: 'ws-ttl', label: "profile 'dev'", ttlMs: 1000, now: () => now, pageSize: 2 };
    const provider = new UnityCatalogProvider(client, options);
    const before = tableCalls();
    const tables = await provider.listTables('lake', 'sales');
    assert.deepEqual(tables.map((t) => t.name), ['a', 'b', 'c', 'orders']);
    const pages = tableCalls() - before;
    assert.ok(pages >= 2, `several pages read (${pages})`);
    const orders = tables.find((t) => t.name === 'orders')!;
    assert.deepEqual(orders.columns.map((c) => [c.name, c.type, c.nullable]), [['order_id', 'bigint', false], ['amount', 'decimal(12,2)', true]]);

    const other = new UnityCatalogProvider(client, options);
    await other.listTables('lake', 'sales');
    assert.equal(tableCalls() - before, pages, 'a second provider on the workspace shares the answers');
    now = 999;
    await provider.listTables('lake', 'sales');
    assert.equal(tableCalls() - before, pages, 'within the TTL');
    now = 1001;
    await provider.listTables('lake', 'sales');
    assert.equal(tableCalls() - before, 2 * pages, 'expired: read again');
    provider.refresh();
    await provider.listTables('lake', 'sales');
    assert.equal(tableCalls() - before, 3 * pages, 'refreshed: read again');
    await provider.dispose();
    await other.dispose();
  });

  it('catalogs, schemas, the declared key through getTable, and empty answers for unknown names', { timeout: 60_000 }, async () => {
    const provider = new UnityCatalogProvider(client, { workspaceKey: 'ws-names', label: 'host x' });
    assert.deepEqual((await provider.listCatalogs()).map((c) => c.name), ['lake']);
    assert.deepEqual((await provider.listSchemas('lake')).map((s) => s.name), ['default', 'sales']);
    assert.deepEqual((await provider.getTable('lake', 'sales', 'orders'))?.primaryKey, ['order_id']);
    assert.deepEqual((await provider.listTables('lake', 'sales')).find((t) => t.name === 'orders')?.primaryKey, ['order_id']);
    assert.equal(await provider.getTable('lake', 'sales', 'ghost'), undefined);
    assert.deepEqual(await provider.listSchemas('nowhere'), []);
    assert.deepEqual(await provider.listTables('lake', 'nowhere'), []);
    await provider.dispose();
  });

  it('a workspace that refuses says so as CatalogUnavailableError naming it, and the failure is not cached', { timeout: 60_000 }, async () => {
    refreshUnityCatalogCache('ws-bad');
    const bad = new WorkspaceClient({ host: em.url, token: 'wrong-token', authType: 'pat', retryTimeoutSeconds: 5 });
    const provider = new UnityCatalogProvider(bad, { workspaceKey: 'ws-bad', label: "profile 'bad'" });
    await assert.rejects(provider.listCatalogs(), (e: Error) => e instanceof CatalogUnavailableError && /profile 'bad'.*cannot be reached: \S/.test(e.message));
    const good = new UnityCatalogProvider(client, { workspaceKey: 'ws-bad', label: "profile 'bad'" });
    assert.deepEqual((await good.listCatalogs()).map((c) => c.name), ['lake'], 'asked again, not the cached failure');
  });

  it('a shared request is cancelled at the workspace only once every caller has given up, and is not cached', { timeout: 60_000 }, async () => {
    const options = { workspaceKey: 'ws-cancel', label: "profile 'dev'" };
    const one = new UnityCatalogProvider(client, options);
    const two = new UnityCatalogProvider(client, options);
    const sales = { method: 'GET', path: '/api/2.1/unity-catalog/tables', query: /[?&]schema_name=sales(&|$)/ };
    const listings = () => em.state.calls.filter((c) => c.path === '/api/2.1/unity-catalog/tables' && /schema_name=sales/.test(c.query));
    const holds: Array<{ release(): void }> = [];
    try {
      // One caller gives up, the other still waits: the one request goes on and answers it.
      let hold = em.holdRequests(sales);
      holds.push(hold);
      let before = listings().length;
      const first = new AbortController();
      const firstAnswer = one.listTables('lake', 'sales', { signal: first.signal });
      const secondAnswer = two.listTables('lake', 'sales', { signal: new AbortController().signal });
      await hold.arrived;
      first.abort();
      await assert.rejects(firstAnswer, CatalogRequestCancelledError);
      hold.release();
      assert.deepEqual((await secondAnswer).map((t) => t.name), ['a', 'b', 'c', 'orders']);
      assert.deepEqual(listings().slice(before).map((c) => c.status), [200], 'one request, answered');

      // Every caller gives up (a signal; a disposed provider): the HTTP call is aborted, and nothing is cached.
      one.refresh();
      hold = em.holdRequests(sales);
      holds.push(hold);
      before = listings().length;
      const second = new AbortController();
      const mine = one.listTables('lake', 'sales', { signal: second.signal });
      const theirs = two.listTables('lake', 'sales');
      await hold.arrived;
      second.abort();
      await two.dispose();
      await assert.rejects(mine, CatalogRequestCancelledError);
      await assert.rejects(theirs, CatalogRequestCancelledError);
      await hold.abandoned;
      assert.deepEqual(listings().slice(before).map((c) => c.status), [-2], 'the one request, cancelled unanswered');
      hold.release();
      assert.deepEqual((await one.listTables('lake', 'sales')).map((t) => t.name), ['a', 'b', 'c', 'orders'], 'a cancelled listing is asked again');
      assert.deepEqual(listings().slice(before).map((c) => c.status), [-2, 200]);
    } finally {
      for (const hold of holds) hold.release();
      await one.dispose();
      await two.dispose();
    }
  });
});
