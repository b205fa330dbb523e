/**
 * The Databricks plug-in's catalog provider: Unity Catalog of the workspace the configuration signs in to (the same
 * sources as the CLI: engine.host / engine.profile — which the editor's `datapact.databricks.profile` overrides —
 * then DATABRICKS_* variables, then ~/.databrickscfg). Short timeouts: the editor must learn soon that the
 * workspace cannot be reached, not after the SDK's five minutes of retries.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEngineConfig } from '../../../engine/engine-config';
import type { CatalogProvider } from '../../../catalog/catalog-provider';
import { CatalogUnavailableError } from '../../../catalog/catalog-provider';
import { openWorkspaceSession } from '../../../dashboard/open-session';
import type { EngineHost } from '../../engine-plugin';
import { UnityCatalogProvider } from './unity-catalog-provider';

/** Which workspace, for cache keys and messages; undefined when nothing says where to sign in. */
export function unityCatalogWorkspace(
  config: ResolvedEngineConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
  homeDir: string = process.env.HOME ?? '',
): { key: string; label: string } | undefined {
  const profile = config.profile ?? env.DATABRICKS_CONFIG_PROFILE;
  const host = config.host ?? env.DATABRICKS_HOST;
  const configFile = homeDir !== '' && existsSync(join(homeDir, '.databrickscfg'));
  if (!profile && !host && !configFile) return undefined;
  const label = profile ? `profile '${profile}'` : host ? `host ${host}` : 'the DEFAULT profile of ~/.databrickscfg';
  return { key: `uc:${JSON.stringify([host ?? '', profile ?? ''])}`, label };
}

export async function openUnityCatalogProvider(config: ResolvedEngineConfig, host: EngineHost): Promise<CatalogProvider> {
  const workspace = unityCatalogWorkspace(config, host.env, host.homeDir);
  if (!workspace) throw new CatalogUnavailableError('no Databricks workspace is configured (engine.profile or engine.host, or DATABRICKS_HOST)');
  const session = await openWorkspaceSession(config, host, { httpTimeoutSeconds: 15, retryTimeoutSeconds: 20 });
  return new UnityCatalogProvider(session.client, { workspaceKey: workspace.key, label: workspace.label });
}
