/**
 * A small test harness for code running inside the VS Code extension host, where node:test's runner cannot
 * report: tests register with `test(name, fn)`, run one after another, each under a deadline, and the outcome of
 * each is written as JSON for the outer node:test suite (extension-host.test.ts in code-server, desktop.ts in desktop
 * VS Code) to assert on.
 */
export interface TestOutcome {
  name: string;
  passed: boolean;
  error?: string;
  durationMs: number;
}

interface Registered {
  name: string;
  fn: () => Promise<void>;
  timeoutMs: number;
}

const registered: Registered[] = [];

export function test(name: string, fn: () => Promise<void>, options: { timeoutMs?: number } = {}): void {
  registered.push({ name, fn, timeoutMs: options.timeoutMs ?? 60_000 });
}

export async function runRegistered(progress: (line: string) => void = () => undefined): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const { name, fn, timeoutMs } of registered.splice(0)) {
    const started = Date.now();
    progress(`start ${name}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))),
      ]);
      outcomes.push({ name, passed: true, durationMs: Date.now() - started });
    } catch (error) {
      const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
      outcomes.push({ name, passed: false, error: text, durationMs: Date.now() - started });
    } finally {
      clearTimeout(timer);
      progress(`${outcomes.at(-1)!.passed ? 'pass' : 'FAIL'} ${name} (${Date.now() - started} ms)`);
    }
  }
  return outcomes;
}

/** Polls `read` until `accept` holds; throws with the last value when `ms` pass. */
export async function waitFor<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${safeJson(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
