/** Settings and catalog refresh over stdio: the engine setting overrides the file; refresh re-reads the catalog. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { serverOverCatalogs } from './lsp-harness';

const session = serverOverCatalogs();

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
  const uri = await session.server.open(join(session.fixture.dir, 'settings.pact.yaml'), pact('orders'));
  const duck = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax'));
  assert.equal(duck.find((d) => d.code === 'sql-syntax')!.severity, 2, 'duckdb: PostgreSQL grammar, a warning');
  session.server.settings.engine = 'databricks';
  try {
    await session.server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const spark = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'sql-syntax' && x.severity === 1));
    assert.match(String(spark.find((d) => d.code === 'sql-syntax')!.message), /Spark SQL/);
    // No DuckDB catalog for a databricks engine (Unity Catalog comes later): no catalog findings.
    assert.equal(spark.filter((d) => d.code === 'unknown-column').length, 0);
  } finally {
    session.server.settings.engine = '';
    await session.server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  }
});

test('datapact/refreshCatalog drops cached answers: a table created since is found', async () => {
  const uri = await session.server.open(join(session.fixture.dir, 'refresh.pact.yaml'), pact('fresh'));
  await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-table'));
  const instance = await DuckDBInstance.create(session.fixture.warehouse);
  const connection = await instance.connect();
  await connection.run('CREATE TABLE fresh (id INTEGER, amount DOUBLE)');
  connection.closeSync();
  instance.closeSync();
  const answer = await session.server.request<{ dropped: number }>('datapact/refreshCatalog', { uri });
  assert.equal(answer.dropped, 1);
  const after = await session.server.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-column') && !d.some((x) => x.code === 'unknown-table'));
  assert.deepEqual(after.filter((d) => d.code === 'unknown-column').map((d) => (d.data as { sides: string[] }).sides), [['source', 'target']]);
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
  const uri = await session.server.open(join(session.fixture.dir, 'junk-settings.pact.yaml'), pact('orders'));
  try {
    for (const answer of answers) {
      session.server.connection.onRequest('workspace/configuration', answer);
      const before = session.server.published(uri).length;
      await session.server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // A fresh check after the change; the engine block's duckdb applies: PostgreSQL grammar (a warning) and the
      // catalog's unknown-column finding.
      const found = await fresh(uri, before, (d) => d.some((x) => x.code === 'unknown-column'));
      assert.equal(found.find((d) => d.code === 'sql-syntax')?.severity, 2);
    }
  } finally {
    session.server.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => session.server.settings));
  }
  assert.deepEqual(session.server.logs().filter((m) => /failed/.test(m)), []);
});

/** The first diagnostics of `uri` published after the first `before` ones that satisfy `accept`. */
async function fresh(uri: string, before: number, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  for (;;) {
    const found = session.server.published(uri).slice(before).find((p) => accept(p.diagnostics));
    if (found) return found.diagnostics;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
