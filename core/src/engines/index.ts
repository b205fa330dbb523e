/** The engine seam's public surface (re-exported by core/src/index.ts). */
export * from './engine-plugin';
export { registerEngine, getEnginePlugin, listEnginePlugins, engineTypes, isEngineType } from './registry';
export { createEngine, processEngineHost, runPact } from './create-engine';
export { RunTracker, type RunIdentity } from './run-tracker';
export * from './databricks/catalog/index';
