/** Writing a report file atomically: a reader (CI, an editor watching the file) never sees half a report. */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../command';

/** A file or folder `--output` must never replace, and what it is (for the message). */
export interface ProtectedPath {
  path: string;
  what: string;
  /** A folder catalog: nothing inside it may be replaced either. */
  folder?: boolean;
}

/**
 * Checks `--output` before a run starts (and creates its folder), so a path that cannot take a file is a usage
 * error up front rather than a run whose report is lost at the end (or a report written over the pact).
 * `shown` is the path as the user wrote it.
 */
export function prepareOutput(path: string, shown: string, cwd: string, pactPath: string, guarded: readonly ProtectedPath[] = []): void {
  if (resolve(path) === resolve(pactPath)) throw new UsageError(`--output ${shown} is the pact itself; name another file`);
  if (statOf(path)?.isDirectory()) throw new UsageError(`--output ${shown} is a folder; name a file`);
  for (const p of guarded) {
    const inside = p.folder && resolve(path).startsWith(resolve(p.path) + sep);
    if (resolve(path) === resolve(p.path) || inside) {
      throw new UsageError(`--output ${shown} is ${inside ? `inside ${p.what}` : p.what}; a report would overwrite it; name another file`);
    }
  }
  const existing = existingKind(path);
  if (existing) throw new UsageError(`--output ${shown} is ${existing}; a report would overwrite it; name another file`);
  // The nearest existing ancestor must be a folder (mkdir's own EEXIST/ENOTDIR would not say which part is wrong).
  let ancestor = dirname(path);
  while (dirname(ancestor) !== ancestor && !statOf(ancestor)) ancestor = dirname(ancestor);
  if (statOf(ancestor)?.isDirectory() === false) {
    throw new UsageError(`cannot write --output ${shown}: ${relative(cwd, ancestor) || ancestor} is not a folder`);
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot write --output ${shown}: ${reason}`);
  }
}

/**
 * What an existing file holds when a report must not replace it, whatever its name: a DuckDB database (its header
 * says `DUCK` at byte 8) or a pact (YAML with `validations`). Undefined for anything else, or no file.
 */
function existingKind(path: string): string | undefined {
  const stats = statOf(path);
  if (!stats?.isFile()) return undefined;
  const head = Buffer.alloc(Math.min(stats.size, 1 << 20));
  let read = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (read >= 12 && head.toString('latin1', 8, 12) === 'DUCK') return 'a DuckDB database';
  if (read === stats.size) {
    try {
      const doc: unknown = parse(head.toString('utf8', 0, read));
      if (typeof doc === 'object' && doc !== null && 'validations' in doc) return 'a pact';
    } catch {
      // Not YAML: an ordinary file a report may replace.
    }
  }
  return undefined;
}

/** The entry at `path`, or undefined when there is none (or a part of the path is a file: ENOTDIR). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
