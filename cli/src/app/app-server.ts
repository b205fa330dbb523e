/**
 * `datapact app`: the builder's pages for people who do not use VS Code, served by Node's own `http` (three
 * routes do not need a framework). It translates HTTP to core's `handleBuilderRequest` and back, nothing more:
 *
 * - `GET /` — the builder page, with its Content-Security-Policy also sent as a header;
 * - `GET /assets/builder.js|builder.css` — the only files it serves (a fixed list, never a path from the request);
 * - `POST /api/<method>` — a builder request: a JSON body of at most 1 MiB, `content-type: application/json` and the
 *   `x-datapact-request` header (a cross-site form or script cannot send that header without a preflight, which is
 *   never granted), answered `{ result }` or `{ error: { message } }`.
 *
 * Bound to loopback (the default), it also refuses requests whose Host header is not a loopback name, so a web
 * page that rebinds its own DNS name to 127.0.0.1 cannot reach it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { BuilderRequestError, BuilderInputError, builderPageHtml, handleBuilderRequest, type BuilderHost } from '../../../core/src/index';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How long a shutdown waits for requests in flight. */
const DRAIN_MS = 10_000;

export interface AppServerOptions {
  host: string;
  port: number;
  builderHost: BuilderHost;
  /** The folder holding `builder.js` and `builder.css` (dist/web). */
  assetsFolder: string;
  /** Logs one line per failed request (never a body, never a stack). */
  log?: (line: string) => void;
}

export interface RunningApp {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const ASSETS: Record<string, string> = {
  '/assets/builder.js': 'text/javascript; charset=utf-8',
  '/assets/builder.css': 'text/css; charset=utf-8',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function startAppServer(options: AppServerOptions): Promise<RunningApp> {
  const assets = new Map<string, Buffer>();
  for (const path of Object.keys(ASSETS)) assets.set(path, await readFile(join(options.assetsFolder, path.slice('/assets/'.length))));
  const loopbackOnly = LOOPBACK_HOSTS.has(options.host);

  // Requests being answered: a shutdown lets them finish (a save completes and is answered) before it closes.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const answering = handle(request, response).catch((error: unknown) => {
      options.log?.(`datapact app: ${request.method} ${safePath(request.url)} failed: ${oneLine(error)}`);
      if (!response.headersSent) send(response, 500, { error: { message: 'the app could not answer this request' } });
      else response.destroy();
    });
    inFlight.add(answering);
    void answering.finally(() => inFlight.delete(answering));
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (loopbackOnly && !isLoopbackHost(request.headers.host)) {
      return send(response, 421, { error: { message: 'this app answers only on its loopback address' } });
    }
    const url = new URL(request.url ?? '/', 'http://app.invalid');
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const page = builderPageHtml({ scriptUri: 'assets/builder.js', styleUri: 'assets/builder.css', cspSource: "'self'", allowFetch: true });
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp, 'cache-control': 'no-store' });
      response.end(page.html);
      return;
    }
    const asset = assets.get(url.pathname);
    if (request.method === 'GET' && asset) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': ASSETS[url.pathname]!, 'cache-control': 'no-cache' });
      response.end(asset);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return send(response, 405, { error: { message: 'builder requests are POST' } }, { allow: 'POST' });
      if (request.headers['x-datapact-request'] !== '1') return send(response, 403, { error: { message: 'missing x-datapact-request header' } });
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        return send(response, 415, { error: { message: 'the body must be application/json' } });
      }
      const body = await readBody(request);
      if (body === undefined) return send(response, 413, { error: { message: `the body is larger than ${MAX_BODY_BYTES} bytes` } });
      let params: unknown;
      try {
        params = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch {
        return send(response, 400, { error: { message: 'the body is not valid JSON' } });
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      try {
        const result = await handleBuilderRequest(options.builderHost, method as never, params);
        return send(response, 200, { result });
      } catch (error) {
        if (error instanceof BuilderRequestError || error instanceof BuilderInputError) return send(response, 400, { error: { message: error.message } });
        options.log?.(`datapact app: ${method} failed: ${oneLine(error)}`);
        return send(response, 500, { error: { message: oneLine(error) } });
      }
    }
    return send(response, 404, { error: { message: 'not found' } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    // Stop listening, drop idle keep-alive connections, let requests in flight finish (bounded), then close.
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** The body, or undefined once it passes the limit (reading stops there). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
  return LOOPBACK_HOSTS.has(name.toLowerCase());
}

function safePath(url: string | undefined): string {
  return (url ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 300);
}
