/**
 * The engines that ship with DataPact, in the order people see them listed. A new engine lives in its own folder
 * (`engines/<name>/`) and is added here with one line.
 */
import type { EnginePlugin } from './engine-plugin';
import { duckDbEnginePlugin } from './duckdb/duckdb-plugin';
import { databricksEnginePlugin } from './databricks/databricks-plugin';

export const BUILTIN_ENGINE_PLUGINS: readonly EnginePlugin[] = [duckDbEnginePlugin, databricksEnginePlugin];
