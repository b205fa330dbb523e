/** Reading pact files from the command line: one place for "unreadable file" and "pact has errors". */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPact, type LoadedPact, type Pact } from '../../core/src/index';
import { UsageError, type CliIo } from './command';
import { formatProblems } from './format-problems';

export interface ReadPact {
  /** The path as the user wrote it (used in messages). */
  displayPath: string;
  absolutePath: string;
  loaded: LoadedPact;
}

export function readPactFile(path: string, io: CliIo): ReadPact {
  const absolutePath = resolve(io.cwd, path);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${reasonOf(error as NodeJS.ErrnoException)}`);
  }
  // Editors hide a UTF-8 byte order mark and do not count it as a column; dropping it keeps line 1's columns theirs.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  return { displayPath: path, absolutePath, loaded: loadPact(text, { path: absolutePath }) };
}

function reasonOf(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EISDIR') return 'it is a folder, not a file';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  return error.message;
}

/**
 * For commands that need a valid pact (run, sql, history): prints its findings and refuses it when it has
 * errors, so a broken pact is never run.
 */
export function requireValidPact(path: string, io: CliIo): { file: ReadPact; pact: Pact } {
  const file = readPactFile(path, io);
  if (!file.loaded.pact) {
    io.err(formatProblems(file, 'text'));
    throw new UsageError(`${path} has errors; fix them first (datapact validate ${path})`);
  }
  return { file, pact: file.loaded.pact };
}
