/**
 * What a local catalog looked like on disk, as a string that changes when a file it reads changes: for a DuckDB
 * file its size and modification time (and its write-ahead log's); for a folder catalog the same of its visible
 * files and schema folders, and inside a partitioned table's folder the modification times of its folders only
 * (a new or renamed partition file changes its folder's; statting thousands of partition files at every check
 * would not be cheap). Stat calls only: nothing is opened or read.
 *
 * Why not trust the editor's file watcher alone: VS Code's recursive watcher on Linux (@parcel/watcher's inotify
 * backend, parcel-bundler/watcher#97) never watches folders that were created together with their parent after the
 * watch started (`mkdir -p lake/sales`, an unzip, a pipeline writing a new schema folder), so no change inside them
 * is ever reported. The server compares signatures at each check instead of waiting for an event that never comes.
 *
 * The calls are asynchronous (libuv's thread pool): a catalog on a slow or hung network share delays its own
 * signature, never the server's thread, and CatalogService bounds the wait (SIGNATURE_TIMEOUT_MS).
 */
import { readdir, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { join } from 'node:path';

/** A folder catalog with more entries than this is signed by its first entries only (the watcher and Refresh Catalog cover the rest). */
export const SIGNATURE_MAX_ENTRIES = 10_000;

export async function catalogSignature(paths: readonly string[]): Promise<string> {
  const signed = await Promise.all(paths.map(async (path) => {
    const parts: string[] = [];
    const stats = await statOrUndefined(path);
    if (!stats) {
      parts.push(`${path}: missing`);
    } else if (stats.isDirectory()) {
      parts.push(`${path}/`);
      await signFolder(path, '', parts, { left: SIGNATURE_MAX_ENTRIES });
    } else {
      // A DuckDB file: what a writer has not checkpointed yet is in `<file>.wal`, which read-only readers see too.
      parts.push(`${path}: ${stamp(stats)}`, `${path}.wal: ${await stampOrMissing(`${path}.wal`)}`);
    }
    return parts.join('\n');
  }));
  return signed.join('\n');
}

/**
 * The visible entries under `folder` (hidden ones are skipped, as the folder catalog skips them), depth first:
 * at the top and in schema folders every entry, inside a table's folder (`depth` 2 and more) its folders only.
 */
async function signFolder(folder: string, prefix: string, parts: string[], budget: { left: number }, depth = 0): Promise<void> {
  let entries: Dirent[];
  try {
    entries = (await readdir(join(folder, prefix), { withFileTypes: true }))
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    parts.push(`${prefix}: unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const path = join(folder, relative);
    // Inside a table's folder only folders count (links are followed, as the folder catalog follows them): a file
    // there is skipped without a stat.
    if (depth >= 2 && !entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const stats = await statOrUndefined(path);
    if (depth >= 2 && !stats?.isDirectory()) continue;
    if (budget.left-- <= 0) {
      parts.push('…');
      return;
    }
    if (stats?.isDirectory()) {
      // A schema folder's files are signed one by one; a table's folder by when its entries last changed.
      parts.push(depth >= 1 ? `${relative}/ ${stats.mtimeMs}` : `${relative}/`);
      await signFolder(folder, relative, parts, budget, depth + 1);
    } else {
      parts.push(`${relative}: ${stats ? stamp(stats) : 'gone'}`);
    }
  }
}

function stamp(stats: Stats): string {
  return `${stats.size} ${stats.mtimeMs}`;
}

async function stampOrMissing(path: string): Promise<string> {
  const stats = await statOrUndefined(path);
  return stats ? stamp(stats) : 'missing';
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
