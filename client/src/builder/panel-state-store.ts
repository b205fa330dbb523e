/**
 * The newest state of each builder panel's page, kept by the editor in a file per panel (the extension's global
 * storage): VS Code writes a webview's `setState` value to its own storage only now and then, so after a window
 * reload the panel could come back with an older state than the one on screen. Each message is written at once
 * (a temporary file renamed over the old one); files of panels unseen for a month are removed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PANEL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** A page's state is the builder's pact: far below this unless something is wrong. */
const MAX_STATE_BYTES = 5 * 1024 * 1024;

export class PanelStateStore {
  constructor(private readonly folder: string) {}

  static isPanelId(value: unknown): value is string {
    return typeof value === 'string' && PANEL_ID.test(value);
  }

  read(panelId: string): unknown {
    if (!PanelStateStore.isPanelId(panelId)) return undefined;
    try {
      return JSON.parse(readFileSync(this.file(panelId), 'utf8')) as unknown;
    } catch {
      return undefined; // never written, or unreadable: the webview's own state stands
    }
  }

  write(panelId: string, state: unknown): void {
    if (!PanelStateStore.isPanelId(panelId)) return;
    const text = JSON.stringify(state);
    if (text === undefined || text.length > MAX_STATE_BYTES) return;
    mkdirSync(this.folder, { recursive: true });
    const temporary = `${this.file(panelId)}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, text, 'utf8');
      renameSync(temporary, this.file(panelId));
    } catch {
      rmSync(temporary, { force: true }); // a full disk loses only this copy: the webview keeps its own
    }
  }

  /**
   * The panel whose state the webview lost (a window reload soon after the panel opened: in the browser, VS Code may
   * not store a webview's state before the page goes): the most recently written state that no open panel holds and
   * `accept` takes (e.g. the same pact as the panel's title names). Undefined when none.
   */
  findLost(held: ReadonlySet<string>, accept: (state: unknown) => boolean): { panelId: string; state: unknown } | undefined {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return undefined;
    }
    const candidates = names
      .filter((name) => name.endsWith('.json') && PanelStateStore.isPanelId(name.slice(0, -'.json'.length)))
      .map((name) => ({ panelId: name.slice(0, -'.json'.length), written: mtimeOf(join(this.folder, name)) }))
      .filter((candidate) => !held.has(candidate.panelId))
      .sort((a, b) => b.written - a.written);
    for (const { panelId } of candidates) {
      const state = this.read(panelId);
      if (state !== undefined && accept(state)) return { panelId, state };
    }
    return undefined;
  }

  /** Removes the files of panels not written for a month (closed panels leave theirs behind). */
  prune(now = Date.now()): void {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.folder, name);
      try {
        if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
      } catch {
        // gone meanwhile
      }
    }
  }

  private file(panelId: string): string {
    return join(this.folder, `${panelId}.json`);
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
