/**
 * Where the tasks of a checked text sit, kept beside its findings so that the next edit inside one task can be
 * re-checked from that task alone (incremental-check.ts) without parsing the whole file again.
 */
import { isMap, isSeq } from 'yaml';
import { taskKeySlot, type LoadedPact, type TaskKeySlot } from '../../core/src/index';

/** Where one task is: its range as yaml's parser gives it. */
export interface TaskExtent {
  readonly start: number;
  readonly end: number;
}

/** One task: its range as yaml's parser gives it, and its own task_key. */
export interface TaskSlot extends TaskExtent, TaskKeySlot {}

/** Where the tasks are, without their keys: what completion needs (see scanLayout). */
export interface TaskExtents {
  readonly seqLineStart: number;
  readonly tasks: readonly TaskExtent[];
  readonly standalone: boolean;
}

/** The tasks of a text whose `validations` is the last block, a block sequence of mappings. */
export interface PactLayout {
  /** Start of the line where `validations`' first item starts: the text before it holds every block above the tasks. */
  readonly seqLineStart: number;
  readonly tasks: readonly TaskSlot[];
  /**
   * True when each task stands alone: no anchor, alias or merge key anywhere (a task could share what another
   * defines), no CR (line numbers are counted on `\n`). Only then can a one-task check stand for the whole file.
   */
  readonly standalone: boolean;
}

/** The layout of a loaded text, or undefined when its tasks are not laid out as a plain block sequence. */
export function layoutOf(loaded: LoadedPact): PactLayout | undefined {
  const { yaml, text } = loaded.source;
  const seq = yaml.get('validations', true) as unknown;
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length < 2) return undefined;
  const tasks: TaskSlot[] = [];
  for (const [index, item] of seq.items.entries()) {
    if (!isMap(item) || !item.range) return undefined;
    tasks.push({ start: item.range[0], end: item.range[1], ...taskKeySlot(loaded.raw, loaded.source, index) });
  }
  // `validations` must be the last block, so that the text before it holds every block that applies to a task.
  if (!endsText(text, tasks.at(-1)!.end)) return undefined;
  const seqLineStart = text.lastIndexOf('\n', seq.range[0] - 1) + 1;
  return { seqLineStart, tasks, standalone: standalone(text) };
}

/** A line that ends with a block scalar's header (`key: |`, `- >-`). */
const BLOCK_SCALAR_HEADER = /[:-][ ]+[|>][-+1-9]*[ ]*(#.*)?$/;

/**
 * The layout of a text found from its lines alone, without parsing it: what `layoutOf` would say of the tasks'
 * extents (tests compare the two), for a text laid out the plain way — `validations:` the last top-level key, its
 * value a block sequence of mappings each starting `- key:` on its dash line, every line of a task indented past
 * its dash, nothing that stands for something elsewhere (anchors, aliases, merge keys), no CR or tab indentation,
 * no second document, no block scalar that keeps its trailing blank lines. Anything else is undefined: the caller
 * parses the document then. Linear in the text: the first completion in a 5 MB document reads it in milliseconds,
 * where parsing it takes seconds.
 */
export function scanLayout(text: string): TaskExtents | undefined {
  if (!standalone(text) || /[|>][1-9]?\+/.test(text)) return undefined;
  // The last line at column 0 that is not blank, a comment or a sequence dash must be `validations:`.
  let validationsEnd = -1;
  for (let at = 0; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    const first = text.charCodeAt(at);
    if (first === 9) return undefined; // a tab where indentation goes
    if (end > at && first !== 32 && first !== 35 && first !== 45) {
      if (/^validations:[ ]*(#.*)?$/.test(text.slice(at, end))) {
        if (validationsEnd !== -1) return undefined; // a second `validations` key
        validationsEnd = end;
      } else if (validationsEnd !== -1) return undefined; // a top-level line after it
    } else if (validationsEnd !== -1 && first === 45 && /^(---|\.\.\.)/.test(text.slice(at, at + 3))) return undefined;
    at = end + 1;
  }
  if (validationsEnd === -1) return undefined;
  const tasks: TaskExtent[] = [];
  let dash = -1; // the items' indentation
  let seqLineStart = -1;
  let open: { start: number; end: number } | undefined;
  let scalarKey = -1; // the column of the key whose block scalar may still be open
  for (let at = validationsEnd + 1; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next;
    let indent = at;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    const blankOrComment = indent === end || text.charCodeAt(indent) === 35;
    if (indent < end && text.charCodeAt(indent) === 9) return undefined;
    const column = indent - at;
    // Inside a block scalar (lines indented past its key's), a line starting `#` is the scalar's text: the
    // scan would need to know where the scalar ends, so it leaves such a text to the parser.
    if (blankOrComment && indent < end && scalarKey >= 0 && column > scalarKey) return undefined;
    if (!blankOrComment) {
      if (column <= scalarKey) scalarKey = -1;
      if (dash === -1) {
        dash = column;
        seqLineStart = at;
      }
      if (column === dash) {
        const item = /^-( +)[^\s#'"?:{[&*!|>%@`,-][^:#]*:(?: |$)/.exec(text.slice(indent, end));
        if (!item) return undefined; // not `- key:`: a scalar item, a nested sequence, a quoted or complex key
        if (open) tasks.push(open);
        open = { start: indent + 1 + item[1]!.length, end: next === -1 ? end : end + 1 };
      } else if (column > dash && open) open.end = next === -1 ? end : end + 1;
      else return undefined; // less indented than the items (or text before the first item)
      const line = text.slice(indent, end);
      if (BLOCK_SCALAR_HEADER.test(line)) scalarKey = column + (/^(?:- +)*/.exec(line)?.[0].length ?? 0);
    }
    at = end + 1;
  }
  if (open) tasks.push(open);
  // Like layoutOf: only blanks may follow the last task (a comment there would belong to no task).
  if (tasks.length < 2 || !endsText(text, tasks.at(-1)!.end)) return undefined;
  return { seqLineStart, tasks, standalone: true };
}

/**
 * False when `text` may hold an anchor, an alias or a merge key (`&a`, `*a`, `<<`; `COUNT(*)` and `SELECT * FROM`
 * are not) or a CR. Errs on the side of false: that costs only speed.
 */
export function standalone(text: string): boolean {
  return !/(?:^|[\s[\]{},])[&*][^\s[\]{},]|<<|\r/.test(text);
}

/** True when only blanks follow `end` (comments too would belong to no task). */
export function endsText(text: string, end: number): boolean {
  return text.slice(end).trim() === '';
}

/** 1-based line of an offset in `text`, counting `\n` (line starts computed on first use). */
export function lineCounter(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
