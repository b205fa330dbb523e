/**
 * The one place the workbench reaches engines: start a run, attach to one by id, read history. Everything else in
 * the client works on RunHandles (core/src/engines/engine-plugin.ts) and never names an engine.
 *
 * Interim: until the engine registry of the seam lands in main, runs go through core's `createEngine(...).run`
 * wrapped as a RunHandle (see legacyRunHandle); attach then answers that runs cannot be re-attached yet.
 */
import { createEngine, EngineConfigError, type HistoryEntry, type Pact, type ResolvedEngineConfig } from '../../../core/src/index';
import type { RunHandle } from '../../../core/src/engines/engine-plugin';
import { legacyRunHandle } from './legacy-run-handle';

/** What a run needs to know about its pact. */
export interface RunTarget {
  pactPath: string;
  pact: Pact;
  engineConfig: ResolvedEngineConfig;
}

export interface EngineAccess {
  start(target: RunTarget, taskKeys?: readonly string[]): Promise<RunHandle>;
  attach(target: RunTarget, runId: string): Promise<RunHandle>;
  history(target: RunTarget, limit: number): Promise<HistoryEntry[]>;
  /** A page showing the pact's results (a dashboard) when the engine has one; undefined otherwise. */
  dashboardUrl(target: RunTarget): Promise<string | undefined>;
}

export const engineAccess: EngineAccess = {
  async start(target, taskKeys) {
    const engine = createEngine(target.engineConfig);
    return legacyRunHandle(engine, target, taskKeys);
  },
  async attach(_target, runId) {
    throw new EngineConfigError(`run ${runId} cannot be re-attached by this version`);
  },
  async history(target, limit) {
    return createEngine(target.engineConfig).history({ limit, taskKeys: target.pact.validations.map((t) => t.task_key) });
  },
  async dashboardUrl() {
    return undefined;
  },
};
