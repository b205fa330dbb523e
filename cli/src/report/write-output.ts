/** Writing a report file atomically: a reader (CI, an editor watching the file) never sees half a report. */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../command';

/**
 * Checks `--output` before a run starts (and creates its folder), so a path that cannot take a file is a usage
 * error up front rather than a run whose report is lost at the end (or a report written over the pact).
 * `shown` is the path as the user wrote it.
 */
export function prepareOutput(path: string, shown: string, cwd: string, pactPath: string): void {
  if (resolve(path) === resolve(pactPath)) throw new UsageError(`--output ${shown} is the pact itself; name another file`);
  if (statOf(path)?.isDirectory()) throw new UsageError(`--output ${shown} is a folder; name a file`);
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
