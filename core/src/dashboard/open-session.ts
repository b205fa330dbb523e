/**
 * A signed-in workspace for `datapact dashboard` and `datapact setup-alert`, through the SDK's unified auth
 * (engine.host / engine.profile, then DATABRICKS_* variables, then ~/.databrickscfg).
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import { EngineConfigError } from '../engine/engine-errors';
import type { EngineHost } from '../engines/engine-plugin';
import type { WorkspaceSession } from './workspace-session';

export interface SessionOptions {
  /** Per request, and for all retries of one call (the SDK's defaults are 60 s and 300 s). */
  httpTimeoutSeconds?: number;
  retryTimeoutSeconds?: number;
}

export async function openWorkspaceSession(config: ResolvedEngineConfig, host: EngineHost, options: SessionOptions = {}): Promise<WorkspaceSession> {
  // Loaded on use: the editor bundles core and must not load the SDK until a workspace is asked for.
  const { Config, WorkspaceClient } = await import('@databricks/sdk-experimental');
  const cfg = new Config({
    ...(config.host ? { host: config.host } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
    configFile: `${host.homeDir}/.databrickscfg`,
    env: { ...host.env } as NodeJS.ProcessEnv,
    ...(options.httpTimeoutSeconds ? { httpTimeoutSeconds: options.httpTimeoutSeconds } : {}),
    ...(options.retryTimeoutSeconds ? { retryTimeoutSeconds: options.retryTimeoutSeconds } : {}),
  });
  const client = new WorkspaceClient(cfg, { product: 'datapact', productVersion: '0.1.0' });
  return {
    client,
    async hostUrl() {
      try {
        return (await cfg.getHost()).toString().replace(/\/$/, '');
      } catch (error) {
        throw new EngineConfigError(`cannot sign in to Databricks: ${error instanceof Error ? error.message.split('. Config:')[0] : String(error)}`);
      }
    },
  };
}
