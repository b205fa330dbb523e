/** File-watcher events for local catalogs: a changed DuckDB file is read again, an unrelated file changes nothing. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();

const PACT = `engine:
  type: duckdb
  catalogs:
    wh: wh.duckdb
validations:
  - task_key: t
    source_catalog: wh
    source_schema: main
    source_table: orders
    target_catalog: wh
    target_schema: main
    target_table: orders
    count_tolerance: 0
    null_validation_columns: [added_later]
    null_validation_tolerance: 0
`;

const unknownColumns = (d: { code?: unknown }[]) => d.filter((x) => x.code === 'unknown-column').length;

test('a changed catalog file (workspace/didChangeWatchedFiles) refreshes the DuckDB catalog', { timeout: 60_000 }, async () => {
  const { server, fixture } = session;
  const uri = await server.open(join(fixture.dir, 'watched.pact.yaml'), PACT);
  await server.diagnostics(uri, (d) => unknownColumns(d) === 1);

  const instance = await DuckDBInstance.create(fixture.warehouse);
  const connection = await instance.connect();
  await connection.run('ALTER TABLE orders ADD COLUMN added_later VARCHAR');
  connection.closeSync();
  instance.closeSync();

  // An unrelated file first: nothing is re-read, so the finding stays.
  const before = server.published(uri).length;
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(join(fixture.dir, 'elsewhere.parquet')).toString(), type: 2 }, { uri: 'file://otherhost/x.duckdb', type: 2 }],
  });
  await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }); // a round trip
  assert.equal(server.published(uri).length, before, 'no recheck for a file no catalog reads');

  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(fixture.warehouse).toString(), type: 2 }] });
  const after = await server.diagnostics(uri, (d) => unknownColumns(d) === 0);
  assert.equal(unknownColumns(after), 0);
});

test('a changed CSV inside a folder catalog (workspace/didChangeWatchedFiles) refreshes that catalog', { timeout: 60_000 }, async () => {
  const { server, fixture } = session;
  const folder = join(fixture.dir, 'watched-folder');
  const csv = join(folder, 'lake', 'sales', 'items.csv');
  mkdirSync(join(folder, 'lake', 'sales'), { recursive: true });
  writeFileSync(csv, 'id,name\n1,a\n');
  const pact = `engine:
  type: duckdb
  catalogs:
    lake: lake
validations:
  - task_key: items
    source_catalog: lake
    source_schema: sales
    source_table: items
    target_catalog: lake
    target_schema: sales
    target_table: items
    count_tolerance: 0
    null_validation_columns: [added_later]
    null_validation_tolerance: 0
`;
  const uri = await server.open(join(folder, 'folder.pact.yaml'), pact);
  await server.diagnostics(uri, (d) => unknownColumns(d) === 1);
  writeFileSync(csv, 'id,name,added_later\n1,a,x\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(csv).toString(), type: 2 }] });
  const after = await server.diagnostics(uri, (d) => unknownColumns(d) === 0);
  assert.equal(unknownColumns(after), 0);
});

// VS Code's recursive watcher on Linux never watches folders created together with their parent after it started
// (`mkdir -p`, parcel-bundler/watcher#97): no event ever comes for a file inside them. The next check finds the change.
test('a catalog file changed with no file-watcher event is read again at the next check of the pact', { timeout: 60_000 }, async () => {
  const { server, fixture } = session;
  const folder = join(fixture.dir, 'unwatched-folder');
  const csv = join(folder, 'lake', 'sales', 'items.csv');
  mkdirSync(join(folder, 'lake', 'sales'), { recursive: true });
  writeFileSync(csv, 'id,name\n1,a\n');
  const pact = `engine:
  type: duckdb
  catalogs:
    lake: lake
validations:
  - task_key: items
    source_catalog: lake
    source_schema: sales
    source_table: items
    target_catalog: lake
    target_schema: sales
    target_table: items
    count_tolerance: 0
    null_validation_columns: [added_later]
    null_validation_tolerance: 0
`;
  const uri = await server.open(join(folder, 'unwatched.pact.yaml'), pact);
  await server.diagnostics(uri, (d) => unknownColumns(d) === 1);

  writeFileSync(csv, 'id,name,added_later\n1,a,x\n');
  // No workspace/didChangeWatchedFiles: only an edit of the pact, as a user's next keystroke.
  server.change(uri, `${pact}# edited\n`);
  const after = await server.diagnostics(uri, (d) => unknownColumns(d) === 0);
  assert.equal(unknownColumns(after), 0);
});
