/** The DuckDB catalog provider against real catalogs: a DuckDB file with declared keys and a Parquet/CSV folder. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDuckDbCatalogProvider } from '../../core/src/index';
import { buildCatalogs } from '../protocol/catalog-fixture';

test('lists catalogs, schemas and tables with columns, types, nullability, comments and primary keys', async () => {
  const fixture = await buildCatalogs();
  const provider = await openDuckDbCatalogProvider({ wh: fixture.warehouse, lake: fixture.lake, gone: join(fixture.dir, 'nope.duckdb') });
  try {
    const catalogs = await provider.listCatalogs();
    assert.deepEqual(catalogs.map((c) => [c.name, !!c.unavailable]), [['wh', false], ['lake', false], ['gone', true]]);
    assert.match(catalogs[2]!.unavailable!, /does not exist/);
    // A folder catalog is an attached in-memory database: its default (empty) `main` schema is listed too.
    assert.deepEqual((await provider.listSchemas('lake')).map((s) => s.name), ['main', 'sales']);
    assert.deepEqual((await provider.listSchemas('wh')).map((s) => s.name), ['main']);
    assert.deepEqual((await provider.listTables('lake', 'sales')).map((t) => [t.name, t.kind]), [['customers', 'view'], ['orders', 'view']]);
    const orders = await provider.getTable('wh', 'main', 'orders');
    assert.equal(orders?.comment, 'All orders');
    assert.deepEqual(orders?.primaryKey, ['id']);
    assert.deepEqual(orders?.columns.map((c) => [c.name, c.type, c.nullable, c.comment]), [
      ['id', 'INTEGER', false, undefined],
      ['name', 'VARCHAR', false, 'Customer name'],
      ['amount', 'DECIMAL(10,2)', true, undefined],
      ['status', 'VARCHAR', true, undefined],
    ]);
    assert.deepEqual((await provider.getTable('wh', 'main', 'order_lines'))?.primaryKey, ['order_id', 'line_no']);
    assert.equal(await provider.getTable('wh', 'main', 'nope'), undefined);
    assert.deepEqual(await provider.listTables('gone', 'main'), []);
  } finally {
    await provider.dispose();
  }
});
