/**
 * `datapact sql <pact>`: the SQL the engine would run, per task. For Databricks the job task script (what a job
 * task executes, history INSERT included); for DuckDB the metrics query (one SELECT, runnable in any DuckDB shell
 * with the pact's catalogs attached).
 */
import { engineTypes, getEnginePlugin, isEngineType, resolveEngineConfig } from '../../../core/src/index';
import { EXIT_OK, UsageError, type CliCommand } from '../command';
import { requireValidPact } from '../read-pact';
import { selectTaskKeys } from '../report/select-tasks';
import { onePact } from './run';

export const sqlCommand: CliCommand = {
  name: 'sql',
  summary: 'print the SQL generated for each task of a pact',
  usage: [
    'Usage: datapact sql <pact> [--task KEY]... [--dialect databricks|duckdb]',
    '',
    '  --task     only this task (repeatable)',
    "  --dialect  default: the pact's engine type; databricks prints the job task script, duckdb the metrics query",
    '',
  ].join('\n'),
  options: {
    task: { type: 'string', multiple: true },
    dialect: { type: 'string' },
  },
  async run(args, io) {
    const dialectFlag = args.values.dialect;
    if (dialectFlag !== undefined && !isEngineType(dialectFlag)) {
      throw new UsageError(`--dialect must be ${engineTypes().join(' or ')}, got '${String(dialectFlag)}'`);
    }
    const path = onePact(args.positionals);
    const { file, pact } = requireValidPact(path, io);
    const keys = selectTaskKeys(pact, args.values.task);
    const config = resolveEngineConfig(pact.engine, file.absolutePath);
    const plugin = getEnginePlugin(isEngineType(dialectFlag) ? dialectFlag : config.type);
    const tasks = pact.validations.filter((t) => !keys || keys.includes(t.task_key));
    const blocks = tasks.map((task) => {
      const body = plugin.explainTask(task, { ...config, type: plugin.type });
      return `-- task: ${task.task_key}\n${body.trimEnd()}\n`;
    });
    io.out(blocks.join('\n'));
    return EXIT_OK;
  },
};
