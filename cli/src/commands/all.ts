/**
 * Every command's implementation. Loaded only once a command runs (or prints its own --help): the CLI build puts
 * this module and what it imports (core, yaml, ajv) in dist/chunks/cli-commands.js, so `datapact --version` and
 * `datapact --help` read only main.ts and the table in index.ts.
 */
import type { CliCommand } from '../command';
import { appCommand } from './app';
import { attachCommand } from './attach';
import { historyCommand } from './history';
import { dashboardCommand } from './dashboard';
import { setupAlertCommand } from './setup-alert';
import { initCommand } from './init';
import { planCommand } from './plan';
import { runCommand } from './run';
import { runsCommand } from './runs';
import { sqlCommand } from './sql';
import { validateCommand } from './validate';

export { reportInternalFaults } from './internal-faults';

export const IMPLEMENTATIONS: Readonly<Record<string, CliCommand>> = {
  validate: validateCommand,
  run: runCommand,
  sql: sqlCommand,
  plan: planCommand,
  history: historyCommand,
  runs: runsCommand,
  attach: attachCommand,
  app: appCommand,
  init: initCommand,
  dashboard: dashboardCommand,
  'setup-alert': setupAlertCommand,
};

