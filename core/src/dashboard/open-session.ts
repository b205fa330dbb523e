/**
 * A signed-in workspace for `datapact dashboard`, `datapact setup-alert` and the Unity Catalog provider, through the
 * same sign-in as runs (`engines/databricks/databricks-auth.ts`: engine.host / engine.profile, then DATABRICKS_*
 * variables, then ~/.databrickscfg with its `default_profile`); failures say which method was tried and what to set.
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { EngineHost } from '../engines/engine-plugin';
import type { SignInTimeouts } from '../engines/databricks/databricks-auth';
import type { WorkspaceSession } from './workspace-session';

export type SessionOptions = SignInTimeouts;

export async function openWorkspaceSession(config: ResolvedEngineConfig, host: EngineHost, options: SessionOptions = {}): Promise<WorkspaceSession> {
  // Loaded on use: the editor bundles core and needs the SDK only once a workspace is asked for.
  const { WorkspaceClient } = await import('@databricks/sdk-experimental');
  const { sdkConfig, signInError } = await import('../engines/databricks/databricks-auth');
  const cfg = sdkConfig(config, host, options);
  const client = new WorkspaceClient(cfg, { product: 'datapact', productVersion: '0.1.0' });
  return {
    client,
    async hostUrl() {
      try {
        return (await cfg.getHost()).toString().replace(/\/$/, '');
      } catch (error) {
        throw signInError(error, cfg, host, config);
      }
    },
  };
}
