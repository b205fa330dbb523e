/**
 * What the dashboard and alert set-up need from a signed-in workspace: the SDK client and the workspace URL (the
 * Databricks plug-in's WorkspaceApi has this shape), plus the two look-ups both commands make.
 */
import type { WorkspaceClient } from '@databricks/sdk-experimental';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import { EngineConfigError } from '../engine/engine-errors';
import { getEnginePlugin, listEnginePlugins } from '../engines/registry';

export interface WorkspaceSession {
  readonly client: WorkspaceClient;
  /** The workspace URL once signed in (no secret in it). */
  hostUrl(): Promise<string>;
}

/**
 * Dashboards and alerts live in an engine's workspace (the plug-ins that declare one): any other engine is a
 * configuration error that says which engines have one and what they need to connect.
 */
export function requireWorkspaceEngine(config: ResolvedEngineConfig, feature: string): void {
  if (getEnginePlugin(config.type).workspace) return;
  const withWorkspace = listEnginePlugins().filter((plugin) => plugin.workspace);
  const labels = withWorkspace.map((plugin) => plugin.label).join(' or ');
  const how = withWorkspace
    .map((plugin) => `engine.type: ${plugin.type}, with ${plugin.connection.map((field) => `a ${field.label.toLowerCase()}`).join(' and ')}`)
    .join('; or ');
  throw new EngineConfigError(
    `${feature} are a ${labels} feature, and this pact runs on ${config.type} (engine.type). ` +
      `Run the pact on ${labels} (${how}) to use them; ` +
      `locally, 'datapact history' shows the recorded runs.`,
  );
}

/** The SQL warehouse's id from `engine.warehouse` (an id or a name, any case); the only one when none is named. */
export async function resolveWarehouseId(client: Pick<WorkspaceClient, 'warehouses'>, wanted: string | undefined): Promise<string> {
  const warehouses: { id: string; name: string }[] = [];
  for await (const w of client.warehouses.list({})) if (w.id) warehouses.push({ id: w.id, name: w.name ?? w.id });
  if (wanted) {
    const found = warehouses.find((w) => w.id === wanted) ?? warehouses.find((w) => w.name.toLowerCase() === wanted.toLowerCase());
    if (found) return found.id;
    throw new EngineConfigError(`no SQL warehouse '${wanted}' in this workspace (warehouses: ${warehouses.map((w) => w.name).join(', ') || 'none'})`);
  }
  if (warehouses.length === 1) return warehouses[0]!.id;
  throw new EngineConfigError(
    `name the SQL warehouse in the pact (engine.warehouse)${warehouses.length ? `: ${warehouses.map((w) => w.name).join(', ')}` : '; this workspace has none'}`,
  );
}

/** The signed-in user's workspace home, `/Users/<name>`. */
export async function userHome(client: Pick<WorkspaceClient, 'currentUser'>): Promise<string> {
  const me = await client.currentUser.me();
  if (!me.userName) throw new Error('the workspace did not say who is signed in (SCIM Me has no userName)');
  return `/Users/${me.userName}`;
}
