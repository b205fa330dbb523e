/**
 * `datapact run <pact>`: runs the pact's tasks on its engine, prints a line per task as it finishes and a summary
 * (or a JSON / JUnit report), and exits 0 when every task passed, 1 when any failed or errored, 2 when the run
 * could not start (usage, an invalid pact, an engine that is not available, a catalog that does not exist).
 */
import { resolve } from 'node:path';
import { createEngine, EngineConfigError, resolveEngineConfig, type EngineType } from '../../../core/src/index';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../command';
import { requireValidPact } from '../read-pact';
import { jsonReport } from '../report/json-report';
import { junitReport } from '../report/junit-report';
import { REPORT_FORMATS, type ReportFormat, type RunReport } from '../report/run-report';
import { selectTaskKeys } from '../report/select-tasks';
import { summaryText, taskLine, textReport } from '../report/text-report';
import { prepareOutput, writeFileAtomically } from '../report/write-output';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a pact (locally on DuckDB) and report every task',
  usage: [
    'Usage: datapact run <pact> [--engine duckdb|databricks] [--task KEY]... [--format text|json|junit] [--output FILE]',
    '',
    '  --engine   override the pact\'s engine type (the default without an engine block is databricks)',
    '  --task     run only this task (repeatable)',
    '  --format   text (default): a line per task and a summary; json; junit (JUnit XML for CI)',
    '  --output   write the report to FILE instead of stdout',
    '',
    'Exit codes: 0 every task passed, 1 a task failed or errored, 2 usage or configuration error.',
    '',
  ].join('\n'),
  options: {
    engine: { type: 'string' },
    task: { type: 'string', multiple: true },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
  },
  async run(args, io) {
    const format = parseFormat(args.values.format);
    const engineType = parseEngine(args.values.engine);
    const path = onePact(args.positionals);
    const output = typeof args.values.output === 'string' ? resolve(io.cwd, args.values.output) : undefined;
    const { file, pact } = requireValidPact(path, io);
    if (output) prepareOutput(output, String(args.values.output), io.cwd, file.absolutePath);
    const taskKeys = selectTaskKeys(pact, args.values.task);
    const config = resolveEngineConfig(pact.engine, file.absolutePath, { type: engineType });
    const streamLines = format === 'text' && output === undefined;
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const started = Date.now();
    let report: RunReport;
    try {
      const engine = createEngine(config);
      const run = await engine.run(pact, {
        pactPath: path,
        taskKeys,
        signal: abort.signal,
        onTaskFinished: streamLines ? (result) => io.out(taskLine(result)) : undefined,
      });
      report = { run, durationMs: Date.now() - started };
    } catch (error) {
      if (error instanceof EngineConfigError) return configError(io, error.message);
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    if (streamLines) io.out(summaryText(report));
    else {
      const content = format === 'json' ? jsonReport(report) : format === 'junit' ? junitReport(report) : textReport(report);
      if (output) {
        try {
          writeFileAtomically(output, content);
        } catch (error) {
          // The run happened and is recorded; its report goes to stdout rather than being lost.
          io.out(content);
          io.err(`datapact run: ${report.run.status}; the report could not be written to ${args.values.output} (${(error as Error).message}), so it was printed instead\n`);
          return EXIT_USAGE;
        }
        io.err(`datapact run: ${report.run.status}; report written to ${args.values.output}\n`);
      } else io.out(content);
    }
    const passed = report.run.status === 'SUCCESS' && report.run.aggregate.passed;
    return passed ? EXIT_OK : EXIT_FINDINGS;
  },
};

function configError(io: CliIo, message: string): number {
  io.err(`datapact run: ${message}\n`);
  return EXIT_USAGE;
}

export function parseFormat(value: unknown): ReportFormat {
  if (REPORT_FORMATS.includes(value as ReportFormat)) return value as ReportFormat;
  throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${String(value)}'`);
}

export function parseEngine(value: unknown): EngineType | undefined {
  if (value === undefined) return undefined;
  if (value === 'duckdb' || value === 'databricks') return value;
  throw new UsageError(`--engine must be duckdb or databricks, got '${String(value)}'`);
}

export function onePact(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a pact file' : 'name exactly one pact file');
  return positionals[0]!;
}
