/**
 * Where each task of a pact text is: the span of its `task_key` entry (what run results annotate) and of the
 * whole task (what an edit must touch to make its last result stale). Plain offsets, from core's pact source.
 */
import { loadPact, rawTasks } from '../../../core/src/index';

export interface TaskSpan {
  taskKey: string;
  /** From the `task_key` key to the end of its value (or the task itself when it has none located). */
  keyStart: number;
  keyEnd: number;
  /** The whole task item. */
  start: number;
  end: number;
}

export function taskSpans(text: string): TaskSpan[] {
  const { source, raw } = loadPact(text);
  const spans: TaskSpan[] = [];
  for (const task of rawTasks(raw)) {
    if (!task.taskKey) continue;
    const whole = source.locate(task.path);
    const key = source.locate([...task.path, 'task_key'], 'key') ?? whole;
    const value = source.locate([...task.path, 'task_key'], 'value') ?? key;
    if (!whole || !key || !value) continue;
    spans.push({ taskKey: task.taskKey, keyStart: key.start, keyEnd: Math.max(key.end, value.end), start: whole.start, end: whole.end });
  }
  return spans;
}
