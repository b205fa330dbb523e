/**
 * Push diagnostics, debounced per document (a newer version supersedes a pending or running check).
 * Core findings (YAML, schema, rules, embedded SQL syntax) are published at once; findings that need the
 * catalog follow when it answers (published again), so catalog lookups never hold up typing. After an edit
 * inside one task, a quick answer for that task (incremental-check.ts) comes before the full check; the full
 * check is built from that task alone too when the edit allows it (no whole-file parse: features that need the
 * new version's parse get it from the cache on demand). A newer version also cancels the catalog questions the older
 * one was waiting for (at the workspace, when no other document waits for them: core's CatalogMemo). A large
 * document's full check runs in a worker thread (off-thread-check.ts), so requests keep being answered meanwhile.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogFindings, catalogQuestions, offlineFindings, type CatalogMemo, type Problem } from '../../../core/src/index';
import type { ServerSettings } from '../../../protocol/protocol';
import { engineOf, type CatalogService } from '../catalog-service';
import { toDiagnostic } from '../convert';
import { pathOfUri, type ParseCache, type ParsedPact } from '../documents';
import { byStart, recheckTask, type CheckedVersion } from '../incremental-check';
import { logFailure } from '../log';
import { checkOffThread, OFF_THREAD_CHARS, type OffThreadResult } from '../off-thread-check';
import { layoutOf, type PactLayout } from '../pact-layout';

export const DIAGNOSTICS_DELAY_MS = 200;

/** Everything a document's diagnostics depend on, except the catalog (core's findings, as `datapact validate` has them). */
export function coreProblems(pact: ParsedPact, settings: ServerSettings): Problem[] {
  return offlineFindings(pact.loaded, engineOf(pact, settings).type);
}

export interface DiagnosticsDeps {
  connection: Connection;
  cache: ParseCache;
  catalogs: CatalogService;
  settings: () => Promise<ServerSettings>;
  document: (uri: string) => TextDocument | undefined;
  /** Local catalogs changed on disk since they were read (found by a check): every open pact is checked again. */
  catalogsChanged: () => void;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly checked = new Map<string, CheckedVersion<CatalogMemo>>();
  /** Aborts when the document's check is superseded (a newer version, a close): its catalog questions are dropped. */
  private readonly superseded = new Map<string, AbortController>();
  /** Off-thread checks in flight, ended when a newer version or a close supersedes them. */
  private readonly offThread = new Map<string, AbortController>();

  constructor(private readonly deps: DiagnosticsDeps) {}

