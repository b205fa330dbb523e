/**
 * `datapact validate <pact>...`: every finding the editor shows, from core's one engine of findings: YAML, schema
 * and rules, the SQL syntax of `filter` and custom `sql`, and the catalog checks through the engine's catalog
 * provider (`--offline` skips those). Exit 0 clean (hints and notes only), 1 errors or warnings, 2 unreadable.
 *
 * The command is built twice from this one definition: with the catalog checks (validate.ts, in the commands'
 * chunk with every engine) and without (offline.ts, in a chunk of its own that holds no engine code, so that
 * `validate --offline` starts fast: see scripts/build.mjs). Both give the same findings for `--offline`.
 */
import { engineBlockOf, pactFindings, resolveEngineConfig, type ResolvedEngineConfig, type EngineType, type Problem } from '../../../core/src/index';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from '../command';
import { formatProblems, toJsonFindings, type JsonFinding } from '../format-problems';
import { readPactFile, type ReadPact } from '../read-pact';

/** The findings that need a catalog, for a run without `--offline`. */
export type CatalogFindings = (file: ReadPact, config: ResolvedEngineConfig, io: CliIo) => Promise<Problem[]>;

export interface ValidateParts {
  /** The engine types `--engine` accepts. */
  engineTypes(): readonly EngineType[];
  /** Without `--offline`: the catalog findings, or (in the chunk without engines) the command that has them. */
  online(io: CliIo): Promise<{ findings: CatalogFindings } | { command: CliCommand }>;
}

export function validateCommandOf(parts: ValidateParts): CliCommand {
  return {
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
      const engineType = parseEngineFlag(args.values.engine, parts.engineTypes());
      if (args.positionals.length === 0) throw new UsageError('name at least one pact file');
      let catalogFindings: CatalogFindings | undefined;
      if (args.values.offline !== true) {
        const online = await parts.online(io);
        if ('command' in online) return online.command.run(args, io);
        catalogFindings = online.findings;
      }
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
        const config = resolveEngineConfig(engineBlockOf(file.loaded.raw), file.absolutePath, { type: engineType });
        const problems = catalogFindings ? await catalogFindings(file, config, io) : await pactFindings(file.loaded, { engine: config.type });
        checked.push({ file, problems });
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
}

/** `--engine`'s value, checked against `known`. */
export function parseEngineFlag(value: unknown, known: readonly EngineType[]): EngineType | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (known as readonly string[]).includes(value)) return value as EngineType;
  throw new UsageError(`--engine must be ${known.join(' or ')}, got '${String(value)}'`);
}
