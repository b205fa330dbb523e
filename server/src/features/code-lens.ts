/** Code lenses: "Run pact" on the file, "Run task" and "Preview SQL" on each task (commands the client runs). */
import type { CodeLens } from 'vscode-languageserver/node';
import { rawTasks } from '../../../core/src/index';
import { LensCommands } from '../../../protocol/protocol';
import { toRange } from '../convert';
import type { ParsedPact } from '../documents';

export function codeLenses(pact: ParsedPact): CodeLens[] {
  const { source, raw } = pact.loaded;
  const lenses: CodeLens[] = [];
  const validations = source.locate(['validations'], 'key');
  const top = validations ? toRange(pact.document, validations.start, validations.end) : toRange(pact.document, 0, 0);
  lenses.push({ range: top, command: { title: '▶ Run pact', command: LensCommands.runPact, arguments: [pact.uri] } });
  for (const task of rawTasks(raw)) {
    if (!task.taskKey) continue;
    const span = source.locate([...task.path, 'task_key'], 'key') ?? source.locate(task.path);
    if (!span) continue;
    const range = toRange(pact.document, span.start, span.end);
    lenses.push(
      { range, command: { title: '▶ Run task', command: LensCommands.runTask, arguments: [pact.uri, task.taskKey] } },
      { range, command: { title: 'Preview SQL', command: LensCommands.previewSql, arguments: [pact.uri, task.taskKey] } },
    );
  }
  return lenses;
}
