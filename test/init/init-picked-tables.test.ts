// initPact in core with the tables a person picked from a list ("DataPact: Init Pact from Schema…"), on real DuckDB:
// only those tables become tasks, names match in any case, and picks without a counterpart say so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InitError, initPact, openInitSource, processEngineHost, resolveEngineConfig, type EngineConfig } from '../../core/src/index';
import { buildInitFixture, type InitFixture } from './init-fixture';

let fixture: InitFixture;
before(async () => (fixture = await buildInitFixture()));
after(() => fixture.cleanup());

async function init(tableNames: string[]) {
  const engine: EngineConfig = { type: 'duckdb', catalogs: { src: 'src.duckdb', tgt: 'tgt.duckdb' } };
  const source = await openInitSource(resolveEngineConfig(engine, join(fixture.dir, 'x.pact.yml')), processEngineHost());
  try {
    return await initPact(source, {
      source: { catalog: 'src', schema: 'sales' },
      target: { catalog: 'tgt', schema: 'sales' },
      tableNames,
      inferKeys: true,
      engine,
      generatedBy: 'test',
    });
  } finally {
    await source.dispose();
  }
}

test('only the picked tables become tasks, whatever their case', async () => {
  const outcome = await init(['ORDERS', 'customers']);
  assert.deepEqual(outcome.plan.tasks.map((t) => t.source.name).sort(), ['customers', 'orders']);
  assert.deepEqual(outcome.plan.sourceOnly, []);
});

test('picks without a counterpart are refused with the picks named', async () => {
  await assert.rejects(init(['audit']), (error: Error) => error instanceof InitError && /of those picked \(audit\)/.test(error.message));
});
