/**
 * The SQL warehouse a run uses, by id or by name (`--warehouse` > DATAPACT_WAREHOUSE > engine.warehouse, merged by
 * the adapter into the resolved configuration). A stopped warehouse is started and awaited, with a line saying so.
 */
import { EngineConfigError } from '../../engine/engine-errors';
import type { EngineHost, WarehouseChoice } from '../engine-plugin';
import type { WorkspaceApi } from './workspace-api';

export interface Warehouse {
  id: string;
  name: string;
}

const START_DEADLINE_MS = 20 * 60_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * @param options `start: false` refuses a warehouse that is not running instead of starting it (reading history in
 * the background must not start compute).
 */
export async function resolveWarehouse(api: WorkspaceApi, choice: string | undefined, host: EngineHost, options: { start?: boolean } = {}): Promise<Warehouse> {
  if (!choice || choice.trim() === '') {
    throw new EngineConfigError('no SQL warehouse named: pass --warehouse <name or id>, set DATAPACT_WAREHOUSE, or add engine.warehouse to the pact');
  }
  const all: Array<{ id: string; name: string; state: string }> = [];
  await api.call('safe', async (c) => {
    all.length = 0;
    for await (const w of c.warehouses.list({})) all.push({ id: w.id ?? '', name: w.name ?? '', state: String(w.state ?? '') });
  });
  const found =
    all.find((w) => w.id === choice) ??
    all.find((w) => w.name === choice) ??
    (all.filter((w) => w.name.toLowerCase() === choice.toLowerCase()).length === 1 ? all.find((w) => w.name.toLowerCase() === choice.toLowerCase()) : undefined);
  if (!found) {
    const names = all.map((w) => `'${w.name}' (${w.id})`).join(', ') || 'none';
    throw new EngineConfigError(`SQL warehouse '${choice}' not found by id or name; the workspace has: ${names}`);
  }
  if (found.state === 'DELETED' || found.state === 'DELETING') throw new EngineConfigError(`SQL warehouse '${found.name}' is ${found.state}`);
  if (found.state !== 'RUNNING') {
    if (options.start === false) throw new EngineConfigError(`SQL warehouse '${found.name}' is ${found.state}; it is not started just to read history`);
    await startAndAwait(api, found, host);
  }
  return { id: found.id, name: found.name };
}

/** The workspace's SQL warehouses (deleted ones left out), by name, for a picker. */
export async function listWarehouses(api: WorkspaceApi): Promise<WarehouseChoice[]> {
  const all: WarehouseChoice[] = [];
  await api.call('safe', async (c) => {
    all.length = 0;
    for await (const w of c.warehouses.list({})) {
      const state = String(w.state ?? '');
      if (state === 'DELETED' || state === 'DELETING') continue;
      all.push({ id: w.id ?? '', name: w.name ?? '', state, ...(w.cluster_size ? { size: w.cluster_size } : {}) });
    }
  });
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

async function startAndAwait(api: WorkspaceApi, warehouse: { id: string; name: string; state: string }, host: EngineHost): Promise<void> {
  if (warehouse.state !== 'STARTING') {
    host.log?.(`starting SQL warehouse '${warehouse.name}' (${warehouse.id}), which was ${warehouse.state}…`);
    await api.call('safe', (c) => c.warehouses.start({ id: warehouse.id }));
  } else host.log?.(`waiting for SQL warehouse '${warehouse.name}' (${warehouse.id}) to start…`);
  const deadline = Date.now() + START_DEADLINE_MS;
  let wait = 1000;
  for (;;) {
    await sleep(wait);
    wait = Math.min(wait * 2, 10_000);
    const now = await api.call('poll', (c) => c.warehouses.get({ id: warehouse.id }));
    const state = String(now.state ?? '');
    if (state === 'RUNNING') {
      host.log?.(`SQL warehouse '${warehouse.name}' is running`);
      return;
    }
    if (state === 'DELETED' || state === 'DELETING' || (state === 'STOPPED' && wait > 4000)) {
      throw new EngineConfigError(`SQL warehouse '${warehouse.name}' did not start (it is ${state})`);
    }
    if (Date.now() > deadline) throw new EngineConfigError(`SQL warehouse '${warehouse.name}' did not start within 20 minutes`);
  }
}
