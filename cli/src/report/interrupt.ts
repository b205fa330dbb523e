/**
 * Ctrl-C for a command that starts or follows a run, listened for from the command's first step: a Ctrl-C while a
 * run is being started (a Databricks job's upload, reset or run-now) then stops the start or cancels the run that
 * run-now created, instead of killing the process and leaving a job run going unseen.
 */
export interface Interrupt {
  /** Aborted on the first Ctrl-C. */
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Listens for SIGINT until disposed; `onFirst` runs once, on the first one. */
export function listenForInterrupt(onFirst?: () => void): Interrupt {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    onFirst?.();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}
