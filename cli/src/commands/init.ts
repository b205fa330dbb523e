/**
 * `datapact init`: a first pact from the tables of a schema. Reads information_schema where the catalogs live
 * (`--duckdb NAME=PATH` or `--profile P`), writes one task per table found on both sides and tells which tables
 * have no counterpart. The engine block it writes is the one it read with, so the pact runs as written.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import {
  EngineConfigError,
  InitError,
  initPact,
  openInitSource,
  resolveEngineConfig,
  type EngineConfig,
  type TaskPlan,
} from '../../../core/src/index';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type ParsedArgs } from '../command';
import { prepareOutput, writeFileAtomically } from '../report/write-output';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'write a first pact from the tables of a schema (information_schema)',
  usage: [
    'Usage: datapact init --catalog C --schema S [--target-catalog C2] [--target-schema S2] [--tables GLOB]',
    '                     [--infer-keys] (--duckdb NAME=PATH... | --profile P [--warehouse W]) [-o FILE] [--force]',
    '',
    '  --catalog, --schema   the source schema',
    '  --target-catalog      the target\'s catalog (default: the source catalog)',
    '  --target-schema       the target\'s schema (default: the source schema)',
    '  --tables              only tables whose name matches (wildcards * and ?, any case), e.g. \'ord*\'',
    '  --infer-keys          where no primary key is declared, look for a column or pair that is non-NULL and',
    '                        unique on the source (one bounded query per table)',
    '  --duckdb NAME=PATH    a DuckDB catalog: a database file or a folder of schema folders (repeatable)',
    '  --profile, --warehouse  a Databricks workspace (~/.databrickscfg profile) and SQL warehouse (default:',
    '                        DATAPACT_WAREHOUSE, else the workspace\'s only warehouse, written into the pact)',
    '  -o, --output          the pact file to write (default: print it)',
    '  --force               overwrite --output when it exists',
    '',
    'Exit codes: 0 written, 2 usage or configuration error (unknown schema, unreadable catalog).',
    '',
  ].join('\n'),
  options: {
    catalog: { type: 'string' },
    schema: { type: 'string' },
    'target-catalog': { type: 'string' },
    'target-schema': { type: 'string' },
    tables: { type: 'string' },
    'infer-keys': { type: 'boolean', default: false },
    duckdb: { type: 'string', multiple: true },
    profile: { type: 'string' },
    warehouse: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const catalog = required(args, 'catalog');
    const schema = required(args, 'schema');
    const target = { catalog: optional(args, 'target-catalog') ?? catalog, schema: optional(args, 'target-schema') ?? schema };
    const shownOutput = optional(args, 'output');
    const output = shownOutput === undefined ? undefined : resolve(io.cwd, shownOutput);
    if (output && shownOutput) {
      if (existsSync(output) && !args.values.force) throw new UsageError(`${shownOutput} exists; pass --force to overwrite it`);
      prepareOutput(output, shownOutput, io.cwd, '');
    }
    // Relative catalog paths are written relative to the pact's folder, where the pact resolves them.
    const pactFolder = output ? dirname(output) : io.cwd;
    const engine = engineBlock(args, io.cwd, pactFolder);
    const config = resolveEngineConfig(engine, output ?? resolve(io.cwd, 'datapact.pact.yml'));

    let outcome;
    try {
      const source = await openInitSource(config, { env: process.env, homeDir: homedir(), log: (line) => io.err(`datapact init: ${line}\n`) });
      try {
        outcome = await initPact(source, {
          source: { catalog, schema },
          target,
          tables: optional(args, 'tables'),
          inferKeys: args.values['infer-keys'] === true,
          engine,
          generatedBy: 'datapact init',
        });
      } finally {
        await source.dispose();
      }
    } catch (error) {
      if (error instanceof InitError || error instanceof EngineConfigError) {
        io.err(`datapact init: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
    if (output && shownOutput) {
      writeFileAtomically(output, outcome.text);
      io.err(`datapact init: wrote ${shownOutput}: ${summary(outcome.plan)}${describeUnmatched(outcome.plan)}\n`);
    } else {
      io.out(outcome.text);
      io.err(`datapact init: ${summary(outcome.plan)}${describeUnmatched(outcome.plan)}\n`);
    }
    return EXIT_OK;
  },
};

function optional(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value.trim();
}

function required(args: ParsedArgs, name: string): string {
  const value = optional(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

/** The engine block of the new pact from `--duckdb` or `--profile`/`--warehouse` (exactly one of them). */
function engineBlock(args: ParsedArgs, cwd: string, pactFolder: string): EngineConfig {
  const duckdb = (args.values.duckdb as string[] | undefined) ?? [];
  const profile = optional(args, 'profile');
  const warehouse = optional(args, 'warehouse');
  if (duckdb.length > 0 && (profile !== undefined || warehouse !== undefined)) {
    throw new UsageError('name DuckDB catalogs (--duckdb) or a Databricks workspace (--profile), not both');
  }
  if (duckdb.length > 0) {
    const catalogs: Record<string, string> = {};
    for (const spec of duckdb) {
      const at = spec.indexOf('=');
      const name = at > 0 ? spec.slice(0, at).trim() : '';
      const path = at > 0 ? spec.slice(at + 1).trim() : '';
      if (!name || !path) throw new UsageError(`--duckdb takes NAME=PATH, got '${spec}'`);
      if (name in catalogs) throw new UsageError(`--duckdb names catalog '${name}' twice`);
      const absolute = resolve(cwd, path);
      if (!existsSync(absolute)) throw new UsageError(`--duckdb ${name}: ${path} does not exist`);
      catalogs[name] = portablePath(relative(pactFolder, absolute) || '.', absolute);
    }
    return { type: 'duckdb', catalogs };
  }
  if (profile === undefined && warehouse === undefined) {
    throw new UsageError('say where the catalogs live: --duckdb NAME=PATH (repeatable) or --profile P [--warehouse W]');
  }
  return { type: 'databricks', ...(profile !== undefined ? { profile } : {}), ...(warehouse !== undefined ? { warehouse } : {}) };
}

/** A path written into the pact: relative with forward slashes (the pact moves between machines), else absolute. */
function portablePath(relativePath: string, absolute: string): string {
  if (isAbsolute(relativePath)) return absolute;
  return relativePath.split(sep).join('/');
}

function summary(plan: TaskPlan): string {
  const count = (origin: string) => plan.tasks.filter((t) => t.keyOrigin === origin).length;
  const declared = count('declared on the source') + count('declared on the target');
  const parts = [`${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'}`, `${declared} with a declared key`];
  if (count('inferred') > 0) parts.push(`${count('inferred')} with an inferred key`);
  parts.push(`${count('none')} without a key`);
  return parts.join(', ');
}

function describeUnmatched(plan: TaskPlan): string {
  const names = (tables: TaskPlan['sourceOnly']) => tables.map((t) => t.name).join(', ');
  const parts: string[] = [];
  if (plan.sourceOnly.length > 0) parts.push(`\n  source tables without a target: ${names(plan.sourceOnly)}`);
  if (plan.targetOnly.length > 0) parts.push(`\n  target tables without a source: ${names(plan.targetOnly)}`);
  return parts.join('');
}

