/**
 * The one place the workbench reaches engines, through the engine seam (core/src/engines): start a run (recorded
 * in the local run records by core's startRun), attach to one by id, read history. Everything else in the client
 * works on RunHandles and never names an engine. Each run gets its own engine, released when the run is final.
 */
import {
  createEngine, processEngineHost, startRun, type Engine, type HistoryEntry, type Pact, type ResolvedEngineConfig, type RunHandle,
} from '../../../core/src/index';

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

/** An engine access whose engines write their progress notes to `log`. */
export function engineAccess(log: (line: string) => void = () => undefined): EngineAccess {
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
    start(target, taskKeys) {
      const engine = open(target);
      return owned(engine, startRun(engine, target.pact, { pactPath: target.pactPath, ...(taskKeys ? { taskKeys } : {}) }, log));
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
    async dashboardUrl() {
      // The engine plug-in contract has no dashboard yet (it comes with the dashboard issue): the results view
      // stands in for it on every engine until a plug-in can name a page.
      return undefined;
    },
  };
}
