/** The pact language server: wiring only. Features live in server/src/features, logic in core. */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  type CancellationToken,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { onYamlReaderFault } from '../../core/src/index';
import { PreviewSqlRequest, RefreshCatalogRequest } from '../../protocol/protocol';
import { CatalogService, engineOf } from './catalog-service';
import { completionWindow } from './completion-window';
import { ParseCache, pathOfUri, type ParsedPact } from './documents';
import { codeActions } from './features/code-actions';
import { codeLenses } from './features/code-lens';
import { complete } from './features/completion';
import { DiagnosticsScheduler } from './features/diagnostics';
import { documentSymbols } from './features/document-symbols';
import { foldingRanges } from './features/folding-ranges';
import { hover } from './features/hover';
import { previewSql } from './features/preview-sql';
import { logFailure } from './log';
import { OFF_THREAD_CHARS } from './off-thread-check';
import { layoutOf, scanLayout, type TaskExtents } from './pact-layout';
import { MemoryWatch } from './memory';
import { SettingsCache } from './settings';

const connection = createConnection(ProposedFeatures.all);
// A fault of core's fast YAML reader is our bug: the text was read the standard way; the log says so.
onYamlReaderFault((fault) =>
  connection.console.warn(`datapact: the fast YAML reader failed (${fault.message}); the document was read with the standard parser`),
);
const documents = new TextDocuments(TextDocument);
const cache = new ParseCache();
const catalogs = new CatalogService();
const memory = new MemoryWatch();
const settings = new SettingsCache(connection);
/** Where the tasks of a large document were at its last completion (completion-window.ts). */
const completionLayouts = new Map<string, { text: string; layout: TaskExtents }>();
const diagnostics = new DiagnosticsScheduler({
  connection,
  cache,
  catalogs,
  settings: () => settings.get(),
  document: (uri) => documents.get(uri),
  catalogsChanged: () => recheckAll(),
});
let dynamicConfiguration = false;

connection.onInitialize((params) => {
  settings.supported = !!params.capabilities.workspace?.configuration;
  dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'datapact-language-server' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'datapact' });
});

/**
 * The parsed document for a request, or undefined when the client asks about a document it has not opened.
 * `checked`: with the loader's findings and model (the SQL preview); else the structure may be the parse alone.
 */
function parsed(uri: string, checked = false): ParsedPact | undefined {
  const document = documents.get(uri);
  return document ? (checked ? cache.get(document) : cache.view(document)) : undefined;
}

/** Runs a feature so that a bug in it answers the fallback (and logs) instead of failing the request. */
async function guarded<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    logFailure(connection, name, error);
    return fallback;
  }
}

/** An LSP request's cancellation as an AbortSignal (the catalog's questions are cancelled with the request). */
function abortSignalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

async function memoFor(pact: ParsedPact) {
  return catalogs.memoFor(engineOf(pact, await settings.get()));
}

function recheckAll(): void {
  for (const document of documents.all()) diagnostics.schedule(document.uri, 0);
}

// TextDocuments reports an open as a content change too (synchronously, right after onDidOpen): that one must
// not re-arm the typing debounce, which used to hold every open back by DIAGNOSTICS_DELAY_MS.
let justOpened: string | undefined;
documents.onDidOpen((event) => {
  justOpened = event.document.uri;
  memory.update(event.document.uri, event.document.getText().length);
  diagnostics.schedule(event.document.uri, 0);
});
documents.onDidChangeContent((event) => {
  const opening = justOpened === event.document.uri;
  justOpened = undefined;
  memory.update(event.document.uri, event.document.getText().length);
  if (event.document.getText().length < OFF_THREAD_CHARS) completionLayouts.delete(event.document.uri);
  if (!opening) diagnostics.schedule(event.document.uri);
});
documents.onDidClose((event) => {
  cache.forget(event.document.uri);
  completionLayouts.delete(event.document.uri);
  memory.close(event.document.uri);
  diagnostics.close(event.document.uri);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  catalogs.refresh();
  diagnostics.forgetChecked();
  recheckAll();
});

