/**
 * The profiles of `~/.databrickscfg` (INI: `[name]` sections of `key = value`), as the Select Profile picker
 * lists them. Only names, hosts and how each signs in are read; secrets are never kept or shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DatabricksProfile {
  name: string;
  host?: string;
  /** How the profile signs in: a token, OAuth machine-to-machine, or the Databricks CLI's login (needs `databricks auth login`). */
  auth: 'token' | 'oauth-m2m' | 'databricks-cli' | 'other';
}

export function databricksConfigFile(homeDir: string, env: Readonly<Record<string, string | undefined>>): string {
  return env.DATABRICKS_CONFIG_FILE || join(homeDir, '.databrickscfg');
}

export function readDatabricksProfiles(file: string): DatabricksProfile[] {
  if (!existsSync(file)) return [];
  return parseDatabricksProfiles(readFileSync(file, 'utf8'));
}

export function parseDatabricksProfiles(text: string): DatabricksProfile[] {
  const profiles: { name: string; keys: Map<string, string> }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      profiles.push({ name: section[1]!.trim(), keys: new Map() });
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (pair && profiles.length > 0) profiles.at(-1)!.keys.set(pair[1]!.trim().toLowerCase(), pair[2]!.trim());
  }
  return profiles.map(({ name, keys }) => ({ name, host: keys.get('host'), auth: authOf(keys) }));
}

function authOf(keys: Map<string, string>): DatabricksProfile['auth'] {
  const type = keys.get('auth_type');
  if (type === 'databricks-cli' || type === 'external-browser') return 'databricks-cli';
  if (keys.has('token') || type === 'pat') return 'token';
  if (keys.has('client_secret') || type === 'oauth-m2m') return 'oauth-m2m';
  if (!type && keys.has('host')) return 'databricks-cli'; // nothing to sign in with: the CLI's login is what works
  return 'other';
}
