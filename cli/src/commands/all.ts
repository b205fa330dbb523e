/**
 * Every command's implementation. Loaded only once a command runs (or prints its own --help): the CLI build puts
 * this module and what it imports (core, yaml, ajv) in dist/chunks/cli-commands.js, so `datapact --version` and
 * `datapact --help` read only main.ts and the table in index.ts.
 */
import type { CliCommand } from '../command';
import { historyCommand } from './history';
import { runCommand } from './run';
import { sqlCommand } from './sql';
import { validateCommand } from './validate';

export const IMPLEMENTATIONS: Readonly<Record<string, CliCommand>> = {
  validate: validateCommand,
  run: runCommand,
  sql: sqlCommand,
  history: historyCommand,
};
