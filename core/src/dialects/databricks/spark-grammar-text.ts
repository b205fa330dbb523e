/**
 * Databricks SQL that dt-sql-parser's Spark grammar predates, rewritten for it (SyntaxCheck.forGrammar), lengths
 * kept so that the rest of the text is still checked and every position stays the user's:
 * - QUALIFY in a query (see qualifyAsHaving);
 * - JSON paths (`raw:customer.id`, `raw:items[0]`, `raw:['a b']`): the `:` becomes `.` or a space (a field or a
 *   subscript, which the grammar reads);
 * - the casts Databricks documents, `expr :: type` and `expr ?:: type` (synonyms of cast and try_cast; the grammar
 *   reports a valid `amount::DECIMAL(18, 2)` as an error): each becomes `|| x…` (an operator and a name). The type
 *   itself goes unchecked here (the warehouse names a bad one when the task runs); a `::` without a type after it is
 *   left as written, and the grammar places the error there.
 */
import { qualifyAsHaving, rewriteCode } from '../grammar-text';

/** Strings and names in quotes (backslash escapes, as Spark reads them) and comments: left as written. */
const OPAQUE = /'(?:[^'\\]|\\[\s\S])*'?|"(?:[^"\\]|\\[\s\S])*"?|`(?:[^`]|``)*`?|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y;
/** `::` or `?::`, spaces, and a type name's first word. */
const CAST = /(\?::|::)(\s*)([A-Za-z_][A-Za-z0-9_]*)/g;

export function databricksForSparkGrammar(sql: string, kind: 'filter' | 'query'): string {
  // A filter is no query: QUALIFY there stays an error. Casts first: what is left of `:` is a path's.
  return jsonPathsForSparkGrammar(castsForSparkGrammar(kind === 'query' ? qualifyAsHaving(sql, OPAQUE) : sql));
}

/** Where `STRUCT<` starts (its `a: INT` fields hold colons that are no path's). */
const STRUCT_TYPE = /(?<![\w$])STRUCT\s*</iy;

/**
 * `expr:path`: a `:` right after a name, a quoted name, `)` or `]`, and right before a name, a quoted name or `[`,
 * outside quotes, comments and STRUCT<…> types.
 */
function jsonPathsForSparkGrammar(sql: string): string {
  if (!sql.includes(':')) return sql;
  let out = '';
  let structEnd = -1;
  for (let at = 0; at < sql.length; ) {
    OPAQUE.lastIndex = at;
    const opaque = OPAQUE.exec(sql);
    if (opaque && opaque[0].length > 0) {
      out += opaque[0];
      at += opaque[0].length;
      continue;
    }
    STRUCT_TYPE.lastIndex = at;
    if (at > structEnd && STRUCT_TYPE.exec(sql)) structEnd = balancedEnd(sql, STRUCT_TYPE.lastIndex - 1);
    const c = sql[at]!;
    const next = sql[at + 1] ?? '';
    if (c === ':' && at > structEnd && /[\w`)\]]/.test(sql[at - 1] ?? '') && /[A-Za-z_`[]/.test(next)) out += next === '[' ? ' ' : '.';
    else out += c;
    at++;
  }
  return out;
}

function castsForSparkGrammar(sql: string): string {
  if (!sql.includes('::')) return sql;
  return rewriteCode(sql, OPAQUE, (code) => {
    let out = '';
    let from = 0;
    CAST.lastIndex = 0;
    for (let cast = CAST.exec(code); cast; cast = CAST.exec(code)) {
      const [whole, operator, spaces] = cast;
      const typeStart = cast.index + operator!.length + spaces!.length;
      const typeEnd = endOfType(code, typeStart, cast.index + whole.length);
      out += code.slice(from, cast.index) + (operator === '?::' ? ' ||' : '||') + spaces + 'x' + '_'.repeat(typeEnd - typeStart - 1);
      from = typeEnd;
      CAST.lastIndex = typeEnd;
    }
    return out + code.slice(from);
  });
}

/**
 * Where a type that starts with a word ends: after its parameters, `DECIMAL(18, 2)`, or its element types,
 * `ARRAY<STRUCT<a: INT>>` (only after ARRAY, MAP, STRUCT, so that `x::INT < y AND z > 0` keeps its comparisons;
 * brackets balanced, else the type ends before them).
 */
function endOfType(code: string, wordStart: number, afterWord: number): number {
  const word = code.slice(wordStart, afterWord).toUpperCase();
  if (code[afterWord] === '<' && (word === 'ARRAY' || word === 'MAP' || word === 'STRUCT')) {
    const close = balancedEnd(code, afterWord);
    return close < 0 ? afterWord : close;
  }
  let at = afterWord;
  while (at < code.length && /\s/.test(code[at]!)) at++;
  if (code[at] !== '(') return afterWord;
  const close = balancedEnd(code, at);
  return close < 0 ? afterWord : close;
}

/** Just past the bracket that closes the one at `open`, or -1. */
function balancedEnd(code: string, open: number): number {
  const stack: string[] = [];
  for (let at = open; at < code.length; at++) {
    const c = code[at]!;
    if (c === '(' || c === '<') stack.push(c === '(' ? ')' : '>');
    else if (c === ')' || c === '>') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return at + 1;
    } else if (c === ';') return -1;
  }
  return -1;
}
