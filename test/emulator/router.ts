/** The emulator's routing table: method + path pattern → handler returning the JSON body (or a full reply). */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body ({} when empty). */
  body: Record<string, unknown>;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** Path pattern groups. */
  params: string[];
}

/** A handler's answer when it needs a status or headers other than 200 JSON. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type Handler = (req: ApiRequest) => unknown | Promise<unknown>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Reachable without a bearer token (OAuth endpoints). */
  public?: boolean;
}

export class Router {
  readonly routes: Route[] = [];

  add(method: string, path: string | RegExp, handler: Handler, options: { public?: boolean } = {}): void {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.routes.push({ method, pattern, handler, public: options.public });
  }

  find(method: string, path: string): { route: Route; params: string[] } | 'method-not-allowed' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method === method) return { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? '')) };
    }
    return pathMatched ? 'method-not-allowed' : undefined;
  }
}

/** Query parameter as a number, or undefined. */
export function queryNumber(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : Number(v);
}

export function queryBool(q: URLSearchParams, name: string): boolean {
  return q.get(name) === 'true';
}
