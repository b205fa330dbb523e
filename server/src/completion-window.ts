/**
 * Completion in a large document without parsing all of it. Completion needs only the task under the cursor
 * and the blocks above `validations` (engine, defaults); the last checked version's layout says where the tasks
 * are (or, for the first completion, its lines: pact-layout.ts scanLayout). When the text differs from that version only inside one task (or not at all), and the cursor's task
 * stands alone (no anchor, alias or merge key; no line that would end it early), completion reads a small
 * document made of the blocks above the tasks and that task (as the one-task re-check does), and its answers'
 * lines are shifted back. Anything else returns undefined: completion parses the whole document then.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Position } from 'vscode-languageserver/node';
import { parsePactText, type LoadedPact } from '../../core/src/index';
import type { ParsedPact } from './documents';
import { laidOutAlone } from './incremental-check';
import { OFF_THREAD_CHARS } from './off-thread-check';
import { standalone, type TaskExtent, type TaskExtents } from './pact-layout';

export interface CompletionWindow {
  /** Where the tasks are in the current text (the edit applied), for the next completion's window. */
  layout: { text: string; layout: TaskExtents };
  pact: ParsedPact;
  /** The cursor in the window's document. */
  position: Position;
  /** Maps the window's items back to the document. */
  toDocument(items: CompletionItem[]): CompletionItem[];
}

/** The window for `offset` of `document`, or undefined when the whole document must be parsed. */
export function completionWindow(
  document: TextDocument,
  checked: { text: string; layout?: TaskExtents } | undefined,
  offset: number,
  path: string | undefined,
): CompletionWindow | undefined {
  const text = document.getText();
  const layout = checked?.layout;
  if (text.length < OFF_THREAD_CHARS || !layout || !layout.standalone) return undefined;
  const old = checked.text;
  let prefix = 0;
  const limit = Math.min(old.length, text.length);
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const editEnd = old.length - suffix;
  const delta = text.length - old.length;
  if (prefix < layout.seqLineStart) return undefined; // the blocks above the tasks changed
  // The tasks in the current text: untouched (before or after the edit) or holding the whole edit.
  const edited = prefix === old.length && suffix === 0 ? -1 : layout.tasks.findIndex((t) => t.start <= prefix && editEnd <= t.end);
  const tasks: TaskExtent[] = [];
  let task: { start: number; end: number } | undefined;
  for (const [index, t] of layout.tasks.entries()) {
    const mapped = t.end <= prefix ? t : t.start >= editEnd ? { ...t, start: t.start + delta, end: t.end + delta } : index === edited ? { ...t, end: t.end + delta } : undefined;
    if (!mapped) return undefined; // the edit crosses a task's edge
    tasks.push(mapped);
    const lineStart = text.lastIndexOf('\n', mapped.start - 1) + 1;
    if (lineStart <= offset && offset <= mapped.end) task = { start: lineStart, end: mapped.end };
  }
  if (!task || task.start < layout.seqLineStart) return undefined;
  // The layout passed on stands alone only while the edited task does (an edit may have added an anchor).
  const editedStandsAlone = edited === -1 || standalone(text.slice(tasks[edited]!.start, tasks[edited]!.end));
  const taskText = text.slice(task.start, task.end);
  if (!standalone(taskText) || !laidOutAlone(taskText)) return undefined;
  const header = text.slice(0, layout.seqLineStart);
  const windowText = header + taskText;
  const windowDocument = TextDocument.create(document.uri, document.languageId, document.version, windowText);
  const source = parsePactText(windowText);
  let raw: unknown = null;
  try {
    raw = source.yaml.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
  const loaded: LoadedPact = { raw, problems: [], source };
  const pact: ParsedPact = { uri: document.uri, version: document.version, document: windowDocument, loaded, ...(path ? { path } : {}) };
  const headerLines = windowDocument.positionAt(header.length).line;
  const lineShift = document.positionAt(task.start).line - headerLines;
  const back = (p: Position): Position => (p.line >= headerLines ? { line: p.line + lineShift, character: p.character } : p);
  return {
    // The edited task's key slot is not re-read here; completion reads only where the tasks start and end.
    layout: { text, layout: { ...layout, tasks, standalone: editedStandsAlone } },
    pact,
    position: windowDocument.positionAt(offset - task.start + header.length),
    toDocument: (items) =>
      items.map((item) => {
        const edit = item.textEdit;
        if (!edit || !('range' in edit)) return item;
        return { ...item, textEdit: { ...edit, range: { start: back(edit.range.start), end: back(edit.range.end) } } };
      }),
  };
}
