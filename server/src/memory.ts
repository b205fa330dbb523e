/**
 * Giving memory back after a large document goes away. Parsing a 5 MB pact builds hundreds of MB of short-lived
 * objects; once the document shrinks (or closes) nothing holds them, but V8 grows its heap and, with the server
 * idle, may keep it for good (2 GB stayed held in the issue 13 probe). When the text the server holds drops by a
 * lot, one full collection is asked for shortly after, at most once per second.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Below this many characters dropped, V8's own pacing is fine. */
const LARGE_DROP = 1_000_000;

let collect: (() => void) | undefined;
let scheduled: NodeJS.Timeout | undefined;

function fullCollection(): (() => void) | undefined {
  if (collect) return collect;
  try {
    // The documented way to reach gc() without starting node with --expose-gc: the flag applies to new contexts.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = () => undefined;
  }
  return collect;
}

export class MemoryWatch {
  private readonly sizes = new Map<string, number>();

  /** Records the size of a document's text; a large drop schedules a full collection. */
  update(uri: string, length: number): void {
    const before = this.sizes.get(uri) ?? 0;
    this.sizes.set(uri, length);
    if (before - length >= LARGE_DROP) releaseSoon();
  }

  close(uri: string): void {
    this.update(uri, 0);
    this.sizes.delete(uri);
  }
}

function releaseSoon(): void {
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    fullCollection()?.();
  }, 1000);
  scheduled.unref();
}
