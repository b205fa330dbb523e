/**
 * Re-checking one task after a small edit. When an edit stays inside one task, only that task is re-checked
 * (parsed together with the blocks above `validations`, so `engine` and `defaults` still apply) and the
 * previous findings elsewhere are kept, shifted by the edit. That gives two answers:
 * - quick: the other tasks' findings as they were, cross-task ones (duplicate task keys) included unchanged;
 * - full: the same with the cross-task findings redone from every task's key. It stands for the whole file's
 *   check when each task stands alone (no anchors or aliases) and the edited task is named by its task_key
 *   (messages name a task without one by its position, which the one-task document does not know).
 * test/unit/pact-incremental.test.ts proves the full answer equal to the whole-file check for random edits.
 */
import { isMap, isSeq } from 'yaml';
import {
  catalogQuestions,
  catalogFindings,
  offlineFindings,
  crossTaskProblems,
  CROSS_TASK_CODES,
  loadPact,
  taskKeySlot,
  type CatalogAnswers,
  type CatalogQuestions,
  type EngineType,
  type LoadedPact,
  type Problem,
} from '../../core/src/index';
import { endsText, lineCounter, standalone, type PactLayout, type TaskSlot } from './pact-layout';

/** What the last check of a document saw; `C` is the catalog object the caller keeps (the server: a memo). */
export interface CheckedVersion<C extends CatalogAnswers = CatalogAnswers> {
  text: string;
  /** Where its tasks sit; undefined when they are not a plain block sequence (no re-check of one task then). */
  layout?: PactLayout;
  problems: Problem[];
  /** The engine the check used (the blocks above the edited task are unchanged, so it still applies). */
  engine: EngineType;
  /** Catalog answers, when they were complete for that check. */
  catalog?: C;
  /** True when `problems` are every finding of the file (catalog ones too, when a catalog applies). */
  complete: boolean;
}

/** The answers for one edited task. */
export interface TaskRecheck {
  quick: Problem[];
  /** Present when the edit allows it (see the file comment) and the previous check was complete. */
  full?: { problems: Problem[]; layout: PactLayout };
  /** The catalog lookups the edited task needs (the full answer holds only if all are answered). */
  questions: CatalogQuestions;
}

/** A whole-file check's findings in the order they are published: by start, loader's before SQL's before catalog's. */
export function byStart(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start);
}

/** Re-checks the task an edit from `previous.text` to `text` touched; undefined when the edit is not inside one task. */
export function recheckTask(previous: CheckedVersion, text: string, path: string | undefined): TaskRecheck | undefined {
  const old = previous.text;
  const layout = previous.layout;
  if (old === text || !layout) return undefined;
  let prefix = 0;
  const limit = Math.min(old.length, text.length);
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - old.length;
  const index = layout.tasks.findIndex((t) => t.start <= prefix && old.length - suffix <= t.end);
  const item = layout.tasks[index];
  if (!item) return undefined;
  const itemLineStart = old.lastIndexOf('\n', item.start - 1) + 1;
  if (prefix < itemLineStart || layout.seqLineStart >= itemLineStart) return undefined;
  const header = text.slice(0, layout.seqLineStart);
  const mini = loadPact(header + text.slice(itemLineStart, item.end + delta), path ? { path } : {});
  const shift = itemLineStart - header.length;
  // The same findings as a full check (core's findings/), on the edited task alone.
  const fromCatalog = previous.catalog ? catalogFindings(mini, previous.catalog) : [];
  const local = [...offlineFindings(mini, previous.engine), ...fromCatalog]
    .filter((p) => p.start >= header.length)
    .map((p) => ({ ...p, start: p.start + shift, end: p.end + shift }));
  const kept = previous.problems
    .filter((p) => p.end <= itemLineStart || p.start >= item.end)
    .map((p) => (p.start >= item.end ? { ...p, start: p.start + delta, end: p.end + delta } : p));
  const quick = byStart([...kept, ...local]);
  const questions = catalogQuestions(mini.raw);
  const taskText = text.slice(itemLineStart, item.end + delta);
  const contained = prefix >= item.start && old.length - suffix < item.end && old.charCodeAt(item.end - 1) === NEWLINE && laidOutAlone(taskText);
  const alone = contained && previous.complete && layout.standalone && standalone(taskText);
  const slot = alone && wellFormed(previous.problems) && wellFormed(mini.problems) ? editedSlot(mini, header.length, shift) : undefined;
  // A finding above the tasks may count the tasks (e.g. a defaults value checked once per task that inherits it).
  if (!slot || (index === layout.tasks.length - 1 && !endsText(text, slot.end))) return { quick, questions };
  if (mini.problems.some((p) => p.start < header.length) || fromCatalog.some((p) => p.start < header.length)) return { quick, questions };
  const tasks = layout.tasks.map((t, i) => (i < index ? t : i === index ? slot : shifted(t, delta)));
  const cross = crossTaskProblems(tasks, lineCounter(text));
  const problems = mergeCrossTask(quick.filter((p) => !CROSS_TASK_CODES.includes(p.code)), cross);
  return { quick, questions, full: { problems, layout: { ...layout, tasks } } };
}

