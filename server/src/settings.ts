/** The `datapact` settings section from the client, cached until the client says it changed. */
import type { Connection } from 'vscode-languageserver/node';
import { isEngineType } from '../../core/src/index';
import { SETTINGS_SECTION, type ServerSettings } from '../../protocol/protocol';

export const DEFAULT_SETTINGS: ServerSettings = { engine: '' };

/** Maps anything the client sends to valid settings (junk becomes the default). */
export function normaliseSettings(value: unknown): ServerSettings {
  const engine = (value as { engine?: unknown } | null)?.engine;
  const databricks = (value as { databricks?: unknown } | null)?.databricks;
  const text = (key: 'profile' | 'warehouse') => {
    const v = typeof databricks === 'object' && databricks !== null ? (databricks as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' ? v.trim() : '';
  };
  return { engine: isEngineType(engine) ? engine : '', databricks: { profile: text('profile'), warehouse: text('warehouse') } };
}

export class SettingsCache {
  private current?: Promise<ServerSettings>;
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(): Promise<ServerSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    this.current ??= this.connection.workspace
      .getConfiguration({ section: SETTINGS_SECTION })
      .then(normaliseSettings, () => DEFAULT_SETTINGS);
    return this.current;
  }

  clear(): void {
    this.current = undefined;
  }
}
