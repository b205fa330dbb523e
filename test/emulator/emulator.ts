/**
 * The Databricks workspace emulator: a Node http server on 127.0.0.1 (random port) that the official SDK reaches
 * through DATABRICKS_HOST=<url> and DATABRICKS_TOKEN. It answers the REST calls DataPact makes with their
 * documented shapes and errors, runs SQL for real on an embedded DuckDB, and injects faults on request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError } from './api-error';
import type { CallRecord, EmulatorContext, ResolvedTimings } from './context';
import { FaultPlan, type HttpFault, type TaskFault } from './faults';
import { JobStore } from './jobs/job-store';
import { AlertStore, alertRoutes } from './routes/alerts';
import { identityRoutes } from './routes/identity';
import { jobRoutes } from './routes/jobs';
import { DashboardStore, lakeviewRoutes } from './routes/lakeview';
import { statementRoutes } from './routes/statements';
import { unityCatalogRoutes } from './routes/unity-catalog';
import { warehouseRoutes } from './routes/warehouses';
import { workspaceRoutes } from './routes/workspace';
import { type ApiRequest, Reply, Router } from './router';
import { SqlEngine } from './sql/sql-engine';
import { StatementStore } from './statements/statement-store';
import { type WarehouseSpec, Warehouses } from './warehouses';
import { WorkspaceFiles } from './workspace-files';

export interface EmulatorOptions {
  /** Accepted personal access token(s) (default 'dapi-emulator-token'). */
  token?: string | string[];
  /** The current user (SCIM Me). */
  userName?: string;
  displayName?: string;
  workspaceId?: number;
  /** OAuth M2M service principals: client id → secret. */
  oauthClients?: Record<string, string>;
  /** Warehouses (default: one RUNNING warehouse named 'Starter Warehouse'). */
  warehouses?: WarehouseSpec[];
  /** How long STOPPED → RUNNING takes (ms, default 200). */
  warehouseStartMs?: number;
  /** Catalogs created empty (each with a `default` schema) before the server starts. */
  catalogs?: string[];
  /** DuckDB database files attached as catalogs: catalog name → path (read-only). */
  duckdbCatalogs?: Record<string, string>;
  /** Databricks SQL run once at start (seed schemas, tables and rows). */
  seedSql?: string;
  /** HTTP faults applied from the start. */
  faults?: HttpFault[];
  /** Task faults by task key. */
  taskFaults?: Record<string, TaskFault>;
  /** Seed of the fault plan's random source. */
  faultSeed?: number;
  /** Delay before each job task statement (ms, default 0). */
  taskStatementDelayMs?: number;
  /** Delay before a Statement Execution statement runs (ms, default 0). */
  statementDelayMs?: number;
  /** Time a run waits before its tasks start (ms, default 20). */
  runStartDelayMs?: number;
  /** Rows per result chunk (default 1000). */
  chunkRowLimit?: number;
}