// The client watches *.duckdb, *.parquet, *.csv and *.tsv files: a changed catalog file drops the answers read from it
// (events VS Code never sends are caught by the next check: CatalogService.refreshChanged).
connection.onDidChangeWatchedFiles(({ changes }) => {
  const paths = changes.flatMap((change) => {
    try {
      return change.uri.startsWith('file:') ? [fileURLToPath(change.uri)] : [];
    } catch {
      return []; // a file URI naming another host: not a local catalog
    }
  });
  if (catalogs.refreshPaths(paths) === 0) return;
  diagnostics.forgetChecked();
  recheckAll();
});

connection.onCompletion(({ textDocument, position }, token) =>
  guarded('completion', [], async () => {
    // Completion needs the parse, not the checks: it answers before the debounced check of a large pact.
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const signal = abortSignalOf(token);
    // A large document: the cursor's task and the blocks above the tasks, when a known layout allows (the one
    // the last completion left, else the last check's; before either, the one its lines show).
    const offset = document.offsetAt(position);
    const path = pathOfUri(document.uri);
    const text = document.getText();
    const large = text.length >= OFF_THREAD_CHARS;
    const known = [completionLayouts.get(document.uri), diagnostics.lastChecked(document.uri)];
    let window = known.reduce<ReturnType<typeof completionWindow>>((found, layout) => found ?? completionWindow(document, layout, offset, path), undefined);
    if (!window && large) {
      const scanned = scanLayout(text);
      if (scanned) window = completionWindow(document, { text, layout: scanned }, offset, path);
    }
    if (window) {
      completionLayouts.set(document.uri, window.layout);
      return window.toDocument(await complete(window.pact, window.position, await memoFor(window.pact), signal));
    }
    // Seconds for a 5 MB document: said in the trace (a test reads it), for a document laid out another way.
    if (large) connection.tracer.log(`datapact: completion parses the whole document (${text.length} characters)`);
    const pact = cache.parsedOnly(document);
    if (large) {
      let layout: TaskExtents | undefined;
      try {
        layout = layoutOf(pact.loaded);
      } catch {
        layout = undefined; // the next completion parses the whole document again
      }
      if (layout) completionLayouts.set(document.uri, { text, layout });
    }
    return complete(pact, position, await memoFor(pact), signal);
  }),
);
connection.onHover(({ textDocument, position }, token) =>
  guarded('hover', null, async () => {
    const pact = parsed(textDocument.uri);
    return pact ? hover(pact, position, await memoFor(pact), abortSignalOf(token)) : null;
  }),
);
connection.onCodeLens(({ textDocument }) => guarded('code lens', [], () => {
  const pact = parsed(textDocument.uri);
  return pact ? codeLenses(pact) : [];
}));
connection.onDocumentSymbol(({ textDocument }) => guarded('symbols', [], () => {
  const pact = parsed(textDocument.uri);
  return pact ? documentSymbols(pact) : [];
}));
connection.onFoldingRanges(({ textDocument }) => guarded('folding', [], () => {
  const pact = parsed(textDocument.uri);
  return pact ? foldingRanges(pact) : [];
}));
connection.onCodeAction((params) => guarded('code actions', [], () => {
  const pact = parsed(params.textDocument.uri);
  return pact ? codeActions(pact, params) : [];
}));

// Preview errors are ResponseErrors by design (see protocol): they are not caught here.
connection.onRequest(PreviewSqlRequest.type, async (params) => previewSql(parsed(params.uri, true), params, await settings.get()));
connection.onRequest(RefreshCatalogRequest.type, async (params) => {
  const pact = params.uri ? parsed(params.uri) : undefined;
  const key = pact ? engineOf(pact, await settings.get()).catalogKey : undefined;
  const dropped = params.uri && !key ? 0 : catalogs.refresh(key, { reread: true });
  diagnostics.forgetChecked();
  recheckAll();
  return { dropped };
});

documents.listen(connection);
connection.listen();
