/**
 * `datapact plan <pact>`: what a run would deploy, without any network call — for Databricks the job settings
 * exactly as jobs/create receives them and every file uploaded before it, with its path and content.
 */
import { getEnginePlugin, resolveEngineConfig } from '../../../core/src/index';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { selectTaskKeys } from '../report/select-tasks';
import { onePact, parseEngine, warehouseOverride } from './run';

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'print what a run would deploy (the Databricks job and its files), offline',
  usage: [
    'Usage: datapact plan <pact> [--engine TYPE] [--task KEY]... [--warehouse NAME|ID] [--format text|json]',
    '',
    '  --task       only this task (repeatable)',
    '  --warehouse  the SQL warehouse (an id is used as is; a name is looked up by a run)',
    '  --format     text (default) or json: { "settings": …, "files": [{ "path", "content" }], "notes": [...] }',
    '',
  ].join('\n'),
  options: {
    engine: { type: 'string' },
    task: { type: 'string', multiple: true },
    warehouse: { type: 'string' },
    format: { type: 'string', default: 'text' },
  },
  async run(args, io) {
    const format = args.values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${String(format)}'`);
    const path = onePact(args.positionals);
    const { file, pact } = requireValidPact(path, io);
    const taskKeys = selectTaskKeys(pact, args.values.task);
    const config = resolveEngineConfig(pact.engine, file.absolutePath, { type: parseEngine(args.values.engine), warehouse: warehouseOverride(args.values.warehouse) });
    const plugin = getEnginePlugin(config.type);
    if (!plugin.planRun) {
      io.err(`datapact plan: the ${plugin.label} engine deploys nothing before a run; 'datapact sql' shows its SQL\n`);
      return EXIT_USAGE;
    }
    const plan = plugin.planRun(pact, config, { ...(taskKeys ? { taskKeys } : {}) });
    if (format === 'json') {
      io.out(`${JSON.stringify(plan, null, 2)}\n`);
      return EXIT_OK;
    }
    const parts = [
      '# job settings (as jobs/create receives them)',
      JSON.stringify(plan.settings, null, 2),
      ...plan.files.flatMap((f) => ['', `# file ${f.path}`, f.content.trimEnd()]),
      '',
      ...plan.notes.map((n) => `# note: ${n}`),
    ];
    io.out(`${parts.join('\n')}\n`);
    return EXIT_OK;
  },
};
