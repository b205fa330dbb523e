/** The command table: one entry per subcommand, in the order `--help` lists them. */
import type { CliCommand } from '../command';
import { validateCommand } from './validate';
import { runCommand } from './run';
import { sqlCommand } from './sql';
import { historyCommand } from './history';
import { runsCommand } from './runs';
import { attachCommand } from './attach';
import { appCommand } from './app';
import { planCommand } from './plan';
import { initCommand } from './init';

export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  runCommand,
  planCommand,
  sqlCommand,
  historyCommand,
  runsCommand,
  attachCommand,
  appCommand,
  initCommand,
];
