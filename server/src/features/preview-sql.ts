/**
 * `datapact/previewSql`: the SQL DataPact would run for one task, or for the whole pact (each task under a
 * `-- task: KEY` header). Databricks: the job task script; DuckDB: the metrics query. A pact with errors gets a
 * ResponseError naming the first error (so the client can show it instead of stale or wrong SQL).
 */
import { ResponseError } from 'vscode-languageserver/node';
import { getEnginePlugin, resolveEngineConfig, type Task } from '../../../core/src/index';
import { PreviewSqlRequest, type PreviewSqlParams, type PreviewSqlResult, type ServerSettings } from '../../../protocol/protocol';
import type { ParsedPact } from '../documents';
import { engineOf } from '../catalog-service';

export function previewSql(pact: ParsedPact | undefined, params: PreviewSqlParams, settings: ServerSettings): PreviewSqlResult {
  const refuse = (message: string) => new ResponseError(PreviewSqlRequest.invalidPactCode, message);
  if (!pact) throw refuse(`${params.uri} is not open in the editor.`);
  const model = pact.loaded.pact;
  if (!model) {
    const first = pact.loaded.problems.find((p) => p.severity === 'error');
    const where = first ? pact.document.positionAt(first.start) : undefined;
    const why = first && where ? ` First error (line ${where.line + 1}): ${first.message}` : '';
    throw refuse(`The SQL cannot be generated while the pact has errors.${why}`);
  }
  const dialect = params.dialect ?? engineOf(pact, settings).type;
  const tasks = params.taskKey === undefined ? model.validations : model.validations.filter((t) => t.task_key === params.taskKey);
  if (tasks.length === 0) throw refuse(`The pact has no task "${params.taskKey}".`);
  const engine = resolveEngineConfig(model.engine, pact.path, settings.engine ? { type: settings.engine } : {});
  const plugin = getEnginePlugin(dialect);
  const render = (task: Task) => plugin.explainTask(task, { ...engine, type: plugin.type });
  try {
    if (params.taskKey !== undefined) return { sql: ensureNewline(render(tasks[0]!)) };
    return { sql: tasks.map((task) => `-- task: ${task.task_key}\n${ensureNewline(render(task))}`).join('\n') };
  } catch (error) {
    throw refuse(`The SQL could not be generated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function ensureNewline(sql: string): string {
  return sql.endsWith('\n') ? sql : `${sql}\n`;
}
