/**
 * Sign-in the way every Databricks tool does it ("unified auth"), through the official SDK's Config: explicit
 * settings (the pact's engine.host / engine.profile, the editor's overrides) → DATABRICKS_* environment variables →
 * a profile of the config file. Methods in the SDK's order: personal access token, OAuth machine-to-machine (service
 * principal), the Databricks CLI's user login (`databricks auth token`), cloud-specific ones.
 *
 * What this module adds to the SDK: the environment and home folder come from the EngineHost (tests use a temporary
 * home; the SDK itself would read process.env.HOME), `[__settings__] default_profile` is honoured (as the Go and
 * Python SDKs do), and a failure to sign in says which method was tried and what to set — never a secret's value.
 */
import { existsSync } from 'node:fs';
import type { Config } from '@databricks/sdk-experimental';
import { databricksSdk } from './databricks-sdk';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import { EngineConfigError } from '../../engine/engine-errors';
import type { EngineHost } from '../engine-plugin';

export { configFilePath, requestedProfile } from './databricks-config-file';
import { configFilePath, requestedProfile } from './databricks-config-file';

/**
 * The SDK configuration for a resolved engine configuration. Nothing is contacted yet: the first call resolves and
 * signs in. The pact's host wins over DATABRICKS_HOST; a profile named by the pact wins over the environment's.
 */
export interface SignInTimeouts {
  /** Per request, and for all retries of one call (default 60 s and 300 s). */
  httpTimeoutSeconds?: number;
  retryTimeoutSeconds?: number;
}

export function sdkConfig(config: ResolvedEngineConfig, host: EngineHost, timeouts: SignInTimeouts = {}): Config {
  const file = configFilePath(host);
  const profile = requestedProfile(config, host, file);
  const env: Record<string, string | undefined> = { ...host.env };
  // The SDK resolves `~` in the config file path against process.env.HOME; hand it the absolute path instead.
  delete env.DATABRICKS_CONFIG_FILE;
  delete env.DATABRICKS_CONFIG_PROFILE;
  return new (databricksSdk().Config)({
    ...(config.host ? { host: config.host } : {}),
    ...(profile ? { profile } : {}),
    configFile: file,
    env: env as NodeJS.ProcessEnv,
    // Long statements are polled, never held open; 60 s covers a slow answer without hanging on a dead one.
    httpTimeoutSeconds: timeouts.httpTimeoutSeconds ?? 60,
    retryTimeoutSeconds: timeouts.retryTimeoutSeconds ?? 300,
  });
}

/**
 * Which workspace a configuration signs in to, without contacting it: a key for caches (host and profile as the
 * sign-in resolves them, `default_profile` included) and a label for messages (`profile 'dev'`); undefined when
 * nothing says where to sign in (no host, no profile, no config file).
 */
export function workspaceIdentity(config: ResolvedEngineConfig, host: EngineHost): { key: string; label: string } | undefined {
  const file = configFilePath(host);
  const profile = requestedProfile(config, host, file);
  const hostUrl = config.host ?? nonEmpty(host.env.DATABRICKS_HOST);
  if (!profile && !hostUrl && !existsSync(file)) return undefined;
  const label = profile ? `profile '${profile}'` : hostUrl ? `host ${hostUrl}` : `the DEFAULT profile of ${file}`;
  return { key: JSON.stringify([hostUrl ?? '', profile ?? '', profile || !hostUrl ? file : '']), label };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** Which method the configuration points at, for messages (never a value). */
function methodsTried(cfg: Config, host: EngineHost, file: string): string {
  const auth = cfg.authType ?? host.env.DATABRICKS_AUTH_TYPE;
  if (auth && auth !== 'default') return auth;
  if (cfg.token) return 'personal access token (pat)';
  if (cfg.clientId || cfg.clientSecret) return 'OAuth machine-to-machine (oauth-m2m)';
  if (cfg.host) return `the Databricks CLI login (databricks-cli) for ${cfg.host}`;
  return existsSync(file) ? `the config file ${file}` : 'none (no host, token or profile found)';
}

/** Keeps only the SDK's own reason: its "Config: …" tail names attributes (values of secrets are masked). */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\. Config: |\. Env: /)[0]!.replace(/\s+/g, ' ').trim();
}

/**
 * Why signing in failed, as a configuration error: the method tried, the SDK's reason, and what to set.
 * Secret values never appear: the SDK masks them and this message names settings only.
 */
export function signInError(error: unknown, cfg: Config, host: EngineHost, config: ResolvedEngineConfig): EngineConfigError {
  const file = configFilePath(host);
  const profile = requestedProfile(config, host, file);
  const lines = [
    `cannot sign in to Databricks: ${reason(error)}`,
    `  method tried: ${methodsTried(cfg, host, file)}${profile ? `; profile '${profile}' of ${file}` : ''}`,
    '  set one of: DATABRICKS_HOST with DATABRICKS_TOKEN (personal access token); DATABRICKS_HOST with',
    '  DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (service principal, OAuth M2M); a profile in ~/.databrickscfg',
    "  (engine.profile in the pact, or DATABRICKS_CONFIG_PROFILE); or run 'databricks auth login --host <url>' (Databricks CLI).",
  ];
  return new EngineConfigError(lines.join('\n'));
}
