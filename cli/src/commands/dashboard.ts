/**
 * `datapact dashboard <pact> [--open]`: creates the pact's Lakeview dashboard over run_history, or updates it in
 * place (same id and URL), publishes it and prints its URL. Databricks only; on DuckDB it says so and exits 2.
 */
import { spawn } from 'node:child_process';
import {
  EngineConfigError,
  openWorkspaceSession,
  processEngineHost,
  requireWorkspaceEngine,
  resolveEngineConfig,
  setupDashboard,
} from '../../../core/src/index';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { onePact } from './run';

export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  summary: 'create or update the pact\'s Lakeview dashboard (Databricks) and print its URL',
  usage: [
    'Usage: datapact dashboard <pact> [--open]',
    '',
    '  --open   open the published dashboard in the browser',
    '',
    'The dashboard is created once and updated in place afterwards; its id is kept in .datapact/ beside the pact,',
    'and every later `datapact run` of the pact refreshes it as the job\'s last task (refresh_dashboard).',
    'Exit codes: 0 created or updated, 2 usage or configuration error (not a Databricks pact, sign-in, warehouse).',
    '',
  ].join('\n'),
  options: { open: { type: 'boolean', default: false } },
  async run(args, io) {
    const path = onePact(args.positionals);
    const { file, pact } = requireValidPact(path, io);
    const config = resolveEngineConfig(pact.engine, file.absolutePath);
    try {
      requireWorkspaceEngine(config, 'Dashboards');
      const session = await openWorkspaceSession(config, processEngineHost());
      const outcome = await setupDashboard(session, config, file.absolutePath);
      io.out(`${outcome.action} dashboard ${outcome.id}\n${outcome.url}\n`);
      if (args.values.open) openInBrowser(outcome.url);
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof EngineConfigError)) throw error;
      io.err(`datapact dashboard: ${error.message}\n`);
      return EXIT_USAGE;
    }
  },
};

/** The platform's opener, detached; a missing opener is not an error (the URL is printed). */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed above.
  }
}
