/**
 * DuckDB SQL that dt-sql-parser's PostgreSQL grammar — the closest it has to DuckDB — refuses, rewritten for it
 * (SyntaxCheck.forGrammar), lengths kept so that the rest is still checked and every position stays the user's:
 * the default schema `main` (`FROM main.orders`), a word that grammar refuses as a name, becomes a name; QUALIFY in
 * a query becomes HAVING (see qualifyAsHaving); a comparison's quantifier (`id = ANY (SELECT …)`, `> ALL (…)`,
 * which the grammar refuses though PostgreSQL has it) becomes spaces, leaving a comparison with a parenthesised value.
 */
import { qualifyAsHaving, rewriteCode } from '../grammar-text';

/** Strings ('' escapes), quoted names, dollar-quoted text and comments: left as written. */
const OPAQUE = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|\$([A-Za-z_]*)\$[\s\S]*?(?:\$\1\$|$)|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y;
const MAIN = /(?<![\w$])main(?![\w$])/gi;
const QUANTIFIER = /([=<>!]\s*)(ANY|ALL|SOME)(?=\s*\()/gi;

export function duckDbForPostgresGrammar(sql: string, kind: 'filter' | 'query'): string {
  // A filter is no query: QUALIFY there stays an error.
  const read = kind === 'query' ? qualifyAsHaving(sql, OPAQUE) : sql;
  if (!/main|any|all|some/i.test(read)) return read;
  return rewriteCode(read, OPAQUE, (code) =>
    code.replace(MAIN, 'm___').replace(QUANTIFIER, (_, comparison: string, word: string) => comparison + ' '.repeat(word.length)),
  );
}
