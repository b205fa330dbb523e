/**
 * Rewrites the code of a SQL text for a grammar (see SyntaxCheck.forGrammar), leaving what `opaque` matches
 * (strings, quoted names, comments) as written. Every rewrite keeps lengths, so positions stay the user's.
 */
export function rewriteCode(sql: string, opaque: RegExp, rewrite: (code: string) => string): string {
  if (!opaque.sticky) throw new Error('rewriteCode needs a sticky pattern');
  let out = '';
  let code = '';
  let at = 0;
  while (at < sql.length) {
    opaque.lastIndex = at;
    const skipped = opaque.exec(sql);
    if (skipped && skipped[0].length > 0) {
      out += rewrite(code) + skipped[0];
      code = '';
      at += skipped[0].length;
    } else {
      code += sql[at];
      at++;
    }
  }
  return out + rewrite(code);
}

/**
 * QUALIFY (Databricks, DuckDB) filters a query's rows on window functions, after HAVING; dt-sql-parser's grammars
 * predate it and refuse a valid query. For them each QUALIFY becomes `HAVING ` where its SELECT has no HAVING yet,
 * else `AND    ` joined to that HAVING: the same 7 characters, in a place both grammars read, so what follows is still
 * checked. `opaque` is the dialect's (strings, quoted names, comments are left alone).
 */
export function qualifyAsHaving(sql: string, opaque: RegExp): string {
  if (!/qualify/i.test(sql)) return sql;
  // Per parenthesis level, whether the SELECT being read there has a HAVING.
  const having: boolean[] = [false];
  return rewriteCode(sql, opaque, (code) =>
    code.replace(/[()]|\b(SELECT|HAVING|QUALIFY)\b/gi, (token) => {
      if (token === '(') having.push(false);
      else if (token === ')') {
        if (having.length > 1) having.pop();
      } else {
        const word = token.toUpperCase();
        const level = having.length - 1;
        if (word === 'SELECT') having[level] = false;
        else if (word === 'HAVING') having[level] = true;
        else {
          const joined = having[level];
          having[level] = true;
          return joined ? 'AND    ' : 'HAVING ';
        }
      }
      return token;
    }),
  );
}
