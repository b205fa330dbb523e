/**
 * Which `~/.databrickscfg` file and profile a sign-in reads (DATABRICKS_CONFIG_FILE, DATABRICKS_CONFIG_PROFILE, the
 * pact's engine.profile, `[__settings__] default_profile`). Without the SDK, so that callers which load it lazily
 * (the editor's workspace sessions) resolve the file exactly as the engine's sign-in does.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { EngineHost } from '../engine-plugin';

/** Where the config file is: DATABRICKS_CONFIG_FILE (with `~` as the host's home) or `<home>/.databrickscfg`. */
export function configFilePath(host: EngineHost): string {
  const named = host.env.DATABRICKS_CONFIG_FILE;
  if (named && named.trim() !== '') {
    const expanded = named.replace(/^~(?=$|[\\/])/, host.homeDir);
    return isAbsolute(expanded) ? expanded : resolve(expanded);
  }
  return join(host.homeDir, '.databrickscfg');
}

/** The profile asked for: the pact's engine.profile, else DATABRICKS_CONFIG_PROFILE, else the file's default_profile. */
export function requestedProfile(config: ResolvedEngineConfig, host: EngineHost, file: string): string | undefined {
  if (config.profile) return config.profile;
  const fromEnv = host.env.DATABRICKS_CONFIG_PROFILE;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  // As in the other SDKs, the file's default profile applies only when nothing else says where to sign in.
  const configured = config.host || ['DATABRICKS_HOST', 'DATABRICKS_TOKEN', 'DATABRICKS_CLIENT_ID'].some((v) => host.env[v]);
  return configured ? undefined : defaultProfileOf(file);
}

/** `[__settings__] default_profile = NAME` of a config file (read by hand: only that one key matters here). */
function defaultProfileOf(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let inSettings = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      inSettings = section[1]!.trim() === '__settings__';
      continue;
    }
    const entry = inSettings ? /^default_profile\s*=\s*(.*?)\s*$/.exec(line) : null;
    if (entry && entry[1]) return entry[1];
  }
  return undefined;
}

/** A profile of the config file as a picker lists it: its name and workspace (never a secret). */
export interface ProfileChoice {
  name: string;
  host?: string;
}

/** The profiles of the config file the host's sign-in reads (none when it is missing or unreadable). */
export function listProfiles(host: EngineHost): ProfileChoice[] {
  let text: string;
  try {
    text = readFileSync(configFilePath(host), 'utf8');
  } catch {
    return [];
  }
  const profiles: ProfileChoice[] = [];
  let current: ProfileChoice | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const name = section[1]!.trim();
      current = name !== '__settings__' && name !== '' ? { name } : undefined;
      if (current) profiles.push(current);
      continue;
    }
    const hostEntry = /^host\s*=\s*(.*?)\s*$/i.exec(line);
    if (hostEntry && current) current.host = hostEntry[1];
  }
  return profiles;
}
