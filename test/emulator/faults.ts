/**
 * Fault injection for the emulator's HTTP answers (429 with Retry-After, 503, dropped connections, slow answers)
 * and for job tasks (a task that fails, a task that writes no row). Rules are matched in order; a seeded random
 * source keeps "20% of calls fail" reproducible.
 */
export interface HttpFault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Path to match: a prefix string (e.g. '/api/2.2/jobs/runs/get') or a RegExp. Any when absent. */
  path?: string | RegExp;
  /** status: answer with `status` (429, 503, …); drop: destroy the socket without answering; delay: answer late. */
  kind: 'status' | 'drop' | 'delay';
  status?: number;
  /** Retry-After header value in seconds (429/503). */
  retryAfterSeconds?: number;
  delayMs?: number;
  /** How many matching requests the rule applies to (unlimited when absent). */
  times?: number;
  /** Chance (0–1) that a matching request is hit (1 when absent). */
  probability?: number;
}

/** What happens to a job task: fail before running, or run without its INSERT statements (writes no row). */
export type TaskFault = 'fail' | 'no-row';

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Requests held unanswered until the test releases them (see Emulator.holdRequests). */
export interface RequestHold {
  method?: string;
  path: string | RegExp;
  /** Only requests whose JSON body passes (e.g. a statement's text). */
  body?: (body: Record<string, unknown>) => boolean;
  /** Matched against the query string (`?a=1&b=2`) when present: holds one schema's listing, not every one. */
  query?: RegExp;
  /** Called when a matching request arrives. */
  arrive(): void;
  /** Called when a held request's client goes away before it is answered (the caller cancelled it). */
  abandon(): void;
  released: Promise<void>;
  release(): void;
}

export class FaultPlan {
  private rules: Array<HttpFault & { used: number }> = [];
  /** Held requests: a matching request waits for `released` before it is handled. */
  readonly holds = new Set<RequestHold>();
  /** Task faults by task key (apply to every run started while set). */
  readonly tasks = new Map<string, TaskFault>();
  /** How many faults were injected, by kind (tests assert faults actually happened). */
  readonly injected = { status: 0, drop: 0, delay: 0 };
  private random: () => number;

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  add(rule: HttpFault): void {
    this.rules.push({ ...rule, used: 0 });
  }

  clear(): void {
    this.rules = [];
    this.tasks.clear();
  }

  /** The hold a request waits on, if any. */
  holdFor(method: string, path: string, search = '', body: Record<string, unknown> = {}): RequestHold | undefined {
    for (const hold of this.holds) {
      if (hold.method && hold.method.toUpperCase() !== method) continue;
      if (typeof hold.path === 'string' ? !path.startsWith(hold.path) : !hold.path.test(path)) continue;
      if (hold.query && !hold.query.test(search)) continue;
      if (hold.body && !hold.body(body)) continue;
      return hold;
    }
    return undefined;
  }

  /** The fault to apply to this request, if any (counts it as used). */
  match(method: string, path: string): HttpFault | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.path && (typeof rule.path === 'string' ? !path.startsWith(rule.path) : !rule.path.test(path))) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.used++;
      this.injected[rule.kind]++;
      return rule;
    }
    return undefined;
  }
}
