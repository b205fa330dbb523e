/**
 * Where in the pact a run-time error comes from. An engine reports errors against the SQL DataPact generated
 * (`Binder Error: the target table … has no column "emial"`, `Parser Error: syntax error at or near ")"`); the user
 * wrote YAML. When the message names a column the task lists, or a syntax error sits in the task's own SQL (its
 * `filter`, a custom `sql`), this finds that place, so a report can print `path:line:col` beside the message.
 */
import { COLUMN_LIST_KEYS } from '../checks/registry';
import { columnList, rawTasks, type Located, type RawTask } from '../catalog/pact-tasks';
import type { EngineType } from '../model/pact';
import type { LoadedPact, PathSegment, Span } from '../pact/load-pact';
import { checkSqlSyntax } from '../sql-syntax/check-sql-syntax';
import { scalarOffsets, scalarValueSpan } from '../sql-syntax/scalar-offsets';

/** Column names engines quote in "no such column" messages (DuckDB's and ours). */
const MISSING_COLUMN = [
  /has no column "([^"]+)"/,
  /does not have a column named "([^"]+)"/,
  /Referenced column "([^"]+)" not found/,
  /cannot be resolved[^`]*`([^`]+)`/, // Spark: A column … with name `x` cannot be resolved
  /UNRESOLVED_COLUMN[^`]*`([^`]+)`/,
];
const SYNTAX_ERROR = /Parser Error|syntax error|PARSE_SYNTAX_ERROR/i;

/** A place in the pact: its span and the key it is under (`null_validation_columns`, `filter`). */
export interface RunErrorPlace extends Span {
  key: string;
}

/** The place in the pact file the error traces to, or undefined when it does not trace to one place. */
export function locateRunError(loaded: LoadedPact, taskKey: string, message: string, dialect: EngineType = 'duckdb'): RunErrorPlace | undefined {
  const task = rawTasks(loaded.raw).find((t) => t.taskKey === taskKey);
  if (!task) return undefined;
  const column = MISSING_COLUMN.map((re) => re.exec(message)?.[1]).find((name) => name !== undefined);
  if (column !== undefined) return locateColumn(loaded, task, column);
  if (SYNTAX_ERROR.test(message)) return locateSyntaxError(loaded, task, dialect);
  return undefined;
}

function locateColumn(loaded: LoadedPact, task: RawTask, column: string): RunErrorPlace | undefined {
  const wanted = column.toLowerCase();
  const listed: Located<string>[] = COLUMN_LIST_KEYS.flatMap((key) => columnList(task, key));
  const aggs = task.get('agg_validations');
  if (aggs && Array.isArray(aggs.value)) {
    aggs.value.forEach((item, i) => {
      const name = typeof item === 'object' && item !== null ? (item as { column?: unknown }).column : undefined;
      if (typeof name === 'string') listed.push({ value: name, path: [...aggs.path, i, 'column'] });
    });
  }
  const hit = listed.find((c) => c.value.toLowerCase() === wanted);
  if (hit) return placed(loaded.source.locate(hit.path), hit.path);
  // Not a listed column: the name is written in the task's own SQL.
  for (const path of sqlPaths(task)) {
    const map = scalarOffsets(loaded.source.text, loaded.source.yaml, path);
    if (!map) continue;
    const word = new RegExp(`(^|[^\\w"])"?(${escapeRegExp(column)})"?(?![\\w])`, 'i').exec(map.value);
    if (word) {
      const start = word.index + word[1]!.length;
      return placed(scalarValueSpan(map, start, start + word[0].length - word[1]!.length), path);
    }
  }
  return undefined;
}

function locateSyntaxError(loaded: LoadedPact, task: RawTask, dialect: EngineType): RunErrorPlace | undefined {
  for (const path of sqlPaths(task)) {
    const map = scalarOffsets(loaded.source.text, loaded.source.yaml, path);
    if (!map || map.value.trim() === '') continue;
    const kind = path[path.length - 1] === 'filter' ? 'filter' : 'query';
    // The grammar places the error inside the user's SQL; when it finds none, the whole value is the place.
    const [error] = checkSqlSyntax(map.value, kind, dialect);
    if (error) return placed(scalarValueSpan(map, error.start, error.end), path);
    if (kind === 'filter') return placed(loaded.source.locate(path), path);
  }
  return undefined;
}

/** The task's own SQL: its filter (possibly inherited from defaults), then each custom test's `sql`. */
function sqlPaths(task: RawTask): PathSegment[][] {
  const paths: PathSegment[][] = [];
  const filter = task.get('filter');
  if (filter && typeof filter.value === 'string') paths.push(filter.path);
  const tests = task.get('custom_sql_tests');
  if (tests && Array.isArray(tests.value)) tests.value.forEach((_, i) => paths.push([...tests.path, i, 'sql']));
  return paths;
}

/** The span with the key it sits under (the last key of its path: a list index names no key). */
function placed(span: Span | undefined, path: readonly PathSegment[]): RunErrorPlace | undefined {
  if (!span) return undefined;
  const key = [...path].reverse().find((segment): segment is string => typeof segment === 'string') ?? '';
  return { start: span.start, end: span.end, key };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
