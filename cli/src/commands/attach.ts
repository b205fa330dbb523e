/**
 * `datapact attach <run-id>`: follows a run started earlier (by another process, or before a window reload) to its
 * end, with the same output and exit codes as `run`. The run is found in the local record of runs of the pact's
 * folder (`--pact`) or of the working directory.
 */
import { join, resolve } from 'node:path';
import {
  createEngine,
  EngineConfigError,
  engineTypes,
  findLocalRun,
  localRunsFile,
  processEngineHost,
  resolveEngineConfig,
} from '../../../core/src/index';
import { UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { followRun } from '../report/follow-run';
import { listenForInterrupt } from '../report/interrupt';
import { tasksByKey } from '../report/run-report';
import { prepareOutput } from '../report/write-output';
import { applyResultsFlag, configError, parseEngine, parseFormat, placeOfError, protectedPaths, warehouseOverride } from './run';

export const attachCommand: CliCommand = {
  name: 'attach',
  summary: 'follow a run started earlier to its end, reporting as run does',
  usage: [
    `Usage: datapact attach <run-id> [--pact FILE] [--engine ${engineTypes().join('|')}] [--format text|json|junit] [--output FILE]`,
    '                               [--results FILE] [--quiet] [--profile NAME] [--warehouse NAME|ID]',
    '',
    '  --pact       the run\'s pact (default: found in .datapact/runs.json of the working directory)',
    '  --engine     the engine the run was started on (default: as recorded in .datapact/runs.json, else the pact\'s)',
    '  --format     text (default), json or junit, as for run',
    '  --output     write the report to FILE instead of stdout',
    '  --results    the DuckDB results file the run records into, when not the pact\'s engine.results',
    '  --quiet      no progress lines',
    '  --profile    databricks: the ~/.databrickscfg profile to sign in with (overrides engine.profile)',
    '  --warehouse  databricks: the SQL warehouse (name or id); else DATAPACT_WAREHOUSE, else engine.warehouse',
    '',
    'Exit codes: 0 every task passed, 1 a task failed, errored or the run did not finish, 2 usage or configuration',
    'error (an unknown run id), 130 cancelled (Ctrl-C cancels the run).',
    '',
  ].join('\n'),
  options: {
    pact: { type: 'string' },
    engine: { type: 'string' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    results: { type: 'string' },
    quiet: { type: 'boolean' },
    profile: { type: 'string' },
    warehouse: { type: 'string' },
  },
  async run(args, io) {
    const format = parseFormat(args.values.format);
    const engineFlag = parseEngine(args.values.engine);
    if (args.positionals.length !== 1) throw new UsageError('name exactly one run id (datapact runs <pact> lists them)');
    const runId = args.positionals[0]!;
    const pactFlag = typeof args.values.pact === 'string' ? args.values.pact : undefined;
    const runsFiles = pactFlag ? [localRunsFile(resolve(io.cwd, pactFlag))] : [join(io.cwd, '.datapact', 'runs.json')];
    const record = findLocalRun(runsFiles, runId);
    if (!record && !pactFlag) {
      throw new UsageError(`no run ${runId} in ${runsFiles[0]}; name its pact with --pact`);
    }
    const pactPath = pactFlag ?? record!.pact;
    const { file, pact } = requireValidPact(pactPath, io);
    // The engine the run is on: the flag, else the one recorded when it started (a run started with --engine on a
    // pact whose block says otherwise), else the pact's; the sign-in and warehouse overrides as for run.
    const profile = typeof args.values.profile === 'string' && args.values.profile.trim() !== '' ? args.values.profile : undefined;
    const config = resolveEngineConfig(pact.engine, file.absolutePath, {
      type: engineFlag ?? record?.engine,
      warehouse: warehouseOverride(args.values.warehouse),
      profile,
    });
    applyResultsFlag(config, args.values.results, io.cwd);
    const output = typeof args.values.output === 'string' ? resolve(io.cwd, args.values.output) : undefined;
    if (output) prepareOutput(output, String(args.values.output), io.cwd, file.absolutePath, protectedPaths(config, file.absolutePath));
    const startedAt = Date.now();
    const engine = (() => {
      try {
        return createEngine(config, processEngineHost((line) => io.err(`${line}\n`)));
      } catch (error) {
        if (error instanceof EngineConfigError) return error;
        throw error;
      }
    })();
    if (engine instanceof EngineConfigError) return configError(io, engine.message, 'attach');
    const interrupt = listenForInterrupt();
    try {
      const handle = await engine.attach(runId, pact, { pactPath });
      return await followRun(handle, io, {
        interrupt: interrupt.signal,
        command: 'attach',
        format,
        ...(output ? { output: { path: output, shown: String(args.values.output) } } : {}),
        startedAt,
        tasks: tasksByKey(pact.validations),
        quiet: args.values.quiet === true,
        locate: (result) => placeOfError(file, result, config.type),
      });
    } catch (error) {
      if (error instanceof EngineConfigError) return configError(io, error.message, 'attach');
      throw error;
    } finally {
      interrupt.dispose();
      await engine.dispose();
    }
  },
};
