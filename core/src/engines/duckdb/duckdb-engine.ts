/**
 * The local engine: runs start here (`LocalDuckDbRun`) and are found again by id in the results store
 * (`AttachedDuckDbRun`); a run started by this process is attached to directly.
 */
import type { Pact } from '../../model/pact';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { HistoryQuery } from '../../engine/engine';
import { EngineConfigError } from '../../engine/engine-errors';
import type { Engine, EngineHost, RunHandle, StartOptions } from '../engine-plugin';
import { readHistory, readStoredRun } from './duckdb-history';
import { LocalDuckDbRun } from './duckdb-run';
import { AttachedDuckDbRun } from './duckdb-attached-run';

/** Runs started by this process, by id, while they last (so `attach` in the same process gets the live handle). */
const liveRuns = new Map<string, LocalDuckDbRun>();

export class DuckDbEngine implements Engine {
  readonly type = 'duckdb' as const;
  private readonly attached = new Set<AttachedDuckDbRun>();

  constructor(
    private readonly config: ResolvedEngineConfig,
    readonly host?: EngineHost,
  ) {}

  history(options: HistoryQuery) {
    return readHistory(this.config.results, options);
  }

  async start(pact: Pact, options: StartOptions): Promise<RunHandle> {
    const run = await LocalDuckDbRun.start(this.config, pact, options);
    liveRuns.set(run.runId, run);
    void run.result.finally(() => liveRuns.delete(run.runId)).catch(() => undefined);
    return run;
  }

  async attach(runId: string, _pact: Pact, options: { pactPath: string }): Promise<RunHandle> {
    const live = liveRuns.get(runId);
    if (live) return live;
    const stored = await readStoredRun(this.config.results, runId);
    if (!stored) throw new EngineConfigError(`no run ${runId} is recorded in ${this.config.results}`);
    const handle = new AttachedDuckDbRun(runId, this.config.results, options.pactPath, stored);
    this.attached.add(handle);
    return handle;
  }

  async dispose(): Promise<void> {
    for (const handle of this.attached) handle.stop();
    this.attached.clear();
  }
}
