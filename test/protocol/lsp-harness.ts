/**
 * A small LSP client for protocol tests: spawns the bundled `dist/server.js --stdio` (rebuilt first when older than
 * its sources), speaks JSON-RPC over the child's stdio, answers `workspace/configuration`, and lets tests wait on
 * publishDiagnostics signals. Every wait has a deadline: a diagnostic that never comes fails the test with what
 * did come, instead of hanging the suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

import { buildCatalogs, type CatalogFixture } from './catalog-fixture';
import { distIsStale, ensureBuilt } from '../unit/cli-run-helpers';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

/** How long a test waits for the server by default (the machine may be busy; a healthy answer takes < 1 s). */
export const WAIT_MS = 20_000;

/** `promise`, or a rejection saying what was awaited (and `context()`) once `ms` have passed. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string, context: () => string = () => ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms${context() ? `\n${context()}` : ''}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export interface Harness {
  connection: ProtocolConnection;
  child: ChildProcess;
  settings: { engine: string };
  open(path: string, text: string): Promise<string>;
  change(uri: string, text: string): number;
  /**
   * Resolves with the first diagnostics of `uri` (at the current version) that satisfy `accept`; rejects after
   * `timeoutMs` with the last diagnostics published for it.
   */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** A request, rejected after `timeoutMs` without an answer. */
  request<R>(method: string, params: unknown, timeoutMs?: number): Promise<R>;
  /** The server's stderr so far (for failure messages). */
  stderr(): string;
  /** window/logMessage texts the server sent (features log their failures there). */
  logs(): string[];
  /** $/logTrace messages the server sent (only after `$/setTrace` asked for them). */
  traces(): string[];
  closeDocument(uri: string): Promise<void>;
  /** Every publishDiagnostics received for `uri`, oldest first. */
  published(uri: string): PublishDiagnosticsParams[];
  close(): Promise<void>;
}

/** @param options.env the server's environment (default: this process's), e.g. a HOME with its own ~/.databrickscfg */
export async function startServer(options: { env?: NodeJS.ProcessEnv } = {}): Promise<Harness> {
  if (distIsStale(SERVER)) ensureBuilt();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const settings = { engine: '' };
  const versions = new Map<string, number>();
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<{ uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  const settle = (params: PublishDiagnosticsParams) => {
    if (params.version !== undefined && params.version !== versions.get(params.uri)) return;
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  };
  const history: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    history.push(params);
    latest.set(params.uri, params);
    settle(params);
  });
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
  const traces: string[] = [];
  connection.onNotification('$/logTrace', (params: { message: string }) => void traces.push(params.message));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await withDeadline(
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    }),
    WAIT_MS,
    'answer to initialize',
    () => stderr,
  );
  await connection.sendNotification('initialized', {});
  return {
    connection,
    child,
    settings,
    async open(path, text) {
      const uri = pathToFileURL(path).toString();
      versions.set(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'datapact', version: 1, text } });
      return uri;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return version;
    },
    diagnostics(uri, accept = () => true, timeoutMs = WAIT_MS) {
      let waiter: (typeof waiters)[number] | undefined;
      const found = new Promise<Diagnostic[]>((resolve) => {
        waiter = { uri, accept, resolve };
        waiters.push(waiter);
        const known = latest.get(uri);
        if (known) settle(known);
      });
      const lastSeen = () =>
        `last published for ${uri} (version ${versions.get(uri)}): ${JSON.stringify(latest.get(uri) ?? null)}\nserver stderr: ${stderr}`;
      return withDeadline(found, timeoutMs, 'matching diagnostics', lastSeen).catch((error: unknown) => {
        if (waiter && waiters.includes(waiter)) waiters.splice(waiters.indexOf(waiter), 1);
        throw error;
      });
    },
    request(method, params, timeoutMs = WAIT_MS) {
      return withDeadline(connection.sendRequest(method, params), timeoutMs, `answer to ${method}`, () => stderr);
    },
    stderr: () => stderr,
    logs: () => logs,
    traces: () => traces,
    published: (uri) => history.filter((p) => p.uri === uri),
    closeDocument: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    async close() {
      try {
        await withDeadline(connection.sendRequest('shutdown'), 5_000, 'answer to shutdown');
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone; the kill below ends it either way.
      }
      connection.dispose();
      child.kill();
    },
  };
}

/**
 * The set-up most protocol suites share: DuckDB catalogs built by the test and the built server over stdio,
 * started before the suite's tests and closed after. Read `server` and `fixture` inside tests (they are set once
 * the suite starts).
 */
export function serverOverCatalogs(): { readonly server: Harness; readonly fixture: CatalogFixture } {
  const session = {} as { server: Harness; fixture: CatalogFixture };
  before(async () => {
    session.fixture = await buildCatalogs();
    session.server = await startServer();
  });
  after(async () => session.server?.close());
  return session;
}
