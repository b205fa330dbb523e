/**
 * Runs started from the builder (either host). A host starts the run its way (`datapact app`: the engine its pact
 * names, through the engine seam and the local run records; the editor: the workbench's run service, so the run
 * shows in its views too) and hands back the run handle; the handles live here, one set per host, and the page
 * polls their snapshots. The run itself is recorded by its engine.
 */
import type { Pact } from '../model/pact';
import { resolveEngineConfig } from '../engine/engine-config';
import { checkOutcomes, describeCheck } from '../engine/check-outcomes';
import { createEngine, processEngineHost } from '../engines/create-engine';
import type { RunHandle, RunSnapshot } from '../engines/engine-plugin';
import { startRun } from '../runs/start-run';
import type { BuilderRunView } from './builder-methods';

/** How many finished runs a page can still ask about. */
const KEPT_RUNS = 20;

/** The handles of the runs one host started, newest kept. */
export class BuilderRuns {
  private readonly handles = new Map<string, RunHandle>();

  track(handle: RunHandle): string {
    this.handles.set(handle.runId, handle);
    while (this.handles.size > KEPT_RUNS) this.handles.delete(this.handles.keys().next().value as string);
    return handle.runId;
  }

  view(runId: string): BuilderRunView | undefined {
    const handle = this.handles.get(runId);
    return handle ? runView(handle.snapshot()) : undefined;
  }
}

/**
 * Starts `pact` on the engine its engine block names and records it like every other run.
 *
 * The mode (a Databricks job, or statement by statement) is the engine's choice, as for `datapact run`: a whole
 * pact runs as a job (run page, dashboard refresh) whatever its number of tasks; one task asked for by key runs
 * directly, as the editor's Run Task does.
 * @throws EngineConfigError when the engine cannot start (shown to the person as is)
 */
export async function startPactRun(pact: Pact, pactPath: string, taskKeys?: string[]): Promise<RunHandle> {
  const engine = createEngine(resolveEngineConfig(pact.engine, pactPath), processEngineHost());
  const handle = await startRun(engine, pact, { pactPath, ...(taskKeys ? { taskKeys } : {}) });
  // The result is awaited so a failure is never an unhandled rejection; the snapshot carries the outcome.
  void handle.result.catch(() => undefined).finally(() => void engine.dispose());
  return handle;
}

/**
 * Follows a run recorded earlier (started here, by the CLI or the editor) by its id: its engine reads it back.
 * @throws EngineConfigError for an id its engine does not know
 */
export async function attachPactRun(pact: Pact, pactPath: string, runId: string): Promise<RunHandle> {
  const engine = createEngine(resolveEngineConfig(pact.engine, pactPath), processEngineHost());
  try {
    const handle = await engine.attach(runId, pact, { pactPath });
    void handle.result.catch(() => undefined).finally(() => void engine.dispose());
    return handle;
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}

/** A snapshot as the page shows it: each finished task with its checks described by core, not by the page. */
export function runView(snapshot: RunSnapshot): BuilderRunView {
  return {
    run_id: snapshot.run_id,
    state: snapshot.state,
    ...(snapshot.status ? { status: snapshot.status } : {}),
    ...(snapshot.url ? { url: snapshot.url } : {}),
    ...(snapshot.dashboard_url ? { dashboard_url: snapshot.dashboard_url } : {}),
    tasks: snapshot.tasks.map((task) => ({
      task_key: task.task_key,
      state: task.state,
      ...(task.result ? { status: task.result.status } : {}),
      ...(task.result?.error ? { error: task.result.error } : {}),
      checks: task.result ? checkOutcomes(task.result.payload).map((check) => ({ status: check.status ?? 'ERROR', text: describeCheck(check) })) : [],
    })),
  };
}
