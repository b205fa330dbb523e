/**
 * SQL syntax of the SQL a pact embeds (a task's `filter`, a custom test's `sql`), checked with a real grammar: the
 * dialect's `syntaxCheck` names it (Spark SQL for Databricks; for DuckDB, dt-sql-parser's PostgreSQL grammar, the
 * closest it has, so its findings are warnings) and rewrites the dialect's syntax the grammar predates.
 */
import { getDialect } from '../dialects/registry';
import type { EngineType } from '../model/pact';
import { isPlainSql } from './plain-sql';

export type EmbeddedSqlKind = 'filter' | 'query';

/** A syntax error, by character positions in the checked string. */
export interface SqlSyntaxError {
  start: number;
  end: number;
  message: string;
}

interface Validator {
  validate(sql: string): Array<{ startLine: number; startColumn: number; endLine: number; endColumn: number; message: string }>;
}

const FILTER_PREFIX = 'SELECT * FROM t WHERE ';
const parsers = new Map<string, Validator>();
const memo = new Map<string, SqlSyntaxError[]>();
const MEMO_LIMIT = 20_000;

function parserFor(grammar: 'SparkSQL' | 'PostgreSQL'): Validator {
  let parser = parsers.get(grammar);
  if (!parser) {
    // Loaded on first use (see grammars.ts); synchronous, as the editor's checks are.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grammars = require('./grammars') as typeof import('./grammars');
    parser = new grammars[grammar]();
    parsers.set(grammar, parser);
  }
  return parser;
}

/**
 * Checks one embedded SQL string. A filter is parsed as `SELECT * FROM t WHERE <filter>`; template variables
 * (`{{ table_fqn }}`) become identifiers of the same length, so positions stay those of the input.
 * Answers are memoised (an edit re-checks only the strings it changed).
 */
export function checkSqlSyntax(sql: string, kind: EmbeddedSqlKind, dialect: EngineType): SqlSyntaxError[] {
  const key = `${dialect}\u0000${kind}\u0000${sql}`;
  const known = memo.get(key);
  if (known) return known;
  const errors = parse(sql, kind, dialect);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, errors);
  return errors;
}

/**
 * Runs `work` with the console silenced. dt-sql-parser re-parses each statement of a multi-statement input with
 * ANTLR's default listener, which writes `line 1:15 extraneous input …` to the console: in the CLI that is stderr
 * noise, in the language server an error log line. Its errors reach us through `validate`'s result; what it would
 * print is kept (the last few lines, for debugging) and never shown. `validate` is synchronous, so nothing else
 * can log while the console is swapped.
 */
function withoutConsole<T>(work: () => T): T {
  const saved = { error: console.error, log: console.log, warn: console.warn };
  const keep = (...args: unknown[]) => {
    capturedGrammarOutput.push(args.map(String).join(' '));
    if (capturedGrammarOutput.length > 20) capturedGrammarOutput.shift();
  };
  console.error = console.log = console.warn = keep;
  try {
    return work();
  } finally {
    Object.assign(console, saved);
  }
}

/** What the grammar library tried to print lately (never printed; for a debugger or a test). */
export const capturedGrammarOutput: string[] = [];

/** The text a grammar reads for `sql`: template variables as names, the dialect's rewrites, a filter inside a query. */
export function grammarInput(sql: string, kind: EmbeddedSqlKind, dialect: EngineType): { input: string; prefixLength: number } {
  const body = withoutTemplates(sql);
  const prefix = kind === 'filter' ? FILTER_PREFIX : '';
  const syntax = getDialect(dialect).syntaxCheck;
  return { input: prefix + (syntax.forGrammar?.(body, kind) ?? body), prefixLength: prefix.length };
}

/** `{{ table_fqn }}` as a name of the same length (positions stay the user's). */
function withoutTemplates(sql: string): string {
  return sql.replace(/\{\{[^\n]*?\}\}/g, (m) => 't' + '_'.repeat(m.length - 1));
}

function parse(sql: string, kind: EmbeddedSqlKind, dialect: EngineType): SqlSyntaxError[] {
  const syntax = getDialect(dialect).syntaxCheck;
  // SQL of the fast path's subset needs no grammar (loading one and its first parse take seconds).
  if (isPlainSql(withoutTemplates(sql), kind, syntax.nameQuote)) return [];
  const { input, prefixLength } = grammarInput(sql, kind, dialect);
  let found: ReturnType<Validator['validate']>;
  try {
    found = withoutConsole(() => parserFor(syntax.grammar).validate(input));
  } catch {
    return []; // a grammar failure is not the user's error
  }
  const lineStarts = [0];
  for (let i = 0; i < input.length; i++) if (input[i] === '\n') lineStarts.push(i + 1);
  const toOffset = (line: number, column: number) => (lineStarts[line - 1] ?? input.length) + column - 1;
  return found.slice(0, 1).map((e) => {
    const start = Math.max(0, toOffset(e.startLine, e.startColumn) - prefixLength);
    const end = Math.max(start, toOffset(e.endLine, e.endColumn) - prefixLength);
    return { start: Math.min(start, sql.length), end: Math.min(end, sql.length), message: e.message };
  });
}
