/**
 * Where the tasks of a checked text sit, kept beside its findings so that the next edit inside one task can be
 * re-checked from that task alone (incremental-check.ts) without parsing the whole file again.
 */
import { isMap, isSeq } from 'yaml';
import { taskKeySlot, type LoadedPact, type TaskKeySlot } from '../../core/src/index';

/** One task: its range as yaml's parser gives it, and its own task_key. */
export interface TaskSlot extends TaskKeySlot {
  readonly start: number;
  readonly end: number;
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