export interface Emulator {
  /** http://127.0.0.1:<port> — DATABRICKS_HOST for the SDK. */
  url: string;
  /** The token to put in DATABRICKS_TOKEN. */
  token: string;
  /** The workspace: files, jobs, runs, statements, catalogs, faults, the call log. */
  state: EmulatorContext;
  /** Adds an HTTP fault rule. */
  fault(rule: HttpFault): void;
  /** Makes a task (by key) fail or write no row in every run started from now on (undefined clears it). */
  taskFault(taskKey: string, fault: TaskFault | undefined): void;
  /**
   * Holds the task of this key in RUNNING (before its statements) in every run started from now on, so a test can
   * observe a run in flight without a fixed sleep: until `release()`, or with `untilPolled` until a jobs/runs/get
   * answer has reported the task RUNNING (then the poller is certain to have seen that state). A cancel ends a hold.
   */
  holdTaskRunning(taskKey: string, options?: { untilPolled?: boolean }): { release(): void };
  /**
   * Holds every request matching `method` and `path` (prefix or RegExp, and `query` when given) unanswered until
   * `release()`: the test sees it arrive (`arrived`) and acts while the caller waits (e.g. Ctrl-C while
   * jobs/run-now is in flight); `body` narrows it to requests whose JSON body passes (e.g. one statement's text).
   * `abandoned` resolves when a held request's client closes it unanswered (a cancelled
   * call; its call record then has status -2 and it is never handled).
   */
  holdRequests(rule: { method?: string; path: string | RegExp; query?: RegExp; body?: (body: Record<string, unknown>) => boolean }): { arrived: Promise<void>; abandoned: Promise<void>; release(): void };
  /** Runs Databricks SQL on the workspace (seeding or reading back from tests). */
  sql(statements: string): Promise<Array<Record<string, string | null>>>;
  /** Environment for a child process or the SDK: DATABRICKS_HOST and DATABRICKS_TOKEN. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * JSON as the API reads and writes it: int64 ids past 2^53 stay exact (bigint here, bare digits on the wire), as
 * a real workspace's Go/Java JSON does; a client that reads them as doubles loses the last digits.
 */
function parseApiJson(text: string): unknown {
  return parseLossless(text, null, (digits) => {
    const value = Number(digits);
    return /^-?\d+$/.test(digits) && !Number.isSafeInteger(value) ? BigInt(digits) : value;
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = stringifyLossless(body) ?? 'null';
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const tokens = new Set(Array.isArray(options.token) ? options.token : [options.token ?? 'dapi-emulator-token']);
  const userName = options.userName ?? 'emulator.user@example.com';
  const sql = await SqlEngine.create(userName);
  let baseUrl = '';
  const timings: ResolvedTimings = {
    taskStatementDelayMs: options.taskStatementDelayMs ?? 0,
    statementDelayMs: options.statementDelayMs ?? 0,
    runStartDelayMs: options.runStartDelayMs ?? 20,
    chunkRowLimit: options.chunkRowLimit ?? 1000,
  };
  const ctx = {
    user: { id: '4711000000000001', userName, displayName: options.displayName ?? 'Emulator User' },
    workspaceId: options.workspaceId ?? 1234567890123456,
    tokens,
    oauthClients: new Map(Object.entries(options.oauthClients ?? {})),
    issuedTokens: new Set<string>(),
    tokenGrants: [],
    warehouses: new Warehouses(),
    files: new WorkspaceFiles(userName),
    sql,
    faults: new FaultPlan(options.faultSeed ?? 1),
    calls: [] as CallRecord[],
    options: timings,
    url: () => baseUrl,
  } as unknown as EmulatorContext & { jobs: JobStore; statements: StatementStore; dashboards: DashboardStore; alerts: AlertStore };
  ctx.jobs = new JobStore(ctx);
  ctx.statements = new StatementStore(ctx);
  ctx.dashboards = new DashboardStore();
  ctx.alerts = new AlertStore();
  for (const spec of options.warehouses ?? [{ id: 'a1b2c3d4e5f60718', name: 'Starter Warehouse' }]) ctx.warehouses.add(spec, options.warehouseStartMs ?? 200, userName);
  for (const name of options.catalogs ?? []) await sql.createCatalog(name);
  for (const [name, path] of Object.entries(options.duckdbCatalogs ?? {})) await sql.attachDuckDbFile(name, path);
  if (options.seedSql) await sql.sql(options.seedSql);
  for (const rule of options.faults ?? []) ctx.faults.add(rule);
  for (const [key, fault] of Object.entries(options.taskFaults ?? {})) ctx.faults.tasks.set(key, fault);

  const router = new Router();
  identityRoutes(router, ctx);
  warehouseRoutes(router, ctx);
  workspaceRoutes(router, ctx);
  statementRoutes(router, ctx);
  jobRoutes(router, ctx);
  unityCatalogRoutes(router, ctx);
  lakeviewRoutes(router, ctx);
  alertRoutes(router, ctx);

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error_code: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const rawBody = await readBody(req);
    let body: Record<string, unknown> = {};
    const isJson = rawBody.length > 0 && !String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') && !path.startsWith('/api/2.0/workspace-files/');
    const record: CallRecord = { method, path, query: url.search, status: 0, body: undefined, at: Date.now() };
    ctx.calls.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, payload, headers);
    };
    if (isJson) {
      try {
        const parsed = parseApiJson(rawBody.toString('utf8'));
        record.body = parsed;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        answer(400, { error_code: 'MALFORMED_REQUEST', message: 'Invalid JSON given in the body of the request - failed to parse.' });
        return;
      }
    }

    if (method === 'PATCH' && rawBody.length === 0 || (method === 'PATCH' && record.body === null)) {
      answer(400, { error_code: 'MALFORMED_REQUEST', message: 'The PATCH request body is missing: a request body with the fields to update is required.' });
      return;
    }
    const held = ctx.faults.holdFor(method, path, url.search, body);
    if (held) {
      held.arrive();
      const gone = new Promise<'gone'>((resolve) => res.once('close', () => resolve('gone')));
      if ((await Promise.race([held.released, gone])) === 'gone') {
        record.status = -2;
        held.abandon();
        return;
      }
    }
    const fault = ctx.faults.match(method, path);
    if (fault?.kind === 'drop') {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 1000);
    if (fault?.kind === 'status') {
      const status = fault.status ?? 429;
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      answer(
        status,
        status === 429
          ? { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests. Please wait a moment and try again.' }
          : { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'The service is temporarily unavailable. Please try again later.' },
        headers,
      );
      return;
    }

    const found = router.find(method, path);
    if (found === undefined) {
      answer(404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${method} ${path}'` });
      return;
    }
    if (found === 'method-not-allowed') {
      answer(405, { error_code: 'BAD_REQUEST', message: `Method ${method} is not allowed for ${path}` });
      return;
    }
    if (!found.route.public) {
      const auth = String(req.headers.authorization ?? '');
      const bearer = /^Bearer (.+)$/.exec(auth)?.[1];
      if (!bearer) {
        answer(401, { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent or was of an unsupported type for this API.' });
        return;
      }
      if (!tokens.has(bearer) && !ctx.issuedTokens.has(bearer)) {
        answer(403, { error_code: 'PERMISSION_DENIED', message: 'Invalid access token.' });
        return;
      }
    }
    const apiRequest: ApiRequest = { method, path, query: url.searchParams, body, rawBody, headers: req.headers, params: found.params };
    try {
      const result = await found.route.handler(apiRequest);
      if (result instanceof Reply) answer(result.status, result.body, result.headers);
      else answer(200, result ?? {});
    } catch (e) {
      if (e instanceof ApiError) answer(e.status, { error_code: e.errorCode, message: e.message, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: e.errorCode, domain: 'emulator.databricks.local', metadata: {} }] });
      else throw e;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = [...tokens][0]!;

  return {
    url: baseUrl,
    token,
    state: ctx,
    fault: (rule) => ctx.faults.add(rule),
    taskFault: (key, fault) => (fault ? ctx.faults.tasks.set(key, fault) : ctx.faults.tasks.delete(key)),
    holdRequests: (rule) => {
      let arrive!: () => void;
      let abandon!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const abandoned = new Promise<void>((resolve) => (abandon = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const hold = {
        ...rule,
        arrive: () => arrive(),
        abandon: () => abandon(),
        released,
        release: () => {
          ctx.faults.holds.delete(hold);
          release();
        },
      };
      ctx.faults.holds.add(hold);
      return { arrived, abandoned, release: hold.release };
    },
    holdTaskRunning: (key, holdOptions = {}) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const hold = { untilPolled: holdOptions.untilPolled === true, released };
      ctx.jobs.runningHolds.set(key, hold);
      return {
        release: () => {
          if (ctx.jobs.runningHolds.get(key) === hold) ctx.jobs.runningHolds.delete(key);
          release();
        },
      };
    },
    sql: async (statements) => {
      const out = await sql.sql(statements);
      return out.rows.map((row) => Object.fromEntries(out.columns.map((c, k) => [c.name, row[k] ?? null])));
    },
    env: () => ({ DATABRICKS_HOST: baseUrl, DATABRICKS_TOKEN: token }),
    close: async () => {
      // let runs and statements in flight stop before the engine goes away
      ctx.jobs.runningHolds.clear();
      for (const hold of [...ctx.faults.holds]) hold.release();
      for (const run of ctx.jobs.runs.values()) if (run.endTime === 0) ctx.jobs.cancel(run.runId);
      for (const stmt of ctx.statements.byId.values()) ctx.statements.cancel(stmt.id);
      await Promise.race([Promise.allSettled([...ctx.jobs.runs.values()].map((r) => r.finished)), sleep(2000)]);
      await Promise.race([Promise.allSettled([...ctx.statements.byId.values()].map((s) => s.finished)), sleep(2000)]);
      ctx.warehouses.dispose();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sql.close();
    },
  };
}
