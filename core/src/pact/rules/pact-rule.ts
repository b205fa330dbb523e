/**
 * The rules the JSON Schema cannot express, one per file (as yaml-language-server's validation services).
 * A rule reads merged tasks and returns problems; it must tolerate values of any type, since it runs even
 * when the schema already found errors (every finding is reported at once).
 */
import type { SqlLexicon } from '../../dialects/dialect';
import type { Problem } from '../../model/problem';
import { anchorSpan, keySpan, valueSpan } from '../locations';
import type { PactSource, PathSegment, Span } from '../pact-source';
import type { TaskView } from '../task-view';

export interface RuleContext {
  readonly source: PactSource;
  readonly tasks: readonly TaskView[];
  /** Span of a key of the task (where it is written: the task, `defaults` or an inherited block). */
  keySpan(task: TaskView, path: readonly PathSegment[]): Span;
  /** Span of a value of the task, `path` relative to the task. */
  valueSpan(task: TaskView, path: readonly PathSegment[]): Span;
  /** The span naming the task itself (its task_key key). */
  taskSpan(task: TaskView): Span;
  /** 1-based line of an offset, for messages that point at another place. */
  lineOf(offset: number): number;
  /** How the SQL of the pact's engine quotes text (for `filter` and custom `sql`). */
  readonly sqlLexicon: SqlLexicon;
}

export interface PactRule {
  /** Kebab-case name, for tests and debugging. */
  readonly name: string;
  check(context: RuleContext): Problem[];
}

export function problem(code: string, message: string, span: Span, data?: Record<string, unknown>): Problem {
  return { code, severity: 'error', message, start: span.start, end: span.end, ...(data ? { data } : {}) };
}

/** True when the merged task sets `key` to something (null means "not set"). */
export function has(task: TaskView, key: string): boolean {
  const value = task.values[key];
  return value !== undefined && value !== null;
}

export function createRuleContext(
  source: PactSource,
  tasks: readonly TaskView[],
  lineOf: (offset: number) => number,
  sqlLexicon: SqlLexicon,
): RuleContext {
  const base = (task: TaskView, path: readonly PathSegment[]): PathSegment[] => {
    const first = path[0];
    const fromDefaults = typeof first === 'string' && task.origin(first) === 'defaults';
    return fromDefaults ? ['defaults', ...path] : [...task.path, ...path];
  };
  return {
    source,
    tasks,
    keySpan: (task, path) => keySpan(source, base(task, path)),
    valueSpan: (task, path) => valueSpan(source, base(task, path)),
    taskSpan: (task) => anchorSpan(source, task.path),
    lineOf,
    sqlLexicon,
  };
}
