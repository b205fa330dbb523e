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
