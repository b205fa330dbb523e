/** Opening the engine a resolved configuration names, through the registry; adapters call this and nothing engine-specific. */
import { homedir } from 'node:os';
import type { Pact } from '../model/pact';
import type { TaskResult } from '../model/results';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { EngineRunResult } from '../engine/engine';
import type { Engine, EngineHost, RunEvent, StartOptions } from './engine-plugin';
import { getEnginePlugin } from './registry';

/** The host of a CLI or editor process: its environment and home folder. */
export function processEngineHost(log?: (line: string) => void): EngineHost {
  return { env: process.env, homeDir: homedir(), ...(log ? { log } : {}) };
}

/** @throws EngineConfigError when the engine cannot run here */
export function createEngine(config: ResolvedEngineConfig, host: EngineHost = processEngineHost()): Engine {
  return getEnginePlugin(config.type).open(config, host);
}

/**
 * Runs `pact` to its end on the engine its configuration names (a convenience over start / onEvent / result for
 * callers that need no handle: tests, scripts). `onTaskFinished` sees each task once its row is recorded; if it
 * throws, the run still records every task and then rejects with the first such error. Aborting `signal` cancels.
 */
export async function runPact(
  pact: Pact,
  options: StartOptions & {
    engineConfig: ResolvedEngineConfig;
    onTaskFinished?: (result: TaskResult) => void;
    onEvent?: (event: RunEvent) => void;
    signal?: AbortSignal;
  },
): Promise<EngineRunResult> {
  const { engineConfig, onTaskFinished, onEvent, signal, ...startOptions } = options;
  const engine = createEngine(engineConfig);
  try {
    const handle = await engine.start(pact, startOptions);
    const listener = handle.onEvent((event) => {
      onEvent?.(event);
      if (event.kind === 'task-finished') onTaskFinished?.(event.result);
    });
    const onAbort = () => void handle.cancel();
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
    try {
      return await handle.result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      listener.dispose();
    }
  } finally {
    await engine.dispose();
  }
}
