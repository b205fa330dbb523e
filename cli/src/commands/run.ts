/**
 * `datapact run <pact>`: starts the pact's tasks on its engine, prints a line per task as it finishes and a
 * summary (or a JSON / JUnit report), and exits 0 when every task passed, 1 when any failed or errored, 2 when the
 * run could not start (usage, an invalid pact, an engine that is not available, a catalog that does not exist, a
 * results store that cannot be used), 130 when Ctrl-C cancelled it.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createEngine,
  EngineConfigError,
  engineTypes,
  localRunsFile,
  locateRunError,
  processEngineHost,
  resolveEngineConfig,
  RunCancelledError,
  startRun,
  type EngineType,
  type ResolvedEngineConfig,
  type TaskResult,
} from '../../../core/src/index';
import { EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../command';
import { requireValidPact, type ReadPact } from '../read-pact';
import { EXIT_CANCELLED, followRun } from '../report/follow-run';
import { listenForInterrupt } from '../report/interrupt';
import { REPORT_FORMATS, tasksByKey, type ReportFormat } from '../report/run-report';
import { selectTaskKeys } from '../report/select-tasks';
import { prepareOutput, type ProtectedPath } from '../report/write-output';
import { parseEngineFlag } from './validate-command';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a pact on its engine and report every task',
  usage: [
    `Usage: datapact run <pact> [--engine ${engineTypes().join('|')}] [--task KEY]... [--format text|json|junit] [--output FILE]`,
    '                           [--results FILE] [--no-history] [--profile NAME] [--warehouse NAME|ID] [--direct|--job] [--run-id-file FILE]',
    '',
    '  --engine      override the pact\'s engine type (the default without an engine block is databricks)',
    '  --task        run only this task (repeatable)',
    '  --format      text (default): a line per task and a summary; json; junit (JUnit XML for CI)',
    '  --output      write the report to FILE instead of stdout (never a database, catalog or pact)',
    '  --results     record results in this DuckDB file instead of the pact\'s engine.results',
    '  --no-history  run without recording results',
    '  --quiet       no progress lines (on a terminal a live line per running task; elsewhere a line at 10 s, then every 30 s)',
    '  --profile     databricks: the ~/.databrickscfg profile to sign in with (overrides engine.profile)',
    '  --warehouse   databricks: the SQL warehouse (name or id); else DATAPACT_WAREHOUSE, else engine.warehouse',
    '  --direct      databricks: run each task as a statement on the warehouse instead of as a job',
    '  --job         databricks: run as a job even for one --task (which the engine otherwise runs as a statement)',
    '  --run-id-file write the run id to FILE as soon as the run has started (for tools that attach to it)',
    '',
    'Exit codes: 0 every task passed, 1 a task failed or errored, 2 usage or configuration error, 130 cancelled (Ctrl-C).',
    '',
  ].join('\n'),
  options: {
    engine: { type: 'string' },
    task: { type: 'string', multiple: true },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    results: { type: 'string' },
    'no-history': { type: 'boolean' },
    quiet: { type: 'boolean' },
    profile: { type: 'string' },
    warehouse: { type: 'string' },
    direct: { type: 'boolean' },
    job: { type: 'boolean' },
    'run-id-file': { type: 'string' },
  },
  async run(args, io) {
    const format = parseFormat(args.values.format);
    const engineType = parseEngine(args.values.engine);
    const path = onePact(args.positionals);
    const output = typeof args.values.output === 'string' ? resolve(io.cwd, args.values.output) : undefined;
    const { file, pact } = requireValidPact(path, io);
    const taskKeys = selectTaskKeys(pact, args.values.task);
    const runIdFile = optionalPath(args.values['run-id-file'], '--run-id-file', io.cwd);
    const profile = typeof args.values.profile === 'string' && args.values.profile.trim() !== '' ? args.values.profile : undefined;
    const config = resolveEngineConfig(pact.engine, file.absolutePath, { type: engineType, warehouse: warehouseOverride(args.values.warehouse), profile });
    applyResultsFlag(config, args.values.results, io.cwd);
    const noHistory = args.values['no-history'] === true;
    if (args.values.direct === true && args.values.job === true) throw new UsageError('--direct and --job cannot be used together');
    // The user's choice, passed through; without one the engine picks what suits the tasks asked for.
    const mode = args.values.direct === true ? 'direct' : args.values.job === true ? 'job' : undefined;
    if (output) prepareOutput(output, String(args.values.output), io.cwd, file.absolutePath, protectedPaths(config, file.absolutePath));
    const startedAt = Date.now();
    // Ctrl-C from here on: while the run is being started it stops the start, or cancels the run once it exists.
    let following = false;
    const interrupt = listenForInterrupt(() => {
      if (!following) io.err('datapact run: interrupted: stopping (a run that has already started is cancelled)\n');
    });
    let handle;
    try {
      const engine = createEngine(config, processEngineHost((line) => io.err(`${line}\n`)));
      handle = await startRun(engine, pact, { pactPath: path, taskKeys, recordHistory: !noHistory, ...(mode ? { mode } : {}), signal: interrupt.signal }, (line) => io.err(`datapact run: ${line}\n`));
    } catch (error) {
      interrupt.dispose();
      if (error instanceof RunCancelledError) {
        io.err(`datapact run: ${error.message}\n`);
        return EXIT_CANCELLED;
      }
      if (error instanceof EngineConfigError) return configError(io, error.message);
      throw error;
    }
    following = true;
    if (runIdFile) writeAtomically(runIdFile, `${handle.runId}\n`);
    try {
      return await followRun(handle, io, {
        interrupt: interrupt.signal,
        command: 'run',
        format,
        ...(output ? { output: { path: output, shown: String(args.values.output) } } : {}),
        ...(noHistory ? { notRecordedBecause: '--no-history' } : {}),
        startedAt,
        tasks: tasksByKey(pact.validations),
        quiet: args.values.quiet === true,
        locate: (result) => placeOfError(file, result, config.type),
      });
    } catch (error) {
      if (error instanceof EngineConfigError) return configError(io, error.message);
      throw error;
    } finally {
      interrupt.dispose();
    }
  },
};

/** `pact.yml:12:7 (null_validation_columns)` for an ERROR whose message traces to the pact, else undefined. */
export function placeOfError(file: ReadPact, result: TaskResult, engine: EngineType): string | undefined {
  if (!result.error) return undefined;
  const place = locateRunError(file.loaded, result.task_key, result.error, engine);
  if (!place) return undefined;
  const { line, col } = file.loaded.source.lines.linePos(place.start);
  return `${file.displayPath}:${line}:${col}${place.key ? ` (${place.key})` : ''}`;
}

