/**
 * Errors an engine raises before any task runs: the run cannot start as configured (a catalog path that does not
 * exist, a results file that cannot be opened, an engine that is not available). Adapters map them to a usage
 * exit code (CLI) or a configuration message (editor); every other failure is reported per task.
 */
export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
}
