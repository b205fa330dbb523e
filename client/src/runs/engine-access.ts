/**
 * The one place the workbench reaches engines, through the engine seam (core/src/engines): start a run, attach to
 * one by id, read history. A run starts in a detached `datapact run` process (detached-run.ts: it outlives a window
 * reload, and records itself in `.datapact/runs.json`) and is followed here by id, exactly as a run re-attached
 * after a reload is. Everything else in the client works on RunHandles and never names an engine. Each run gets
 * its own engine, released when the run is final.
 */
import {
  createEngine, getEnginePlugin, processEngineHost, type DashboardPage, type Engine, type HistoryEntry, type Pact, type ResolvedEngineConfig,
  type RunHandle,
} from '../../../core/src/index';
import { startDetachedRun } from './detached-run';

/** What a run needs to know about its pact. */
export interface RunTarget {
  pactPath: string;
  pact: Pact;
  engineConfig: ResolvedEngineConfig;
  /** The settings that override the pact's engine block (the run's process is given the same). */
  overrides: { engine?: string; profile?: string; warehouse?: string };
}

export interface EngineAccess {
  start(target: RunTarget, taskKeys?: readonly string[]): Promise<RunHandle>;
  attach(target: RunTarget, runId: string): Promise<RunHandle>;
  history(target: RunTarget, limit: number): Promise<HistoryEntry[]>;
  /** Whether the pact's engine keeps a dashboard of its results (otherwise the results view stands in for one). */
  hasDashboards(target: RunTarget): boolean;
  /** The pact's dashboard; undefined when none is set up yet (with `create`, it is set up first). */
  dashboard(target: RunTarget, options?: { create?: boolean }): Promise<DashboardPage | undefined>;
}

/**
 * An engine access whose engines write their progress notes to `log`; runs start in the `datapact run` of the CLI
 * bundle at `cliPath` (the extension's own `dist/cli.js`).
 */
export function engineAccess(cliPath: string, log: (line: string) => void = () => undefined): EngineAccess {
  const open = (target: RunTarget): Engine => createEngine(target.engineConfig, processEngineHost(log));
  /** Keeps the engine open while the run goes on. */
  const owned = async (engine: Engine, starting: Promise<RunHandle>): Promise<RunHandle> => {
    try {
      const handle = await starting;
      void handle.result.catch(() => undefined).finally(() => void engine.dispose());
      return handle;
    } catch (error) {
      await engine.dispose();
      throw error;
    }
  };
  return {
    async start(target, taskKeys) {
      const runId = await startDetachedRun(cliPath, { pactPath: target.pactPath, ...(taskKeys ? { taskKeys } : {}), ...target.overrides });
      const engine = open(target);
      return owned(engine, engine.attach(runId, target.pact, { pactPath: target.pactPath }));
    },
    attach(target, runId) {
      const engine = open(target);
      return owned(engine, engine.attach(runId, target.pact, { pactPath: target.pactPath }));
    },
    async history(target, limit) {
      const engine = open(target);
      try {
        return await engine.history({ limit, taskKeys: target.pact.validations.map((t) => t.task_key) });
      } finally {
        await engine.dispose();
      }
    },
    hasDashboards: (target) => !!getEnginePlugin(target.engineConfig.type).dashboard,
    async dashboard(target, options = {}) {
      const plugin = getEnginePlugin(target.engineConfig.type);
      if (!plugin.dashboard) return undefined;
      return plugin.dashboard(target.engineConfig, processEngineHost(log), target.pactPath, options);
    },
  };
}
