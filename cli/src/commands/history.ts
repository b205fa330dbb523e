/**
 * `datapact history <pact>`: the pact's recent runs from its results store, newest first, read by the pact's engine
 * (the local results file, or run_history on a Databricks SQL warehouse, started when stopped, with a line saying so).
 */
import { createEngine, EngineConfigError, processEngineHost, resolveEngineConfig, shortRunId } from '../../../core/src/index';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { textTable } from '../report/text-table';
import { applyResultsFlag, onePact, parseEngine, warehouseOverride } from './run';

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list the recent runs of a pact recorded in its results store',
  usage: [
    'Usage: datapact history <pact> [--limit N] [--format text|json] [--engine TYPE] [--results FILE] [--profile NAME] [--warehouse NAME|ID]',
    '',
    '  --limit    how many runs to show (default 10)',
    '  --format   text (default): run time, run id, task, status (and the run\'s state while one is unfinished); json: the rows',
    '  --results  read this DuckDB results file instead of the pact\'s engine.results',
    '  --profile  databricks: the ~/.databrickscfg profile to sign in with (overrides engine.profile)',
    '  --warehouse databricks: the SQL warehouse that reads run_history (name or id); else DATAPACT_WAREHOUSE, else engine.warehouse',
    '',
  ].join('\n'),
  options: {
    limit: { type: 'string', default: '10' },
    format: { type: 'string', default: 'text' },
    engine: { type: 'string' },
    results: { type: 'string' },
    profile: { type: 'string' },
    warehouse: { type: 'string' },
  },
  async run(args, io) {
    const format = args.values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${String(format)}'`);
    const limit = Number(args.values.limit);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got '${String(args.values.limit)}'`);
    const path = onePact(args.positionals);
    const { file, pact } = requireValidPact(path, io);
    const profile = typeof args.values.profile === 'string' && args.values.profile.trim() !== '' ? args.values.profile : undefined;
    const config = resolveEngineConfig(pact.engine, file.absolutePath, { type: parseEngine(args.values.engine), warehouse: warehouseOverride(args.values.warehouse), profile });
    applyResultsFlag(config, args.values.results, io.cwd);
    let entries;
    const engine = createEngine(config, processEngineHost((line) => io.err(`${line}\n`)));
    try {
      // A person asked: stopped compute (a SQL warehouse) is started to read the history.
      entries = await engine.history({ limit, taskKeys: pact.validations.map((t) => t.task_key), startCompute: true });
    } catch (error) {
      if (!(error instanceof EngineConfigError)) throw error;
      io.err(`datapact history: ${error.message}\n`);
      return EXIT_USAGE;
    } finally {
      await engine.dispose();
    }
    if (format === 'json') {
      io.out(`${JSON.stringify({ pact: path, runs: entries }, null, 2)}\n`);
      return EXIT_OK;
    }
    if (entries.length === 0) {
      io.out(`no runs of ${path} recorded yet (datapact run ${path})\n`);
      return EXIT_OK;
    }
    // The error column only when some row has one: most histories are SUCCESS / FAILURE only.
    const withErrors = entries.some((e) => e.status === 'ERROR' && e.error_message);
    // The run's state only when some run is not simply finished (in flight, cancelled, or killed mid-way).
    const withState = entries.some((e) => e.run_state !== undefined && e.run_state !== 'FINISHED');
    const rows = entries.map((e) => {
      const row = [(e.job_start_ts ?? '').replace('T', ' ').replace(/\.\d+Z$/, 'Z'), shortRunId(e.run_id), e.task_key, e.status];
      if (withState) row.push(e.run_state ?? 'FINISHED');
      return withErrors ? [...row, e.error_message ?? ''] : row;
    });
    const header = ['run time (UTC)', 'run id', 'task', 'status', ...(withState ? ['run'] : [])];
    io.out(textTable(withErrors ? [...header, 'error'] : header, rows));
    return EXIT_OK;
  },
};