  schedule(uri: string, delay = DIAGNOSTICS_DELAY_MS): void {
    clearTimeout(this.timers.get(uri));
    this.offThread.get(uri)?.abort();
    const generation = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, generation);
    const signal = this.supersede(uri).signal;
    this.timers.set(uri, setTimeout(() => void this.run(uri, generation, signal), delay));
  }

  /** Cancels what the document's current check waits for; returns the controller of the next check. */
  private supersede(uri: string): AbortController {
    this.superseded.get(uri)?.abort();
    const next = new AbortController();
    this.superseded.set(uri, next);
    return next;
  }

  /** What the last check of a document saw (its text and task layout), for completion in large documents. */
  lastChecked(uri: string): { text: string; layout?: PactLayout } | undefined {
    return this.checked.get(uri);
  }

  /** Forgets what the last checks saw (settings or catalogs changed: no quick answer from stale findings). */
  forgetChecked(): void {
    this.checked.clear();
  }

  /** Stops work on a closed document and clears its diagnostics. */
  close(uri: string): void {
    this.checked.delete(uri);
    this.offThread.get(uri)?.abort();
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
    this.superseded.get(uri)?.abort();
    this.superseded.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private current(uri: string, generation: number): boolean {
    return this.generation.get(uri) === generation;
  }

  private async run(uri: string, generation: number, signal: AbortSignal): Promise<void> {
    this.timers.delete(uri);
    try {
      const settings = await this.deps.settings();
      const document = this.deps.document(uri);
      if (!document || !this.current(uri, generation)) return;
      // A file-watcher event may never come for a changed catalog file (VS Code drops some: catalog-signature.ts),
      // so a check first compares the local catalogs with what was read; a changed one is read again, and every
      // open pact (this one too) is checked again against it instead of this check going on with stale answers.
      if ((await this.deps.catalogs.refreshChanged()) > 0) {
        this.forgetChecked();
        return this.deps.catalogsChanged();
      }
      if (!this.current(uri, generation)) return;
      const publish = (problems: Problem[]) =>
        this.deps.connection.sendDiagnostics({
          uri,
          version: document.version,
          diagnostics: problems.map((p) => toDiagnostic(document, p)),
        });
      const previous = this.checked.get(uri);
      const text = document.getText();
      if (previous && previous.text !== text) {
        const recheck = safely(() => recheckTask(previous, text, pathOfUri(uri)));
        if (recheck) {
          await publish(recheck.quick);
          await new Promise((resolve) => setImmediate(resolve)); // let it reach the client before the full check
          if (!this.current(uri, generation)) return;
          const full = recheck.full;
          // The full answer holds only when the catalog already knows everything the edited task asks.
          if (full && !(previous.catalog && previous.catalog.load(recheck.questions, signal))) {
            this.checked.set(uri, { ...previous, text, layout: full.layout, problems: full.problems, complete: true });
            return void (await publish(full.problems));
          }
        }
      }
      if (text.length >= OFF_THREAD_CHARS) {
        const result = await this.checkOffThread(uri, text, settings);
        if (!this.current(uri, generation)) return;
        if (result) return void (await this.finishOffThread(uri, generation, document, text, result, publish, signal));
        // The worker failed (logged): the check runs here instead.
      }
      const pact = this.deps.cache.get(document);
      if (!previous) {
        // First check of a document: the loader's findings first; SQL grammars and the catalog take longer.
        await publish(pact.loaded.problems);
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.current(uri, generation)) return;
      }
      const core = byStart(coreProblems(pact, settings));
      const engine = engineOf(pact, settings);
      const memo = this.deps.catalogs.memoFor(engine);
      const layout = safely(() => layoutOf(pact.loaded));
      const remember = (problems: Problem[], complete: boolean, catalog?: CatalogMemo) =>
        this.checked.set(uri, { text: pact.loaded.source.text, problems, engine: engine.type, complete, ...(layout ? { layout } : {}), ...(catalog ? { catalog } : {}) });
      if (!memo) {
        remember(core, true);
        return void (await publish(core));
      }
      const loading = memo.load(catalogQuestions(pact.loaded.raw), signal);
      if (loading) {
        remember(core, false);
        await publish(core);
        await loading;
        if (!this.current(uri, generation)) return;
      }
      const all = byStart([...core, ...catalogFindings(pact.loaded, memo)]);
      remember(all, true, memo);
      await publish(all);
    } catch (error) {
      logFailure(this.deps.connection, `diagnostics for ${uri}`, error);
    }
  }

  /** The offline part of a large document's check, from a worker thread; undefined when it was superseded or failed. */
  private async checkOffThread(uri: string, text: string, settings: ServerSettings): Promise<OffThreadResult | undefined> {
    const controller = new AbortController();
    this.offThread.set(uri, controller);
    const path = pathOfUri(uri);
    try {
      return await checkOffThread({ text, settings, ...(path ? { path } : {}) }, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) logFailure(this.deps.connection, `the off-thread check of ${uri}`, error);
      return undefined;
    } finally {
      if (this.offThread.get(uri) === controller) this.offThread.delete(uri);
    }
  }

  /** Publishes a worker's findings, then adds the catalog's (parsed here: the catalog answers live on this thread). */
  private async finishOffThread(
    uri: string,
    generation: number,
    document: TextDocument,
    text: string,
    result: OffThreadResult,
    publish: (problems: Problem[]) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    const core = byStart(result.problems);
    const { engine, layout } = result;
    const memo = this.deps.catalogs.memoFor(engine);
    const remember = (problems: Problem[], complete: boolean, catalog?: CatalogMemo) =>
      this.checked.set(uri, { text, problems, engine: engine.type, complete, ...(layout ? { layout } : {}), ...(catalog ? { catalog } : {}) });
    if (!memo) {
      remember(core, true);
      return void (await publish(core));
    }
    const loading = memo.load(result.questions, signal);
    if (loading) {
      remember(core, false);
      await publish(core);
      await loading;
      if (!this.current(uri, generation)) return;
    }
    const view = this.deps.cache.parsedOnly(document);
    const all = byStart([...core, ...catalogFindings(view.loaded, memo)]);
    remember(all, true, memo);
    await publish(all);
  }
}

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined; // the full check follows anyway
  }
}
