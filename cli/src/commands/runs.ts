/**
 * `datapact runs <pact>`: the runs of a pact started from this machine (`.datapact/runs.json`), with their state. A
 * run whose end is recorded shows that end, read offline; only a run without one (still going, or its follower died)
 * is asked of its engine.
 */
import { resolve } from 'node:path';
import {
  createEngine,
  EngineConfigError,
  readLocalRuns,
  recordedRunEnd,
  resolveEngineConfig,
  type LocalRunRecord,
  type RunSnapshot,
} from '../../../core/src/index';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { textTable } from '../report/text-table';
import { applyResultsFlag, onePact } from './run';

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list the runs of a pact started from this machine, with their state',
  usage: [
    'Usage: datapact runs <pact> [--limit N] [--format text|json] [--results FILE]',
    '',
    '  --limit    how many runs to show, newest first (default 20)',
    '  --format   text (default) or json',
    '  --results  the DuckDB results file the runs were recorded in, when not the pact\'s engine.results',
    '',
    'A run that ended shows the end recorded when it ended; only runs without one are asked of their engine.',
    'Follow one to its end with: datapact attach <run-id> --pact <pact>',
    '',
  ].join('\n'),
  options: {
    limit: { type: 'string', default: '20' },
    format: { type: 'string', default: 'text' },
    results: { type: 'string' },
  },
  async run(args, io) {
    const format = args.values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${String(format)}'`);
    const limit = Number(args.values.limit);
    if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got '${String(args.values.limit)}'`);
    const path = onePact(args.positionals);
    const { file, pact } = requireValidPact(path, io);
    const records = readLocalRuns(file.absolutePath)
      .filter((r) => resolve(r.pact) === file.absolutePath)
      .reverse()
      .slice(0, limit);
    const listed: { record: LocalRunRecord; state: string; status?: string }[] = [];
    for (const record of records) {
      const end = recordedRunEnd(record);
      if (end) {
        listed.push({ record, state: end.state, ...(end.status ? { status: end.status } : {}) });
        continue;
      }
      const config = resolveEngineConfig(pact.engine, file.absolutePath, { type: record.engine });
      applyResultsFlag(config, args.values.results, io.cwd);
      let snapshot: RunSnapshot | undefined;
      let problem: string | undefined;
      const engine = (() => {
        try {
          return createEngine(config);
        } catch (error) {
          problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
          return undefined;
        }
      })();
      try {
        snapshot = engine ? (await engine.attach(record.run_id, pact, { pactPath: path })).snapshot() : undefined;
      } catch (error) {
        if (!(error instanceof EngineConfigError)) throw error;
        problem = error.message;
      } finally {
        await engine?.dispose();
      }
      listed.push({ record, state: snapshot?.state ?? `UNKNOWN (${problem ?? 'no state'})`, ...(snapshot?.status ? { status: snapshot.status } : {}) });
    }
    if (format === 'json') {
      io.out(`${JSON.stringify({ pact: path, runs: listed.map((l) => ({ ...l.record, state: l.state, ...(l.status ? { status: l.status } : {}) })) }, null, 2)}\n`);
      return EXIT_OK;
    }
    if (listed.length === 0) {
      io.out(`no runs of ${path} started from here yet (datapact run ${path})\n`);
      return EXIT_OK;
    }
    const rows = listed.map((l) => [
      l.record.started_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      l.record.run_id,
      l.record.engine,
      l.state,
      l.status ?? '',
    ]);
    io.out(textTable(['started (UTC)', 'run id', 'engine', 'state', 'status'], rows));
    return EXIT_OK;
  },
};
