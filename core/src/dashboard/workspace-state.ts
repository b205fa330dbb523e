/**
 * The ids of the workspace objects DataPact keeps up to date for a pact (dashboard, alert, notification destination),
 * in `<pact folder>/.datapact/workspace-objects.json`, keyed by workspace host, kind and job name. An id found here
 * is checked against the workspace before it is used (the object may have been deleted); the name is the fallback.
 * Written atomically; an unreadable file counts as empty (the objects are then found by name).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type WorkspaceObjectKind = 'dashboard' | 'alert' | 'destination';

interface StateFile {
  version: 1;
  objects: Record<string, { id: string; updated_at: string }>;
}

export const WORKSPACE_STATE_FILE = 'workspace-objects.json';

export class WorkspaceObjectState {
  private readonly path: string;

  /** @param pactFolder the folder of the pact file (its `.datapact` folder keeps the state) */
  constructor(pactFolder: string, private readonly host: string) {
    this.path = join(pactFolder, '.datapact', WORKSPACE_STATE_FILE);
  }

  get(kind: WorkspaceObjectKind, jobName: string): string | undefined {
    return this.read().objects[this.key(kind, jobName)]?.id;
  }

  set(kind: WorkspaceObjectKind, jobName: string, id: string): void {
    const state = this.read();
    state.objects[this.key(kind, jobName)] = { id, updated_at: new Date().toISOString() };
    mkdirSync(join(this.path, '..'), { recursive: true });
    const temp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
      renameSync(temp, this.path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  private key(kind: WorkspaceObjectKind, jobName: string): string {
    return JSON.stringify([this.host.replace(/\/+$/, '').toLowerCase(), kind, jobName]);
  }

  private read(): StateFile {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<StateFile>;
      if (parsed && typeof parsed.objects === 'object' && parsed.objects !== null) return { version: 1, objects: parsed.objects };
    } catch {
      // Missing or unreadable: objects are found by name, and the file is rewritten on the next set.
    }
    return { version: 1, objects: {} };
  }
}

/** An SDK error's HTTP status, without importing the SDK (core's barrel is bundled into the editor). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
