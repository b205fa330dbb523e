/**
 * "DataPact: Select Profile" (a `~/.databrickscfg` profile, with sign-in through the Databricks CLI when the
 * profile has no credentials of its own) and "Select Warehouse" (listed from the workspace). Both write the workspace setting
 * the engine reads, so the next run and the catalog use them.
 */
import { homedir } from 'node:os';
import { ConfigurationTarget, ProgressLocation, window, workspace, type QuickPickItem } from 'vscode';
import { getEnginePlugin, processEngineHost, resolveEngineConfig, type ResolvedEngineConfig, type WarehouseChoice } from '../../../core/src/index';
import { normaliseSettings } from '../config';
import type { Ctx } from '../ctx';
import { databricksConfigFile, readDatabricksProfiles } from '../settings/databricks-profiles';

export async function selectProfile(ctx: Ctx, nameArg?: unknown): Promise<string | undefined> {
  const file = databricksConfigFile(homedir(), process.env);
  const profiles = readDatabricksProfiles(file);
  if (profiles.length === 0) {
    void window.showWarningMessage(`DataPact: no Databricks profile in ${file}. Create one with "databricks configure" or "databricks auth login".`);
    return undefined;
  }
  const current = workspace.getConfiguration('datapact').get<string>('databricks.profile') ?? '';
  const name = typeof nameArg === 'string' ? nameArg : (await window.showQuickPick(
    profiles.map((p) => ({
      label: p.name,
      description: p.name === current ? `${p.host ?? ''} (current)` : p.host ?? '',
      detail: p.auth === 'databricks-cli' ? 'signs in with the Databricks CLI' : p.auth === 'token' ? 'personal access token' : p.auth === 'oauth-m2m' ? 'OAuth (service principal)' : undefined,
    })),
    { placeHolder: `Databricks profile for DataPact (from ${file})` },
  ))?.label;
  const profile = profiles.find((p) => p.name === name);
  if (!profile) return undefined;
  await workspace.getConfiguration('datapact').update('databricks.profile', profile.name, ConfigurationTarget.Workspace);
  ctx.output.appendLine(`Databricks profile set to ${profile.name}${profile.host ? ` (${profile.host})` : ''}.`);
  if (profile.auth === 'databricks-cli') {
    const signIn = 'Sign in';
    const choice = await window.showInformationMessage(`DataPact: profile ${profile.name} signs in through the Databricks CLI.`, signIn);
    if (choice === signIn) {
      const terminal = window.createTerminal('Databricks sign-in');
      terminal.show();
      terminal.sendText(`databricks auth login --profile ${JSON.stringify(profile.name)}`);
    }
  }
  return profile.name;
}

/**
 * "DataPact: Select Warehouse": the SQL warehouses of the active pact's workspace, listed through its engine plug-in
 * (name, state, size), or a name or id typed in; the choice (the warehouse's id) is written to the workspace setting.
 */
export async function selectWarehouse(ctx: Ctx, valueArg?: unknown): Promise<string | undefined> {
  const settings = workspace.getConfiguration('datapact');
  const current = settings.get<string>('databricks.warehouse') ?? '';
  let value: string | undefined = typeof valueArg === 'string' ? valueArg : undefined;
  if (value === undefined) {
    const engineConfig = activeEngineConfig(ctx);
    const plugin = getEnginePlugin(engineConfig.type);
    if (!plugin.listWarehouses) {
      void window.showInformationMessage(`DataPact: this pact runs on ${plugin.label}, which has no SQL warehouses to choose.`);
      return undefined;
    }
    const listWarehouses = plugin.listWarehouses.bind(plugin);
    const warehouses = await window.withProgress({ location: ProgressLocation.Notification, title: 'DataPact: listing SQL warehouses' }, () =>
      listWarehouses(engineConfig, processEngineHost((line) => ctx.output.appendLine(line))));
    value = await pickWarehouse(warehouses, current);
  }
  if (value === undefined) return undefined;
  await settings.update('databricks.warehouse', value.trim(), ConfigurationTarget.Workspace);
  ctx.output.appendLine(value.trim() ? `SQL warehouse set to ${value.trim()}.` : 'SQL warehouse setting cleared.');
  return value.trim();
}

const TYPE_IN = 'Enter a name or id…';
const CLEAR = 'Use the pact\'s engine.warehouse';

/** The QuickPick of warehouses; resolves to the chosen id, a typed name or id, '' to clear, undefined when dismissed. */
export async function pickWarehouse(warehouses: readonly WarehouseChoice[], current: string): Promise<string | undefined> {
  const items: Array<QuickPickItem & { id?: string }> = warehouses.map((w) => ({
    label: w.name,
    description: [w.state, w.size].filter(Boolean).join(' · ') + (w.id === current || w.name === current ? ' (current)' : ''),
    detail: w.id,
    id: w.id,
  }));
  items.push({ label: TYPE_IN, alwaysShow: true }, { label: CLEAR, alwaysShow: true });
  const pick = await window.showQuickPick(items, {
    title: 'DataPact: SQL warehouse',
    placeHolder: warehouses.length > 0 ? 'The SQL warehouse to run on' : 'The workspace lists no SQL warehouse you can use',
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.id) return pick.id;
  if (pick.label === CLEAR) return '';
  return window.showInputBox({ title: 'DataPact: SQL warehouse', prompt: 'The SQL warehouse to run on, by name or id', value: current });
}

/** The engine configuration of the active pact editor (settings applied), else of the settings alone. */
function activeEngineConfig(ctx: Ctx): ResolvedEngineConfig {
  const document = window.activeTextEditor?.document;
  if (document?.languageId === 'datapact') {
    try {
      return ctx.runs.target(document).engineConfig;
    } catch {
      // A pact with errors: its engine block may be what is wrong; the settings alone still say where to look.
    }
  }
  const config = workspace.getConfiguration('datapact');
  const settings = normaliseSettings((key) => config.get(key));
  return resolveEngineConfig(undefined, undefined, {
    type: settings.engine || undefined,
    profile: settings['databricks.profile'] || undefined,
  });
}
