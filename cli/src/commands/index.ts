/**
 * The command table, in the order `--help` lists them: a name and a one-line summary per subcommand, and the way to
 * load it. Implementations load on demand (all.ts), so that `--help` and `--version` start without core.
 * A unit test checks each summary here is the one its command declares.
 */
import type { CliCommand, CliIo } from '../command';

export interface CommandEntry {
  name: string;
  summary: string;
  /** Loads the implementation for the command's arguments `argv`; `io` hears internal faults (see all.ts). */
  load(io: CliIo, argv?: readonly string[]): Promise<CliCommand>;
}

const load = (name: string) => async (io: CliIo): Promise<CliCommand> => {
  const all = await import('./all');
  all.reportInternalFaults(io);
  return all.IMPLEMENTATIONS[name]!;
};

/** `validate --offline` needs no engine: the chunk without engine code (offline.ts), else every command's. */
const loadValidate = async (io: CliIo, argv: readonly string[] = []): Promise<CliCommand> => {
  const end = argv.indexOf('--');
  if (!(end === -1 ? argv : argv.slice(0, end)).includes('--offline')) return load('validate')(io);
  const offline = await import('./offline');
  offline.reportInternalFaults(io);
  return offline.IMPLEMENTATIONS.validate!;
};

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', summary: 'check pact files (schema, rules, SQL syntax, catalogs) and report every problem with its line and column', load: loadValidate },
  { name: 'run', summary: 'run a pact on its engine and report every task', load: load('run') },
  { name: 'plan', summary: 'print what a run would deploy (the Databricks job and its files), offline', load: load('plan') },
  { name: 'sql', summary: 'print the SQL generated for each task of a pact', load: load('sql') },
  { name: 'history', summary: 'list the recent runs of a pact recorded in its results store', load: load('history') },
  { name: 'runs', summary: 'list the runs of a pact started from this machine, with their state', load: load('runs') },
  { name: 'attach', summary: 'follow a run started earlier to its end, reporting as run does', load: load('attach') },
  { name: 'app', summary: 'serve the pact builder as a web page (for people who do not use VS Code)', load: load('app') },
  { name: 'init', summary: 'write a first pact from the tables of a schema (information_schema)', load: load('init') },
  { name: 'dashboard', summary: 'create or update the pact\'s Lakeview dashboard (Databricks) and print its URL', load: load('dashboard') },
  { name: 'setup-alert', summary: 'create or update a Databricks SQL alert that fires when a run of the pact fails', load: load('setup-alert') },
];
