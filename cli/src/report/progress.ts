/**
 * Progress while tasks run, on stderr (stdout keeps the report). On a terminal: one live line naming each running
 * task and how long it has run, redrawn every second and cleared before a task's result line. On a pipe or in CI:
 * a line when a task has run 10 s, then every 30 s (a log is not a terminal: no redrawing). `--quiet`: neither.
 */
import type { RunEvent } from '../../../core/src/index';
import type { CliIo } from '../command';

export interface ProgressTiming {
  /** Pipe: the first line once a task has run this long. */
  firstMs: number;
  /** Pipe: then a line every this long. */
  everyMs: number;
}

export const PROGRESS_TIMING: ProgressTiming = { firstMs: 10_000, everyMs: 30_000 };

/** Tests shorten the pipe's waits (DATAPACT_PROGRESS_MS=first,every); people get the defaults. */
export function progressTiming(env: Readonly<Record<string, string | undefined>>): ProgressTiming {
  const [first, every] = (env.DATAPACT_PROGRESS_MS ?? '').split(',').map(Number);
  return first! > 0 && every! > 0 ? { firstMs: first!, everyMs: every! } : PROGRESS_TIMING;
}

export class Progress {
  private readonly running = new Map<string, { since: number; nextNote: number }>();
  private readonly timer: NodeJS.Timeout;
  private shown = false;

  constructor(
    private readonly io: CliIo,
    private readonly command: string,
    private readonly timing: ProgressTiming,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), io.errIsTTY ? 1000 : Math.min(1000, timing.firstMs));
    this.timer.unref();
  }

  onEvent(event: RunEvent): void {
    if (event.kind === 'task-running') {
      const since = Date.parse(event.at) || this.now();
      this.running.set(event.task_key, { since, nextNote: since + this.timing.firstMs });
    } else if (event.kind === 'task-finished') this.running.delete(event.result.task_key);
  }

  /** Call before writing a result line to the terminal, so the live line does not sit in the middle of it. */
  clear(): void {
    if (this.shown) this.io.err('\r\x1b[K');
    this.shown = false;
  }

  stop(): void {
    clearInterval(this.timer);
    this.clear();
  }

  private tick(): void {
    const now = this.now();
    if (this.io.errIsTTY) {
      if (this.running.size === 0) return this.clear();
      const parts = [...this.running].map(([key, t]) => `${key} ${seconds(now - t.since)}`);
      this.io.err(`\r\x1b[Krunning: ${parts.join(', ')}`);
      this.shown = true;
      return;
    }
    for (const [key, t] of this.running) {
      if (now < t.nextNote) continue;
      this.io.err(`datapact ${this.command}: ${key} still running (${seconds(now - t.since)})\n`);
      t.nextNote = now + this.timing.everyMs;
    }
  }
}

function seconds(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
