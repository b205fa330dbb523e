/** The command table: one entry per subcommand, in the order `--help` lists them. */
import type { CliCommand } from '../command';
import { validateCommand } from './validate';

export const COMMANDS: readonly CliCommand[] = [validateCommand];
