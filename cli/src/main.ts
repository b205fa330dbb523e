/** The `datapact` command: finds the subcommand, parses its flags, runs it, exits with its code. */
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { EXIT_USAGE, isUsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`datapact: unknown command '${name}'\n\n${globalHelp()}`);
    return EXIT_USAGE;
  }
  return runCommand(await entry.load(io, rest), rest, io);
}

async function runCommand(command: CliCommand, argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    const args = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
    return await command.run(args, io);
  } catch (error) {
    if (isParseArgsError(error)) {
      io.err(`datapact ${command.name}: ${(error as Error).message}\n${command.usage}`);
      return EXIT_USAGE;
    }
    if (isUsageError(error)) {
      io.err(`datapact ${command.name}: ${error.message}\nRun 'datapact ${command.name} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    // An unexpected failure is still reported as one line; the stack only with DATAPACT_DEBUG set.
    io.err(`datapact ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DATAPACT_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `datapact ${version} — validate that target tables match their sources`,
    '',
    'Usage: datapact <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options: --help (also after a command), --version',
    '',
  ].join('\n');
}

if (require.main === module) {
  // A closed pipe (`datapact history x | head`) ends the output; it is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    errIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`datapact: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
