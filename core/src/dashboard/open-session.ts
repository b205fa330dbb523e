/**
 * A signed-in workspace for `datapact dashboard` and `datapact setup-alert`, through the SDK's unified auth
 * (engine.host / engine.profile, then DATABRICKS_* variables, then ~/.databrickscfg).
 */
import type { ResolvedEngineConfig } from '../engine/engine-config';
import { EngineConfigError } from '../engine/engine-errors';
import type { EngineHost } from '../engines/engine-plugin';
import { configFilePath, requestedProfile } from '../engines/databricks/databricks-config-file';
import type { WorkspaceSession } from './workspace-session';

export interface SessionOptions {
  /** Per request, and for all retries of one call (the SDK's defaults are 60 s and 300 s). */
  httpTimeoutSeconds?: number;
  retryTimeoutSeconds?: number;
}

export async function openWorkspaceSession(config: ResolvedEngineConfig, host: EngineHost, options: SessionOptions = {}): Promise<WorkspaceSession> {
  // Loaded on use: the editor bundles core and must not load the SDK until a workspace is asked for.
  const { Config, WorkspaceClient } = await import('@databricks/sdk-experimental');
  // The same file and profile as the engine's sign-in (DATABRICKS_CONFIG_FILE, DATABRICKS_CONFIG_PROFILE, the
  // file's default_profile); the SDK gets them resolved, not as variables it would resolve against process.env.
  const file = configFilePath(host);
  const profile = requestedProfile(config, host, file);
  const env: Record<string, string | undefined> = { ...host.env };
  delete env.DATABRICKS_CONFIG_FILE;
  delete env.DATABRICKS_CONFIG_PROFILE;
  const cfg = new Config({
    ...(config.host ? { host: config.host } : {}),
    ...(profile ? { profile } : {}),
    configFile: file,
    env: env as NodeJS.ProcessEnv,
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
