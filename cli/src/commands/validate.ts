/** `datapact validate <pact>...`: report every finding; exit 0 clean, 1 findings, 2 unreadable. */
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../command';
import { formatProblems, toJsonFindings, type JsonFinding } from '../format-problems';
import { readPactFile, type ReadPact } from '../read-pact';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check pact files and report every problem with its line and column',
  usage: [
    'Usage: datapact validate <pact>... [--format text|json]',
    '',
    'Prints path:line:column: error|warning: message per finding.',
    'Exit codes: 0 clean, 1 findings, 2 usage error or unreadable file.',
    '',
  ].join('\n'),
  options: { format: { type: 'string', default: 'text' } },
  async run(args, io) {
    const format = args.values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
    if (args.positionals.length === 0) throw new UsageError('name at least one pact file');
    const files: ReadPact[] = [];
    const unreadable: string[] = [];
    for (const path of args.positionals) {
      try {
        files.push(readPactFile(path, io));
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        unreadable.push(error.message);
      }
    }
    if (format === 'json') {
      const findings: JsonFinding[] = files.flatMap(toJsonFindings);
      io.out(`${JSON.stringify({ files: files.map((f) => f.displayPath), findings, unreadable }, null, 2)}\n`);
    } else {
      for (const file of files) io.out(formatProblems(file, 'text'));
    }
    for (const message of unreadable) io.err(`datapact validate: ${message}\n`);
    if (unreadable.length > 0) return EXIT_USAGE;
    return files.some((f) => f.loaded.problems.length > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
};
