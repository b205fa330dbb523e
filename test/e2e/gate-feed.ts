/**
 * The gate of the workbench's gated pact (see workbench-workspace.ts): its `gated_orders` task reads two named pipes
 * `<prefix>-source` / `<prefix>-target`, so DuckDB waits inside the query until something writes to them. Used by the
 * outer tests and by the suites inside the extension host, so it imports nothing but node:fs.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';

/**
 * Feeds one CSV line to every reader waiting on the gate's pipes, every 20 ms, until closed. A pipe opened for
 * writing without blocking fails (ENXIO) while nobody reads it, so nothing ever waits here.
 */
export function feedGate(gatePrefix: string): { close(): void } {
  return feedGates([gatePrefix]);
}

/**
 * `feedGate` for several gates at once (a gate per task); `opened` says whether a gate's pipes have been read yet.
 */
export function feedGates(gatePrefixes: readonly string[]): { opened(gatePrefix: string): boolean; close(): void } {
  const opened = new Set<string>();
  const feed = () => {
    for (const prefix of gatePrefixes) {
      for (const side of ['source', 'target']) {
        let fd: number | undefined;
        try {
          fd = openSync(`${prefix}-${side}`, constants.O_WRONLY | constants.O_NONBLOCK);
          writeSync(fd, 'n\n1\n');
          opened.add(prefix);
        } catch {
          // No reader waits on this side now.
        } finally {
          if (fd !== undefined) closeSync(fd);
        }
      }
    }
  };
  feed();
  const timer = setInterval(feed, 20);
  return { opened: (prefix) => opened.has(prefix), close: () => clearInterval(timer) };
}

/** The gate prefix a gated pact's text names (`read_csv('<prefix>-{{ rendered_role }}')`). */
export function gatePrefixOf(pactText: string): string {
  const prefix = /read_csv\('(.+)-\{\{ rendered_role \}\}'\)/.exec(pactText)?.[1];
  if (!prefix) throw new Error('the gated pact names no gate');
  return prefix;
}
