/**
 * Errors an engine raises before any task runs: the run cannot start as configured (a catalog path that does not
 * exist, a results file that cannot be opened, an engine that is not available). Adapters map them to a usage
 * exit code (CLI) or a configuration message (editor); every other failure is reported per task.
 */
export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
}

/**
 * A run stopped while it was being started (Ctrl-C during a Databricks job's upload or reset): nothing ran and no
 * run exists. A run that already has an id is cancelled instead (its handle ends CANCELLED).
 */
export class RunCancelledError extends Error {
  override readonly name = 'RunCancelledError';
  constructor(message = 'the run was interrupted before it started; nothing ran') {
    super(message);
  }
}

/** Throws RunCancelledError when `signal` is aborted (an engine calls this before each step that starts work). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunCancelledError();
}
