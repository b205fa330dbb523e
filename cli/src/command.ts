/**
 * The shape of one CLI subcommand. `main.ts` parses the command line with `node:util` parseArgs using
 * `options`, then calls `run`. Commands write through `io` (never console directly) so tests can capture
 * output, and return the process exit code.
 */
import type { ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
/** Findings, failed or errored checks. */
export const EXIT_FINDINGS = 1;
/** Usage errors, unreadable files, configuration errors. */
export const EXIT_USAGE = 2;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The working directory that relative paths on the command line resolve against. */
  cwd: string;
  /** stderr is a terminal (progress is a live line there, occasional lines elsewhere). */
  errIsTTY?: boolean;
  /** Environment variables (progress timing in tests); process.env in the CLI. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** A user-facing error: printed as `datapact: <message>` with exit code 2, never with a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Whether `error` is a UsageError. By name, not `instanceof`: the commands are bundled apart from main.ts
 * (dist/chunks/cli-commands.js), so each bundle has its own copy of the class.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

export interface CliCommand {
  name: string;
  /** One line for `datapact --help`. */
  summary: string;
  /** The usage text for `datapact <name> --help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
