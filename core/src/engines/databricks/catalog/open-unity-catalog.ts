/**
 * The Databricks plug-in's catalog provider: Unity Catalog of the workspace the configuration signs in to, with the
 * CLI's own sign-in (`databricks-auth.ts`: engine.host / engine.profile — which the editor's
 * `datapact.databricks.profile` overrides — then DATABRICKS_* variables, then ~/.databrickscfg and its
 * `default_profile`). Short timeouts: the editor must learn soon that the workspace cannot be reached, not after the
 * SDK's five minutes of retries.
 */
import { homedir } from 'node:os';
import type { ResolvedEngineConfig } from '../../../engine/engine-config';
import type { CatalogProvider } from '../../../catalog/catalog-provider';
import { CatalogUnavailableError } from '../../../catalog/catalog-provider';
import { openWorkspaceSession } from '../../../dashboard/open-session';
import type { EngineHost } from '../../engine-plugin';
import { workspaceIdentity } from '../databricks-auth';
import { UnityCatalogProvider } from './unity-catalog-provider';

/** Which workspace, for cache keys and messages; undefined when nothing says where to sign in. */
export function unityCatalogWorkspace(
  config: ResolvedEngineConfig,
  host: EngineHost = { env: process.env, homeDir: homedir() },
): { key: string; label: string } | undefined {
  const identity = workspaceIdentity(config, host);
  return identity && { key: `uc:${identity.key}`, label: identity.label };
}

export async function openUnityCatalogProvider(config: ResolvedEngineConfig, host: EngineHost): Promise<CatalogProvider> {
  const workspace = unityCatalogWorkspace(config, host);
  if (!workspace) throw new CatalogUnavailableError('no Databricks workspace is configured (engine.profile or engine.host, or DATABRICKS_HOST)');
  const session = await openWorkspaceSession(config, host, { httpTimeoutSeconds: 15, retryTimeoutSeconds: 20 });
  return new UnityCatalogProvider(session.client, { workspaceKey: workspace.key, label: workspace.label });
}
