/**
 * The workspace as the engine uses it: the SDK's WorkspaceClient plus what the SDK does not do itself.
 *  - Retries: 0.17.0 retries a 429 (its own back-off, not Retry-After) but neither a 503 nor a dropped connection.
 *    Here a 503 is always retried (the request was refused, nothing happened), and a dropped connection is retried
 *    for calls that are safe to repeat (reads, idempotent writes, run-now with its idempotency token); a call that
 *    is not (jobs/create) gets `ConnectionDropped` so its caller can look before trying again.
 *  - Call counting: every call, with polls counted apart, so a test can hold a run to its budget.
 *  - Sign-in failures become one EngineConfigError that says which method was tried and what to set.
 */
import type { Config, WorkspaceClient } from '@databricks/sdk-experimental';
import { databricksSdk } from './databricks-sdk';
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import type { EngineHost } from '../engine-plugin';
import { sdkConfig, signInError } from './databricks-auth';
import { parseExactJson, stringifyExactJson } from './exact-json';

export class ConnectionDropped extends Error {
  override readonly name = 'ConnectionDropped';
}

/** How a call may be repeated. */
export type CallKind = 'safe' | 'unsafe' | 'poll';

const DROP_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const MAX_ATTEMPTS = 8;
/** As the SDK's own calls (databricks-auth.ts: httpTimeoutSeconds). */
const HTTP_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isDrop(error: unknown): boolean {
  if (error instanceof databricksSdk().ApiError) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  if (code && DROP_CODES.has(code)) return true;
  return typeof e?.message === 'string' && /socket hang up|other side closed|network socket disconnected|terminated/i.test(e.message);
}

function isRefusedForNow(error: unknown): boolean {
  return error instanceof databricksSdk().ApiError && (error.statusCode === 503 || error.statusCode === 429);
}

/**
 * An SDK configuration error (no host, no credentials, a missing profile, a failed token exchange) or the workspace
 * refusing the credentials (401; a 403 only when it is about the token, not a missing permission).
 */
function isSignInFailure(error: unknown): boolean {
  const { ApiError, ConfigError } = databricksSdk();
  if (error instanceof ConfigError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.statusCode === 401 || (error.statusCode === 403 && /invalid (access )?token|token (is )?(invalid|expired)/i.test(error.message));
}

export class WorkspaceApi {
  readonly client: WorkspaceClient;
  private readonly cfg: Config;
  /** Calls made, polls excluded. */
  calls = 0;
  polls = 0;
  /** Retries made after a 429/503 or a dropped connection. */
  retries = 0;

  constructor(
    private readonly config: ResolvedEngineConfig,
    private readonly host: EngineHost,
  ) {
    this.cfg = sdkConfig(config, host);
    this.client = new (databricksSdk().WorkspaceClient)(this.cfg, { product: 'datapact', productVersion: '0.1.0' });
  }

  /** The workspace URL once signed in (no secret in it). */
  async hostUrl(): Promise<string> {
    try {
      return (await this.cfg.getHost()).toString().replace(/\/$/, '');
    } catch (error) {
      throw signInError(error, this.cfg, this.host, this.config);
    }
  }

  /**
   * One JSON call sent and read with exact int64 ids (exact-json.ts), signed in by the SDK's Config: used for the
   * Jobs calls, whose ids the SDK's JSON.parse would round past 2^53. A failure is the SDK's ApiError (status and
   * error code), so `call`'s retry rules and `errorCode` apply unchanged; a dropped connection is fetch's error.
   */
  async exactJson<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, request: { query?: Record<string, string>; body?: unknown } = {}): Promise<T> {
    const sdk = this.client.apiClient;
    const headers = new Headers({ Accept: 'application/json', 'User-Agent': sdk.userAgent() });
    await sdk.config.authenticate(headers);
    const url = new URL((await sdk.host).toString());
    url.pathname = path;
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    let body: string | undefined;
    if (request.body !== undefined) {
      body = stringifyExactJson(request.body);
      headers.set('Content-Type', 'application/json');
    }
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = parseExactJson(text);
    } catch {
      if (response.ok) throw new Error(`${method} ${path} answered ${response.status} with a body that is not JSON`);
      parsed = {};
    }
    const fields = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    if (!response.ok) {
      const message = typeof fields.message === 'string' ? fields.message : `${response.status} ${response.statusText}`;
      const code = typeof fields.error_code === 'string' ? fields.error_code : String(response.status);
      throw new (databricksSdk().ApiError)(message, code, response.status, fields, []);
    }
    return fields as T;
  }

  /** Runs one API call with the retry rules above. */
  async call<T>(kind: CallKind, fn: (client: WorkspaceClient) => Promise<T>): Promise<T> {
    if (kind === 'poll') this.polls++;
    else this.calls++;
    let wait = 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(this.client);
      } catch (error) {
        if (isSignInFailure(error)) throw signInError(error, this.cfg, this.host, this.config);
        const drop = isDrop(error);
        const retryable = isRefusedForNow(error) || (drop && kind !== 'unsafe');
        if (drop && kind === 'unsafe') throw new ConnectionDropped(error instanceof Error ? error.message : String(error));
        if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
        this.retries++;
        await sleep(wait + Math.floor(Math.random() * 200));
        wait = Math.min(wait * 2, 8000);
      }
    }
  }
}

/** The API's error code of a failed call (`RESOURCE_DOES_NOT_EXIST`, …), if it is an API error. */
export function errorCode(error: unknown): string | undefined {
  const { ApiError } = databricksSdk();
  return error instanceof ApiError ? error.errorCode : undefined;
}

export function statusCode(error: unknown): number | undefined {
  const { ApiError } = databricksSdk();
  return error instanceof ApiError ? error.statusCode : undefined;
}
