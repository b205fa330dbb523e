/** Reading pact files from the command line: one place for "unreadable file" and "pact has errors". */
import { resolve } from 'node:path';
import { loadPact, readPactFileText, type LoadedPact, type Pact } from '../../core/src/index';
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
  // Core refuses special files, oversized files and encodings other than UTF-8 (a byte order mark is dropped).
  const read = readPactFileText(absolutePath);
  if (!read.ok) throw new UsageError(`cannot read ${path}: ${read.reason}`);
  return { displayPath: path, absolutePath, loaded: loadPact(read.text, { path: absolutePath }) };
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
