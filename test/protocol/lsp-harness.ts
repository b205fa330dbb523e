/**
 * A small LSP client for protocol tests: spawns the bundled `dist/server.js --stdio`, speaks JSON-RPC over the
 * child's stdio, answers `workspace/configuration`, and lets tests wait on publishDiagnostics signals.
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

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface Harness {
  connection: ProtocolConnection;
  child: ChildProcess;
  settings: { engine: string };
  open(path: string, text: string): Promise<string>;
  change(uri: string, text: string): number;
  /** Resolves with the first diagnostics of `uri` (at the current version) that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  /** The server's stderr so far (for failure messages). */
  stderr(): string;
  /** window/logMessage texts the server sent (features log their failures there). */
  logs(): string[];
  closeDocument(uri: string): Promise<void>;
  /** Every publishDiagnostics received for `uri`, oldest first. */
  published(uri: string): PublishDiagnosticsParams[];
  close(): Promise<void>;
}

export async function startServer(): Promise<Harness> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
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
    diagnostics(uri, accept = () => true) {
      return new Promise((resolve) => {
        waiters.push({ uri, accept, resolve });
        const known = latest.get(uri);
        if (known) settle(known);
      });
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    stderr: () => stderr,
    logs: () => logs,
    published: (uri) => history.filter((p) => p.uri === uri),
    closeDocument: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    async close() {
      try {
        await connection.sendRequest('shutdown');
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
