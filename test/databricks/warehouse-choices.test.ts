/**
 * What an editor shows of an engine configuration comes from the plug-in (no adapter names an engine), and the
 * Databricks plug-in lists the workspace's SQL warehouses for Select Warehouse: over real HTTP to the workspace
 * emulator, with each warehouse's name, state and size, sorted by name; a stopped warehouse is listed, not started.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getEnginePlugin, resolveEngineConfig } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { sandbox, type Sandbox } from './support';

describe('engine plug-ins describe their configuration and list warehouses', () => {
  let em: Emulator;
  let box: Sandbox;
  before(async () => {
    em = await startEmulator({
      warehouses: [
        { id: 'b0000000000000b2', name: 'Shared', state: 'STOPPED' },
        { id: 'a0000000000000a1', name: 'Analytics', state: 'RUNNING' },
      ],
    });
    box = sandbox();
  });
  after(async () => {
    await em.close();
    box.close();
  });

  it('lists the SQL warehouses through the API with name, state and size, and starts none', async () => {
    const plugin = getEnginePlugin('databricks');
    assert.ok(plugin.listWarehouses, 'the Databricks plug-in lists warehouses');
    const config = resolveEngineConfig({ type: 'databricks' }, undefined);
    const listed = await plugin.listWarehouses(config, { env: { DATABRICKS_HOST: em.url, DATABRICKS_TOKEN: em.token }, homeDir: box.home });
    assert.deepEqual(listed, [
      { id: 'a0000000000000a1', name: 'Analytics', state: 'RUNNING', size: '2X-Small' },
      { id: 'b0000000000000b2', name: 'Shared', state: 'STOPPED', size: '2X-Small' },
    ]);
    assert.equal(em.state.warehouses.byId.get('b0000000000000b2')!.starts, 0, 'listing starts no warehouse');
  });

  it('a sign-in failure while listing says what to set, never a stack', async () => {
    const plugin = getEnginePlugin('databricks');
    const config = resolveEngineConfig({ type: 'databricks' }, undefined);
    await assert.rejects(plugin.listWarehouses!(config, { env: { DATABRICKS_HOST: em.url, DATABRICKS_TOKEN: 'wrong' }, homeDir: box.home }), (error: Error) => {
      assert.doesNotMatch(error.message, /wrong/);
      assert.match(error.message, /DATABRICKS_TOKEN|token/i);
      return true;
    });
  });

  it('the local engine has no warehouses; each plug-in describes its configuration in its own words', () => {
    const duckdb = getEnginePlugin('duckdb');
    assert.equal(duckdb.listWarehouses, undefined);
    assert.deepEqual(duckdb.describeConfig(resolveEngineConfig({ type: 'duckdb', catalogs: { a: 'a.duckdb', b: 'b' } }, '/p/x.pact.yml')),
      { icon: 'database', parts: [], detail: '2 catalogs', usesProfiles: false });
    const databricks = getEnginePlugin('databricks');
    assert.deepEqual(databricks.describeConfig(resolveEngineConfig({ type: 'databricks', profile: 'dev', warehouse: 'Analytics' }, undefined)),
      { icon: 'cloud', parts: ['dev', 'Analytics'], usesProfiles: true });
    assert.deepEqual(databricks.describeConfig(resolveEngineConfig({ type: 'databricks' }, undefined)),
      { icon: 'cloud', parts: [], detail: 'no profile chosen', usesProfiles: true });
  });
});
