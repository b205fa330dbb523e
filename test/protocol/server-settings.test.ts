/** Settings and catalog refresh over stdio: the engine setting overrides the file; refresh re-reads the catalog. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { buildCatalogs, type CatalogFixture } from './catalog-fixture';
import { startServer, type Harness } from './lsp-harness';

let server: Harness;
let fixture: CatalogFixture;

before(async () => {
  fixture = await buildCatalogs();
  server = await startServer();
});
after(async () => server.close());

const pact = (table: string) => `engine:
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
    target_table: ${table}
    primary_keys: [id]
    count_tolerance: 0
    hash_columns: [nope]
    filter: "amount >"
`;

test('the datapact.engine setting overrides the engine block (SQL grammar follows it)', async () => {
  const uri = await server.open(join(fixture.dir, 'settings.pact.yaml'), pact('orders'));
  const duck = await server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax'));
  assert.equal(duck.find((d) => d.code === 'sql-syntax')!.severity, 2, 'duckdb: PostgreSQL grammar, a warning');
  server.settings.engine = 'databricks';
  try {
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const spark = await server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax' && x.severity === 1));
    assert.match(String(spark.find((d) => d.code === 'sql-syntax')!.message), /Spark SQL/);
    // No DuckDB catalog for a databricks engine (Unity Catalog comes later): no catalog findings.
    assert.equal(spark.filter((d) => d.code === 'unknown-column').length, 0);
  } finally {
    server.settings.engine = '';
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }
});

test('datapact/refreshCatalog drops cached answers: a table created since is found', async () => {
  const uri = await server.open(join(fixture.dir, 'refresh.pact.yaml'), pact('fresh'));
  await server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-table'));
  const instance = await DuckDBInstance.create(fixture.warehouse);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE fresh (id INTEGER, amount DOUBLE)');
  connection.closeSync();
  instance.closeSync();
  const answer = await server.request<{ dropped: number }>('datapact/refreshCatalog', { uri });
  assert.equal(answer.dropped, 1);
  const after = await server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column') && !d.some((x) => x.code === 'unknown-table'));
  assert.deepEqual(after.filter((d) => d.code === 'unknown-column').map((d) => (d.data as { side: string }).side).sort(), ['source', 'target']);
});

test('settings of the wrong type (or none, or a failed configuration request) fall back to the pact engine block', async () => {
  const answers: Array<() => unknown> = [
    () => [{ engine: 42 }],
    () => [null],
    () => ['duckdb'],
    () => [],
    () => {
      throw new Error('no configuration here');
    },
  ];
  const uri = await server.open(join(fixture.dir, 'junk-settings.pact.yaml'), pact('orders'));
  try {
    for (const answer of answers) {
      server.connection.onRequest('workspace/configuration', answer);
      const before = server.published(uri).length;
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // A fresh check after the change; the engine block's duckdb applies: PostgreSQL grammar (a warning) and the
      // catalog's unknown-column finding.
      const found = await fresh(uri, before, (d) => d.some((x) => x.code === 'unknown-column'));
      assert.equal(found.find((d) => d.code === 'sql-syntax')?.severity, 2);
    }
  } finally {
    server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => server.settings));
  }
  assert.deepEqual(server.logs().filter((m) => /failed/.test(m)), []);
});

/** The first diagnostics of `uri` published after the first `before` ones that satisfy `accept`. */
async function fresh(uri: string, before: number, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  for (;;) {
    const found = server.published(uri).slice(before).find((p) => accept(p.diagnostics));
    if (found) return found.diagnostics;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
