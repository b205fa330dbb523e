/**
 * The Databricks plug-in reads both tables' column types before it compiles a task (core/src/engines/databricks/
 * task-columns.ts): from information_schema for Unity Catalog tables, with `DESCRIBE TABLE` for hive_metastore. A
 * TIMESTAMP (an instant) and a TIMESTAMP_NTZ (a wall clock) must come back as different types, and be read as
 * different kinds, or `naive_timestamp_zone` and the TIMESTAMP vs TIMESTAMP_NTZ comparison cannot work on Databricks.
 * Over HTTP against the workspace emulator, which executes the statements.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveEngineConfig, type Task } from '../../core/src/index';
import { readTaskColumns } from '../../core/src/engines/databricks/task-columns';
import { resolveWarehouse } from '../../core/src/engines/databricks/warehouse';
import { WorkspaceApi } from '../../core/src/engines/databricks/workspace-api';
import { parseValueKind } from '../../core/src/sql/value-types';
import { type Emulator, startEmulator } from './index';

const EVENTS = '(id BIGINT, at TIMESTAMP, local_at TIMESTAMP_NTZ, ltz TIMESTAMP_LTZ, tags ARRAY<TIMESTAMP_NTZ>)';

function task(key: string, catalog: string): Task {
  return { task_key: key, source_catalog: catalog, source_schema: 'sales', source_table: 'events', target_catalog: catalog, target_schema: 'sales', target_table: 'events' };
}

describe('the Databricks plug-in reads TIMESTAMP and TIMESTAMP_NTZ columns apart', () => {
  let em: Emulator;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-task-columns-'));
    em = await startEmulator({
      catalogs: ['lake', 'hive_metastore'],
      seedSql: `CREATE SCHEMA lake.sales; CREATE TABLE lake.sales.events ${EVENTS};
        CREATE SCHEMA hive_metastore.sales; CREATE TABLE hive_metastore.sales.events ${EVENTS};`,
    });
  });
  after(async () => {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('from information_schema (Unity Catalog) and from DESCRIBE TABLE (hive_metastore), as instant and wall clock', async () => {
    const config = resolveEngineConfig({ type: 'databricks', warehouse: 'Starter Warehouse' }, join(dir, 'p.pact.yml'));
    const host = { env: em.env(), homeDir: dir };
    const api = new WorkspaceApi(config, host);
    const warehouse = await resolveWarehouse(api, config.warehouse, host);
    const logged: string[] = [];
    const columns = await readTaskColumns(api, warehouse.id, [task('uc', 'lake'), task('hive', 'hive_metastore')], (m) => logged.push(m));
    assert.deepEqual(logged, []);
    const sent = em.state.calls.map((c) => JSON.stringify(c.body ?? null));
    assert.ok(sent.some((b) => b.includes('system.information_schema.columns')), 'Unity Catalog tables read from information_schema');
    assert.ok(sent.some((b) => b.includes('DESCRIBE TABLE')), 'hive_metastore tables read with DESCRIBE TABLE');
    for (const key of ['uc', 'hive']) {
      const source = columns.get(key)?.source;
      assert.deepEqual(source, [
        { name: 'id', type: 'bigint' },
        { name: 'at', type: 'timestamp' },
        { name: 'local_at', type: 'timestamp_ntz' },
        { name: 'ltz', type: 'timestamp' },
        { name: 'tags', type: 'array<timestamp_ntz>' },
      ], key);
      // A plain `timestamp` on Databricks is an instant; timestamp_ntz a wall clock (read in naive_timestamp_zone).
      const kinds = source!.map((c) => parseValueKind(c.type, 'instant'));
      assert.deepEqual(kinds.slice(1), [
        { kind: 'timestamp', zone: 'instant', micros: true },
        { kind: 'timestamp', zone: 'naive', micros: true },
        { kind: 'timestamp', zone: 'instant', micros: true },
        { kind: 'list', element: { kind: 'timestamp', zone: 'naive', micros: true } },
      ], key);
    }
  });
});
