/**
 * `datapact setup-alert <pact> --destination <slack webhook URL | e-mail[,e-mail…]> [--every 5m] [--dry-run]`:
 * a notification destination and a Databricks SQL alert over alert_history that fires when a run of the pact's job
 * fails; run again, it updates both in place. Databricks only; on DuckDB it says so and exits 2.
 */
import {
  DestinationError,
  EngineConfigError,
  openWorkspaceSession,
  parseDestination,
  parseSchedule,
  processEngineHost,
  requireWorkspaceEngine,
  resolveEngineConfig,
  ScheduleError,
  setupAlert,
  DEFAULT_ALERT_EVERY,
  type AlertSetupOutcome,
} from '../../../core/src/index';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { onePact } from './run';

export const setupAlertCommand: CliCommand = {
  name: 'setup-alert',
  summary: 'create or update a Databricks SQL alert that fires when a run of the pact fails',
  usage: [
    'Usage: datapact setup-alert <pact> --destination <slack webhook URL | e-mail[,e-mail...]> [--every 5m] [--dry-run]',
    '',
    '  --destination  where the alert goes: a Slack incoming-webhook URL, or e-mail addresses separated by commas',
    '  --every        how often the alert checks alert_history: 1m-59m, 1h-23h or 1d (default 5m)',
    '  --dry-run      say what would be created or updated, change nothing',
    '',
    'Creating a notification destination needs workspace admin rights.',
    'Exit codes: 0 done, 2 usage or configuration error (not a Databricks pact, sign-in, warehouse).',
    '',
  ].join('\n'),
  options: {
    destination: { type: 'string' },
    every: { type: 'string', default: DEFAULT_ALERT_EVERY },
    'dry-run': { type: 'boolean', default: false },
  },
  async run(args, io) {
    const path = onePact(args.positionals);
    if (typeof args.values.destination !== 'string') throw new UsageError('--destination is required (a Slack webhook URL or e-mail addresses)');
    let destination;
    let schedule;
    try {
      destination = parseDestination(args.values.destination);
      schedule = parseSchedule(String(args.values.every));
    } catch (error) {
      if (error instanceof DestinationError || error instanceof ScheduleError) throw new UsageError(error.message);
      throw error;
    }
    const { file, pact } = requireValidPact(path, io);
    const config = resolveEngineConfig(pact.engine, file.absolutePath);
    const dryRun = args.values['dry-run'] === true;
    try {
      requireWorkspaceEngine(config, 'Alerts');
      const session = await openWorkspaceSession(config, processEngineHost());
      io.out(describe(await setupAlert(session, config, file.absolutePath, { destination, schedule, dryRun })));
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof EngineConfigError)) throw error;
      io.err(`datapact setup-alert: ${error.message}\n`);
      return EXIT_USAGE;
    }
  },
};

function describe(outcome: AlertSetupOutcome): string {
  const verb = (action: 'create' | 'update') => (outcome.dryRun ? `would ${action}` : action === 'create' ? 'created' : 'updated');
  const lines = [
    `${verb(outcome.destination.action)} notification destination${outcome.destination.id ? ` ${outcome.destination.id}` : ''}: ${outcome.destination.description}`,
    `${verb(outcome.alert.action)} alert${outcome.alert.id ? ` ${outcome.alert.id}` : ''} '${outcome.alert.body.display_name}', every ${outcome.alert.body.schedule.quartz_cron_schedule} (Quartz, UTC)`,
  ];
  if (outcome.alert.url) lines.push(outcome.alert.url);
  if (outcome.dryRun) lines.push('', 'alert query:', outcome.alert.body.query_text);
  return `${lines.join('\n')}\n`;
}
