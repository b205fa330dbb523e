/**
 * `datapact validate <pact>...`: every finding the editor shows, from core's one engine of findings: YAML, schema
 * and rules, the SQL syntax of `filter` and custom `sql`, and the catalog checks through the engine's catalog
 * provider (`--offline` skips those). Exit 0 clean (hints and notes only), 1 errors or warnings, 2 unreadable.
 */
import {
  CatalogMemo,
  engineBlockOf,
  getEnginePlugin,
  pactFindings,
  processEngineHost,
  resolveEngineConfig,
  type Problem,
} from '../../../core/src/index';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../command';
import { formatProblems, toJsonFindings, type JsonFinding } from '../format-problems';
import { readPactFile, type ReadPact } from '../read-pact';
import { parseEngine } from './run';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check pact files (schema, rules, SQL syntax, catalogs) and report every problem with its line and column',
  usage: [
    'Usage: datapact validate <pact>... [--offline] [--engine duckdb|databricks] [--format text|json]',
    '',
    'Prints path:line:column: severity: message [code] per finding: the checks the editor runs (YAML, schema,',
    'rules, SQL syntax of filter and custom sql) and the catalog checks (unknown catalogs, schemas, tables and',
    'columns on either side, aggregates over non-numeric columns) against the engine\'s catalogs.',
    '',
    '  --offline  skip the checks that need a catalog',
    '  --engine   override the pact\'s engine type (which catalogs and which SQL grammar)',
    '  --format   text (default) or json',
    '',
    'Exit codes: 0 clean (hints and notes only), 1 errors or warnings, 2 usage error or unreadable file.',
    '',
  ].join('\n'),
  options: {
    format: { type: 'string', default: 'text' },
    offline: { type: 'boolean', default: false },
    engine: { type: 'string' },
  },
  async run(args, io) {
    const format = args.values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
    const engineType = parseEngine(args.values.engine);
    if (args.positionals.length === 0) throw new UsageError('name at least one pact file');
    const checked: Array<{ file: ReadPact; problems: Problem[] }> = [];
    const unreadable: string[] = [];
    for (const path of args.positionals) {
      let file: ReadPact;
      try {
        file = readPactFile(path, io);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        unreadable.push(error.message);
        continue;
      }
      checked.push({ file, problems: await findingsOf(file, { offline: args.values.offline === true, engineType, io }) });
    }
    if (format === 'json') {
      const findings: JsonFinding[] = checked.flatMap((c) => toJsonFindings(c.file, c.problems));
      io.out(`${JSON.stringify({ files: checked.map((c) => c.file.displayPath), findings, unreadable }, null, 2)}\n`);
    } else {
      for (const c of checked) io.out(formatProblems(c.file, 'text', c.problems));
    }
    for (const message of unreadable) io.err(`datapact validate: ${message}\n`);
    if (unreadable.length > 0) return EXIT_USAGE;
    const failing = checked.some((c) => c.problems.some((p) => p.severity === 'error' || p.severity === 'warning'));
    return failing ? EXIT_FINDINGS : EXIT_OK;
  },
};

async function findingsOf(
  file: ReadPact,
  options: { offline: boolean; engineType: ReturnType<typeof parseEngine>; io: CliIo },
): Promise<Problem[]> {
  const { loaded } = file;
  const config = resolveEngineConfig(engineBlockOf(loaded.raw), file.absolutePath, { type: options.engineType });
  if (options.offline) return pactFindings(loaded, { engine: config.type });
  // The engine's plug-in says whether this configuration reads any catalog, and opens it (as in the editor).
  const plugin = getEnginePlugin(config.type);
  if (plugin.catalogKey(config) === undefined) {
    options.io.err(`datapact validate: ${file.displayPath}: catalog checks skipped: no ${plugin.label} catalogs to read for this pact\n`);
    return pactFindings(loaded, { engine: config.type });
  }
  const memo = new CatalogMemo(plugin.openCatalogProvider(config, processEngineHost()));
  try {
    return await pactFindings(loaded, { engine: config.type, catalog: memo });
  } finally {
    await memo.dispose();
  }
}
