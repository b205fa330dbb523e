/**
 * Starting a run the way every adapter does: start it on the engine, then add it to the local record of runs
 * (`.datapact/runs.json` beside the pact) so it can be listed and attached to later. A record that cannot be
 * written costs only that listing; it never stops the run (the note says why). An abort of `options.signal`
 * before the run exists stops the start (RunCancelledError); after, it cancels the run.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Pact } from '../model/pact';
import type { Engine, RunHandle, StartOptions } from '../engines/engine-plugin';
import { throwIfCancelled } from '../engine/engine-errors';
import { recordLocalRun, recordLocalRunEnd } from './local-runs';

export async function startRun(
  engine: Engine,
  pact: Pact,
  options: StartOptions,
  note: (line: string) => void = () => undefined,
): Promise<RunHandle> {
  throwIfCancelled(options.signal);
  const handle = await engine.start(pact, options);
  // Aborted while starting, or later: the run exists, so it is cancelled (and the handle ends CANCELLED).
  const signal = options.signal;
  if (signal) {
    const cancel = () => void handle.cancel().catch(() => undefined);
    if (signal.aborted) cancel();
    else {
      signal.addEventListener('abort', cancel, { once: true });
      void handle.result.catch(() => undefined).finally(() => signal.removeEventListener('abort', cancel));
    }
  }
  const snapshot = handle.snapshot();
  const runId = handle.runId;
  try {
    recordLocalRun({
      run_id: runId,
      pact: resolve(options.pactPath),
      engine: engine.type,
      started_at: snapshot.started_at,
      host: hostname(),
      ...(snapshot.job_id ? { job_id: snapshot.job_id } : {}),
      ...(snapshot.url ? { url: snapshot.url } : {}),
    });
  } catch (error) {
    note(`the run could not be added to the local list of runs: ${error instanceof Error ? error.message : String(error)}`);
    return handle;
  }
  // Registered before the caller awaits the result, so it is written before a CLI that exits on the result does.
  const recordEnd = () => {
    const { state, status } = handle.snapshot();
    if (state !== 'FINISHED' && state !== 'CANCELLED' && state !== 'INCOMPLETE') return;
    try {
      recordLocalRunEnd(options.pactPath, runId, { state, ended_at: new Date().toISOString(), ...(status ? { status } : {}) });
    } catch (error) {
      note(`the end of the run could not be added to the local list of runs: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  void handle.result.then(recordEnd, recordEnd);
  return handle;
}
