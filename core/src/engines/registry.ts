/**
 * Engine plug-ins found by type, like the dialects: adapters ask the registry for the plug-in of a configuration's
 * `type` and use what it brings (dialect, catalog provider, SQL explanation, runs), never the engine's name.
 * The built-in plug-ins (`builtin.ts`) are registered on first use; a test or an extension may add its own.
 */
import type { EngineType } from '../model/pact';
import { EngineConfigError } from '../engine/engine-errors';
import type { EnginePlugin } from './engine-plugin';
import { BUILTIN_ENGINE_PLUGINS } from './builtin';

const plugins = new Map<string, EnginePlugin>();
let builtinsLoaded = false;

function ensureBuiltins(): void {
  if (builtinsLoaded) return;
  builtinsLoaded = true;
  for (const plugin of BUILTIN_ENGINE_PLUGINS) if (!plugins.has(plugin.type)) plugins.set(plugin.type, plugin);
}

/** Adds (or replaces) the plug-in for its type. */
export function registerEngine(plugin: EnginePlugin): void {
  ensureBuiltins();
  plugins.set(plugin.type, plugin);
}

/** @throws EngineConfigError naming the known types when none is registered for `type` */
export function getEnginePlugin(type: string): EnginePlugin {
  ensureBuiltins();
  const plugin = plugins.get(type);
  if (!plugin) throw new EngineConfigError(`unknown engine type '${type}' (known: ${engineTypes().join(', ')})`);
  return plugin;
}

/** Every registered plug-in, built-ins first in their listed order. */
export function listEnginePlugins(): EnginePlugin[] {
  ensureBuiltins();
  return [...plugins.values()];
}

/** The registered engine types, e.g. for settings and `--engine` parsing. */
export function engineTypes(): EngineType[] {
  return listEnginePlugins().map((p) => p.type);
}

/** True when `value` names a registered engine. */
export function isEngineType(value: unknown): value is EngineType {
  return typeof value === 'string' && engineTypes().includes(value as EngineType);
}
