/**
 * "DataPact: Select Profile" (a `~/.databrickscfg` profile, with sign-in through the Databricks CLI when the
 * profile has no credentials of its own) and "Select Warehouse" (by name or id). Both write the workspace setting
 * the engine reads, so the next run and the catalog use them.
 */
import { homedir } from 'node:os';
import { ConfigurationTarget, window, workspace } from 'vscode';
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

export async function selectWarehouse(ctx: Ctx, valueArg?: unknown): Promise<string | undefined> {
  const current = workspace.getConfiguration('datapact').get<string>('databricks.warehouse') ?? '';
  const value = typeof valueArg === 'string' ? valueArg : await window.showInputBox({
    title: 'DataPact: SQL warehouse',
    prompt: 'The SQL warehouse to run on, by name or id (empty: the pact\'s engine.warehouse)',
    value: current,
  });
  if (value === undefined) return undefined;
  await workspace.getConfiguration('datapact').update('databricks.warehouse', value.trim(), ConfigurationTarget.Workspace);
  ctx.output.appendLine(value.trim() ? `SQL warehouse set to ${value.trim()}.` : 'SQL warehouse setting cleared.');
  return value.trim();
}
