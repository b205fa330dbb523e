/**
 * PATCH through the SDK's sign-in, because @databricks/sdk-experimental 0.17.0 drops the body of PATCH requests
 * (api-client.js sends a payload for POST and PUT only), so `lakeview.update`, `alertsV2.updateAlert` and
 * `notificationDestinations.update` would change nothing. The SDK still authenticates (its Config signs the headers)
 * and says where the workspace is; only the request itself is sent here. Remove once the SDK sends PATCH bodies.
 */
import type { WorkspaceClient } from '@databricks/sdk-experimental';

export type PatchCapable = Pick<WorkspaceClient, 'apiClient'>;

/** A failed call, shaped like the SDK's ApiError where callers look (statusCode, errorCode). */
export class WorkspaceCallError extends Error {
  override readonly name = 'WorkspaceCallError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly errorCode: string,
  ) {
    super(message);
  }
}

export async function patchJson<T>(client: PatchCapable, path: string, query: Record<string, string>, body: unknown): Promise<T> {
  const api = client.apiClient;
  const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': api.userAgent() });
  await api.config.authenticate(headers);
  const url = new URL((await api.host).toString());
  url.pathname = path;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, { method: 'PATCH', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  if (!response.ok) {
    const message = typeof parsed.message === 'string' ? parsed.message : `${response.status} ${response.statusText}`;
    throw new WorkspaceCallError(message, response.status, typeof parsed.error_code === 'string' ? parsed.error_code : '');
  }
  return parsed as T;
}
