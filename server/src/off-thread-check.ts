/**
 * The full offline check of a large document (loader, schema, rules, embedded SQL syntax) in a worker thread, so
 * that the server's thread stays free for completion and the other requests while it runs. On a 5 MB pact that
 * check takes seconds (the loader ≈ 1–7 s, a cold SQL grammar ≈ 2–6 s on this machine), and on the server's
 * thread every request waited behind it. The worker runs the same code (`dist/server.js` started as a worker:
 * see main.ts) and returns plain data: the findings, the task layout (for later one-task re-checks), and what
 * the catalog step needs (the engine and the catalog questions). Catalog findings stay on the server's thread,
 * where the catalog answers are. One worker per check: it ends with the check (or when a newer version supersedes
 * it), so the memory of a large parse goes with it.
 */
import { existsSync } from 'node:fs';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { catalogQuestions, loadPact, offlineFindings, type CatalogQuestions, type Problem } from '../../core/src/index';
import type { ServerSettings } from '../../protocol/protocol';
import { engineOf, type PactEngine } from './catalog-service';
import type { ParsedPact } from './documents';
import { layoutOf, type PactLayout } from './pact-layout';

/** Documents at least this long are checked off the server's thread (a 1,000-task pact is ≈ 0.4 MB). */
export const OFF_THREAD_CHARS = 1_000_000;

/** Marks the worker's `workerData`, so main.ts starts a check instead of a language server. */
export const CHECK_WORKER = 'datapact-offline-check';

export interface OffThreadRequest {
  text: string;
  path?: string;
  settings: ServerSettings;
}

export interface OffThreadResult {
  /** The loader's and the embedded SQL's findings (what `coreProblems` gives on the server's thread). */
  problems: Problem[];
  layout?: PactLayout;
  engine: PactEngine;
  questions: CatalogQuestions;
}

/** The check itself: the same steps as the server's thread takes for a small document. */
export function checkOffline(request: OffThreadRequest): OffThreadResult {
  const loaded = loadPact(request.text, request.path ? { path: request.path } : {});
  const view = { loaded, ...(request.path ? { path: request.path } : {}) } as ParsedPact;
  const engine = engineOf(view, request.settings);
  let layout: PactLayout | undefined;
  try {
    layout = layoutOf(loaded);
  } catch {
    layout = undefined; // no one-task re-checks for this version: the next edit gets a full check
  }
  return { problems: offlineFindings(loaded, engine.type), ...(layout ? { layout } : {}), engine, questions: catalogQuestions(loaded.raw) };
}

/** Runs one check in a new worker; `signal` ends it early (a newer version supersedes it). */
export function checkOffThread(request: OffThreadRequest, signal: AbortSignal): Promise<OffThreadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { role: CHECK_WORKER } });
    let settled = false;
    const end = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abort);
      void worker.terminate();
      settle();
    };
    const abort = () => end(() => reject(new Error('superseded')));
    signal.addEventListener('abort', abort, { once: true });
    worker.once('message', (result: OffThreadResult) => end(() => resolve(result)));
    worker.once('error', (error) => end(() => reject(error)));
    worker.once('exit', (code) => end(() => reject(new Error(`the check worker stopped (exit ${code})`))));
    if (signal.aborted) abort();
    else worker.postMessage(request);
  });
}

/** The worker's side: one request, one answer. */
export function serveOffThreadCheck(): void {
  parentPort!.once('message', (request: OffThreadRequest) => {
    const result = checkOffline(request);
    holdForTest();
    parentPort!.postMessage(result);
  });
}

/** Whether this thread was started by {@link checkOffThread}. */
export function isCheckWorker(): boolean {
  return (workerData as { role?: unknown } | null)?.role === CHECK_WORKER;
}

/**
 * A gate for protocol tests (DATAPACT_TEST_HOLD_CHECKS = a file path): the answer waits until that file exists,
 * so a test can ask for completion while a full check is certainly still running, without depending on speed.
 */
function holdForTest(): void {
  const gate = process.env.DATAPACT_TEST_HOLD_CHECKS;
  if (!gate) return;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !existsSync(gate) && waited < 120_000; waited += 20) Atomics.wait(pause, 0, 0, 20);
}
