/** The results file is attached as catalog `datapact_results`; a pact catalog of that name, in any case, is refused. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EngineConfigError, resolveEngineConfig, runPact } from '../../core/src/index';
import { buildFixture, task, type EngineFixture } from './engine-fixture';

describe('DuckDB engine: the results catalog name is reserved', () => {
  let fx: EngineFixture;
  before(async () => {
    fx = await buildFixture();
  });
  after(() => fx?.cleanup());

  for (const name of ['datapact_results', 'DataPact_Results']) {
    it(`refuses a pact catalog named ${name} (DuckDB names ignore case), saying why`, async () => {
      const pact = {
        engine: { type: 'duckdb' as const, catalogs: { [name]: fx.shopFile, lake: fx.lakeFolder }, results: fx.resultsFile },
        validations: [task('t', 'orders', { source_catalog: name, count_tolerance: 0 })],
      };
      await assert.rejects(
        () => runPact(pact, { pactPath: 'p', engineConfig: resolveEngineConfig(pact.engine, undefined) }),
        (e: unknown) => e instanceof EngineConfigError && /reserved/.test(e.message),
      );
    });
  }
});
