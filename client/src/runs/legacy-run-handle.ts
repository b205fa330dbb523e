/**
 * Interim: a RunHandle over core's callback-style `Engine.run` (onTaskFinished + AbortSignal), so the workbench
 * codes against the seam's contract before the engine plug-ins implement it. Deleted when they land.
 */
import { newRunId, type Engine, type EngineRunResult } from '../../../core/src/index';
import type { RunEvent, RunHandle, RunSnapshot } from '../../../core/src/engines/engine-plugin';
import type { RunTarget } from './engine-access';

export function legacyRunHandle(engine: Engine, target: RunTarget, taskKeys?: readonly string[]): RunHandle {
  const keys = taskKeys ?? target.pact.validations.map((task) => task.task_key);
  const listeners = new Set<(event: RunEvent) => void>();
  const abort = new AbortController();
  const snapshot: RunSnapshot = {
    run_id: newRunId().toString(), // provisional: the engine picks its own id, given in run-finished
    engine: engine.type,
    pact: target.pactPath,
    started_at: new Date().toISOString(),
    state: 'RUNNING',
    tasks: keys.map((task_key) => ({ task_key, state: 'RUNNING' })),
  };
  const emit = (event: RunEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // listeners never disturb the run
      }
    }
  };
  const result: Promise<EngineRunResult> = engine
    .run(target.pact, {
      pactPath: target.pactPath,
      taskKeys,
      signal: abort.signal,
      onTaskFinished: (task) => {
        const progress = snapshot.tasks.find((t) => t.task_key === task.task_key);
        if (progress) Object.assign(progress, { state: 'DONE', result: task, started_at: task.started_at });
        emit({ kind: 'task-finished', result: task });
      },
    })
    .then((final) => {
      snapshot.run_id = final.run_id;
      snapshot.state = abort.signal.aborted ? 'CANCELLED' : 'FINISHED';
      snapshot.status = final.status;
      emit({ kind: 'run-finished', result: final });
      return final;
    }, (error: unknown) => {
      snapshot.state = 'INCOMPLETE';
      snapshot.status = 'ERROR';
      throw error;
    });
  return {
    get runId() {
      return snapshot.run_id;
    },
    snapshot: () => structuredClone(snapshot),
    onEvent(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    async cancel() {
      abort.abort();
      await result.catch(() => undefined);
    },
    result,
  };
}