function shifted(task: TaskSlot, delta: number): TaskSlot {
  const named = typeof task.key === 'string' && task.key !== ''; // taskKeySlot gives others an empty span at 0
  const span = named ? { start: task.span.start + delta, end: task.span.end + delta } : task.span;
  return { ...task, start: task.start + delta, end: task.end + delta, span };
}

const NEWLINE = 10;

/**
 * True when every line after the task's first one (`- task_key: …`) is blank, a comment, or indented deeper
 * than its `-` (a line at that column or left of it would end the task in the file but not in the task's own
 * document), and its last line holds a value (where trailing comment lines belong depends on what follows).
 */
export function laidOutAlone(taskText: string): boolean {
  const lines = taskText.split('\n');
  const dash = lines[0]!.search(/\S/);
  const last = (lines.at(-1) === '' ? lines.at(-2) : lines.at(-1))?.trimStart() ?? '';
  if (last === '' || last.startsWith('#')) return false;
  return lines.slice(1).every((line) => {
    const indent = line.search(/\S/);
    return indent === -1 || indent > dash || line[indent] === '#';
  });
}

/** Codes of findings about the text's structure: with one of them, a task's extent in the file is not certain. */
const STRUCTURE_CODES = new Set(['yaml-syntax', 'yaml-warning', 'alias-expansion', 'internal-error']);

function wellFormed(problems: readonly Problem[]): boolean {
  return !problems.some((p) => STRUCTURE_CODES.has(p.code));
}

/**
 * The edited task as the one-task document saw it, in the full text's offsets; undefined when that document
 * did not read as exactly one mapping task named by its task_key.
 */
function editedSlot(mini: LoadedPact, headerLength: number, shift: number): TaskSlot | undefined {
  const seq = mini.source.yaml.get('validations', true) as unknown;
  if (!isSeq(seq) || seq.flow || seq.items.length !== 1) return undefined;
  const item = seq.items[0];
  if (!isMap(item) || !item.range || item.range[0] < headerLength) return undefined;
  const raw = mini.raw as { validations?: unknown } | null;
  if (!raw || !Array.isArray(raw.validations) || raw.validations.length !== 1) return undefined;
  const { key, span } = taskKeySlot(mini.raw, mini.source, 0);
  if (typeof key !== 'string' || key.trim() === '' || span.start < headerLength) return undefined;
  return { key, span: { start: span.start + shift, end: span.end + shift }, start: item.range[0] + shift, end: item.range[1] + shift };
}

/** Inserts the cross-task findings where the whole-file check puts them (after the loader's findings up to their span). */
function mergeCrossTask(problems: Problem[], cross: Problem[]): Problem[] {
  if (cross.length === 0) return problems;
  const merged: Problem[] = [];
  let i = 0;
  for (const c of cross) {
    while (i < problems.length && (problems[i]!.start < c.start || (problems[i]!.start === c.start && problems[i]!.end <= c.end))) merged.push(problems[i++]!);
    merged.push(c);
  }
  while (i < problems.length) merged.push(problems[i++]!);
  return merged;
}
