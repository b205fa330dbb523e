/** Document symbols: the engine and defaults blocks, each task, and the checks inside each task. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { CHECK_KINDS, rawTasks, type PathSegment, type RawTask } from '../../../core/src/index';
import { toRange } from '../convert';
import type { ParsedPact } from '../documents';

/** The checks a task holds, each named by the key that switches it on (the key's place is the symbol's). */
const CHECK_KEYS: ReadonlyArray<[key: string, name: string]> = CHECK_KINDS.flatMap((kind) =>
  kind.outline ? [[kind.outline.key, kind.outline.name] as [string, string]] : [],
);

export function documentSymbols(pact: ParsedPact): DocumentSymbol[] {
  const { source, raw } = pact.loaded;
  const symbol = (name: string, kind: SymbolKind, path: PathSegment[], detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    const whole = source.locate(path);
    const key = source.locate(path, 'key') ?? whole;
    if (!whole || !key) return undefined;
    const start = Math.min(whole.start, key.start);
    const end = Math.max(whole.end, key.end);
    return {
      name: name || '(unnamed)',
      kind,
      range: toRange(pact.document, start, end),
      selectionRange: toRange(pact.document, key.start, key.end),
      ...(detail ? { detail } : {}),
      ...(children ? { children } : {}),
    };
  };
  const symbols: DocumentSymbol[] = [];
  const top = raw as Record<string, unknown> | undefined;
  if (top?.engine !== undefined) push(symbols, symbol('engine', SymbolKind.Namespace, ['engine']));
  if (top?.defaults !== undefined) push(symbols, symbol('defaults', SymbolKind.Namespace, ['defaults']));
  for (const task of rawTasks(raw)) {
    const checks = taskChecks(task, symbol);
    const from = `${String(task.data.source_table ?? '?')} → ${String(task.data.target_table ?? '?')}`;
    push(symbols, symbol(task.taskKey ?? `task ${task.index + 1}`, SymbolKind.Class, task.path, from, checks));
  }
  return symbols;
}

type MakeSymbol = (name: string, kind: SymbolKind, path: PathSegment[], detail?: string, children?: DocumentSymbol[]) => DocumentSymbol | undefined;

function taskChecks(task: RawTask, symbol: MakeSymbol): DocumentSymbol[] {
  const checks: DocumentSymbol[] = [];
  for (const [key, name] of CHECK_KEYS) {
    if (task.data[key] !== undefined && task.data[key] !== null && task.data[key] !== false) push(checks, symbol(name, SymbolKind.Property, [...task.path, key]));
  }
  const aggs = task.data.agg_validations;
  if (Array.isArray(aggs)) {
    aggs.forEach((a, i) => {
      const column = typeof a === 'object' && a !== null ? (a as { column?: unknown }).column : undefined;
      push(checks, symbol(`aggregates of ${String(column ?? '?')}`, SymbolKind.Property, [...task.path, 'agg_validations', i]));
    });
  }
  const tests = task.data.custom_sql_tests;
  if (Array.isArray(tests)) {
    tests.forEach((t, i) => {
      const name = typeof t === 'object' && t !== null ? (t as { name?: unknown }).name : undefined;
      push(checks, symbol(`custom SQL: ${String(name ?? '?')}`, SymbolKind.Function, [...task.path, 'custom_sql_tests', i]));
    });
  }
  return checks;
}

function push(list: DocumentSymbol[], item: DocumentSymbol | undefined): void {
  if (item) list.push(item);
}
