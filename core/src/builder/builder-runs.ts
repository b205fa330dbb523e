/**
 * Runs started from the builder (either host). A host starts the run its way (`datapact app`: the engine its pact
 * names, through the engine seam and the local run records; the editor: the workbench's run service, so the run
 * shows in its views too) and hands back the run handle; the handles live here, one set per host, and the page
 * polls their snapshots. The run itself is recorded by its engine.
 */
import type { Pact } from '../model/pact';
import type { HistoryEntry } from '../engine/engine';
import { resolveEngineConfig } from '../engine/engine-config';
import { checkOutcomes, describeCheck } from '../engine/check-outcomes';
import { runStatus } from '../engine/run-status';
import { createEngine, processEngineHost } from '../engines/create-engine';
import type { RunHandle, RunSnapshot } from '../engines/engine-plugin';
import { startRun } from '../runs/start-run';
import type { BuilderRunView } from './builder-methods';

/** How many finished runs a page can still ask about. */
const KEPT_RUNS = 20;

/**
 * The runs one host started or opened, newest kept: a live one by its handle, a past one read from the results
 * history by the view its rows make (a finished run has nothing more to follow).
 */
export class BuilderRuns {
  private readonly runs = new Map<string, RunHandle | BuilderRunView>();

  track(handle: RunHandle): string {
    return this.keep(handle.runId, handle);
  }

  /** A finished run as its history rows show it. */
  keepView(view: BuilderRunView): string {
    return this.keep(view.run_id, view);
  }

  private keep(runId: string, run: RunHandle | BuilderRunView): string {
    this.runs.delete(runId);
    this.runs.set(runId, run);
    while (this.runs.size > KEPT_RUNS) this.runs.delete(this.runs.keys().next().value as string);
    return runId;
  }

  view(runId: string): BuilderRunView | undefined {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    return 'snapshot' in run ? runView(run.snapshot()) : run;
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

/**
 * The pact's recent runs as its engine's results history has them (what `datapact history` lists): rows newest run
 * first. Reading never starts stopped compute (a SQL warehouse); the engine says so instead.
 * @throws EngineConfigError when the engine cannot read its history (not signed in, a stopped warehouse)
 */
export async function readPactHistory(pact: Pact, pactPath: string, limit: number): Promise<HistoryEntry[]> {
  const engine = createEngine(resolveEngineConfig(pact.engine, pactPath), processEngineHost());
  try {
    return await engine.history({ limit, taskKeys: pact.validations.map((task) => task.task_key) });
  } finally {
    await engine.dispose();
  }
}

/** One run's history rows (as `history` reads them) as the page shows a run. */
export function historyRunView(rows: readonly HistoryEntry[]): BuilderRunView {
  const state = rows.find((row) => row.run_state !== undefined)?.run_state ?? 'FINISHED';
  return {
    run_id: rows[0]!.run_id,
    state,
    status: runStatus(rows),
    tasks: rows.map((row) => ({
      task_key: row.task_key,
      state: 'DONE',
      status: row.status,
      ...(row.error_message ? { error: row.error_message } : {}),
      checks: checkOutcomes(row.payload ?? null).map((check) => ({ status: check.status ?? 'ERROR', text: describeCheck(check) })),
    })),
  };
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
