/**
 * The one small messaging adapter between the builder's pages and their host. In a VS Code webview requests go
 * through `postMessage` and answers come back as `message` events; served by `datapact app`, the same request
 * is a `POST /api/<method>` with a JSON body. The pages call `transport.request` and never know which host
 * they run in. Saved UI state goes to the webview's own state (restored after a reload) or the tab's session.
 */
import type { BuilderMethod, BuilderMethods, BuilderRequestMessage, BuilderResponseMessage, BuilderUiStateMessage } from '../../protocol/builder';

export interface Transport {
  /** Which host serves the page: the webview may offer editor actions (open the file beside). */
  readonly host: 'vscode' | 'app';
  request<M extends BuilderMethod>(method: M, params: BuilderMethods[M]['params']): Promise<BuilderMethods[M]['result']>;
  saveUiState(state: unknown): void;
  loadUiState(): unknown;
  /** Host-initiated messages (e.g. "open this pact"). */
  onHostMessage(listener: (message: unknown) => void): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export function createTransport(): Transport {
  return typeof acquireVsCodeApi === 'function' ? webviewTransport(acquireVsCodeApi()) : httpTransport();
}

function webviewTransport(api: VsCodeApi): Transport {
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners: ((message: unknown) => void)[] = [];
  window.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as BuilderResponseMessage | { kind?: string };
    if (message && message.kind === 'response' && 'id' in message) {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if ('error' in message) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    } else {
      for (const listener of listeners) listener(message);
    }
  });
  return {
    host: 'vscode',
    request(method, params) {
      const id = nextId++;
      const message: BuilderRequestMessage = { kind: 'request', id, method, params };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        api.postMessage(message);
      });
    },
    saveUiState: (state) => {
      api.setState(state);
      // The editor keeps it too: VS Code stores setState's value only now and then, so a reload may bring back an older one.
      api.postMessage({ kind: 'ui-state', state } satisfies BuilderUiStateMessage);
    },
    loadUiState: () => api.getState(),
    onHostMessage: (listener) => listeners.push(listener),
  };
}

function httpTransport(): Transport {
  const key = 'datapact.builder.state';
  return {
    host: 'app',
    async request(method, params) {
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-datapact-request': '1' },
        body: JSON.stringify(params ?? {}),
      });
      const body = (await response.json().catch(() => ({ error: { message: `the app answered ${response.status}` } }))) as
        | { result: never }
        | { error: { message: string } };
      if ('error' in body) throw new Error(body.error.message);
      return body.result;
    },
    saveUiState: (state) => sessionStorage.setItem(key, JSON.stringify(state)),
    loadUiState: () => {
      const saved = sessionStorage.getItem(key);
      return saved === null ? undefined : (JSON.parse(saved) as unknown);
    },
    onHostMessage: () => undefined,
  };
}
