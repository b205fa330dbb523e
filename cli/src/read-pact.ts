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
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
  return { displayPath: path, absolutePath, loaded: loadPact(text, { path: absolutePath }) };
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
