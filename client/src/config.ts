import { isEngineType } from '../../core/src/index';

/**
 * Typed access to the `datapact.*` settings. The keys and defaults here must match `contributes.configuration`
 * in package.json (a unit test checks both directions).
 */
export interface DataPactSettings {
  /** Overrides the pact's `engine.type`; '' follows the file. */
  engine: '' | 'duckdb' | 'databricks';
  'databricks.profile': string;
  'databricks.warehouse': string;
  'trace.server': 'off' | 'messages' | 'verbose';
}

export const DEFAULT_SETTINGS: DataPactSettings = {
  engine: '',
  'databricks.profile': '',
  'databricks.warehouse': '',
  'trace.server': 'off',
};

/** Settings whose change needs the language server restarted rather than re-read. */
export const RESTART_KEYS: readonly (keyof DataPactSettings)[] = [];

/** Maps whatever the user wrote to a valid settings object: unknown values fall back to defaults. */
export function normaliseSettings(read: (key: keyof DataPactSettings) => unknown): DataPactSettings {
  const engine = read('engine');
  const trace = read('trace.server');
  const text = (key: 'databricks.profile' | 'databricks.warehouse') => {
    const value = read(key);
    return typeof value === 'string' ? value.trim() : DEFAULT_SETTINGS[key];
  };
  return {
    engine: isEngineType(engine) ? engine : '',
    'databricks.profile': text('databricks.profile'),
    'databricks.warehouse': text('databricks.warehouse'),
    'trace.server': trace === 'messages' || trace === 'verbose' ? trace : 'off',
  };
}
