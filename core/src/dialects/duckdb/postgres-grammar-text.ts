/**
 * DuckDB's default schema is `main` (`FROM main.orders`), a word dt-sql-parser's PostgreSQL grammar — the closest
 * it has to DuckDB — refuses as a name. For that grammar the word becomes a name of the same length, so the rest
 * is still checked and every position stays the user's.
 */
import { rewriteCode } from '../grammar-text';

/** Strings ('' escapes), quoted names, dollar-quoted text and comments: left as written. */
const OPAQUE = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|\$([A-Za-z_]*)\$[\s\S]*?(?:\$\1\$|$)|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y;
const MAIN = /(?<![\w$])main(?![\w$])/gi;

export function duckDbForPostgresGrammar(sql: string): string {
  if (!/main/i.test(sql)) return sql;
  return rewriteCode(sql, OPAQUE, (code) => code.replace(MAIN, 'm___'));
}
