/**
 * What a local catalog looked like on disk, as a string that changes when a file it reads changes: for a DuckDB
 * file its size and modification time (and its write-ahead log's), for a folder catalog the same of every visible
 * entry in its tree (schemas, data files, partition folders), sorted. Stat calls only: nothing is opened or read.
 *
 * Why not trust the editor's file watcher alone: VS Code's recursive watcher on Linux (@parcel/watcher's inotify
 * backend, parcel-bundler/watcher#97) never watches folders that were created together with their parent after the
 * watch started (`mkdir -p lake/sales`, an unzip, a pipeline writing a new schema folder), so no change inside them
 * is ever reported. The server compares signatures at each check instead of waiting for an event that never comes.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** A folder catalog with more entries than this is signed by its first entries only (the watcher and Refresh Catalog cover the rest). */
export const SIGNATURE_MAX_ENTRIES = 10_000;

export function catalogSignature(paths: readonly string[]): string {
  const parts: string[] = [];
  for (const path of paths) {
    const stats = statOrUndefined(path);
    if (!stats) {
      parts.push(`${path}: missing`);
    } else if (stats.isDirectory()) {
      parts.push(`${path}/`);
      signFolder(path, '', parts, { left: SIGNATURE_MAX_ENTRIES });
    } else {
      // A DuckDB file: what a writer has not checkpointed yet is in `<file>.wal`, which read-only readers see too.
      parts.push(`${path}: ${stamp(stats)}`, `${path}.wal: ${stampOrMissing(`${path}.wal`)}`);
    }
  }
  return parts.join('\n');
}

/** The visible entries under `folder` (hidden ones are skipped, as the folder catalog skips them), depth first. */
function signFolder(folder: string, prefix: string, parts: string[], budget: { left: number }): void {
  let entries: string[];
  try {
    entries = readdirSync(join(folder, prefix)).filter((entry) => !entry.startsWith('.')).sort();
  } catch (error) {
    parts.push(`${prefix}: unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  for (const entry of entries) {
    if (budget.left-- <= 0) {
      parts.push('…');
      return;
    }
    const relative = prefix ? `${prefix}/${entry}` : entry;
    const stats = statOrUndefined(join(folder, relative));
    if (stats?.isDirectory()) {
      parts.push(`${relative}/`);
      signFolder(folder, relative, parts, budget);
    } else {
      parts.push(`${relative}: ${stats ? stamp(stats) : 'gone'}`);
    }
  }
}

function stamp(stats: Stats): string {
  return `${stats.size} ${stats.mtimeMs}`;
}

function stampOrMissing(path: string): string {
  const stats = statOrUndefined(path);
  return stats ? stamp(stats) : 'missing';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