/** A file path option (relative to the working directory), or undefined when absent. */
function optionalPath(value: unknown, flag: string, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a file path`);
  return resolve(cwd, value);
}

/** Written whole or not at all: a reader polling for the file never sees half an id. */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, 'utf8');
  renameSync(temp, path);
}

/** `--warehouse` wins over DATAPACT_WAREHOUSE, which wins over the pact's engine.warehouse. */
export function warehouseOverride(flag: unknown): string | undefined {
  if (typeof flag === 'string' && flag.trim() !== '') return flag;
  const fromEnv = process.env.DATAPACT_WAREHOUSE;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : undefined;
}

/** `--results FILE` (relative to the working directory) wins over the pact's `engine.results`. */
export function applyResultsFlag(config: ResolvedEngineConfig, value: unknown, cwd: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError('--results needs a file path');
  config.results = resolve(cwd, value);
}

/** What a report must never overwrite: the results store, the catalogs, the local run records. */
export function protectedPaths(config: ResolvedEngineConfig, pactPath: string): ProtectedPath[] {
  return [
    { path: config.results, what: 'the results store' },
    { path: localRunsFile(pactPath), what: 'the local record of runs' },
    ...Object.entries(config.catalogs).map(([name, path]) => ({ path, what: `catalog "${name}"`, folder: true })),
  ];
}

export function configError(io: CliIo, message: string, command = 'run'): number {
  io.err(`datapact ${command}: ${message}\n`);
  return EXIT_USAGE;
}

export function parseFormat(value: unknown): ReportFormat {
  if (REPORT_FORMATS.includes(value as ReportFormat)) return value as ReportFormat;
  throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${String(value)}'`);
}

export function parseEngine(value: unknown): EngineType | undefined {
  return parseEngineFlag(value, engineTypes());
}

export function onePact(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a pact file' : 'name exactly one pact file');
  return positionals[0]!;
}
