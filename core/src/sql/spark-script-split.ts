/**
 * How a Databricks SQL file task splits its file into statements (the rule every part of DataPact follows, see
 * docs/checks.md): at `;` outside string literals, quoted identifiers and comments, with Spark's lexical rules —
 * '…' and "…" literals with backslash escapes (r'…' raw), `…` identifiers (`` doubled), `--` line comments and
 * nestable `/* … *\/` comments. The generator uses it to prove that a script splits exactly where it meant to.
 */

/** Thrown when the text ends inside a literal, identifier or comment (the warehouse would reject the file). */
export class UnterminatedSqlError extends Error {
  override readonly name = 'UnterminatedSqlError';
}

/** The statements of `script`, trimmed, without empty ones (a file may end with `;`). */
export function splitSparkScript(script: string): string[] {
  const statements: string[] = [];
  let begin = 0;
  let i = 0;
  const cut = (end: number) => {
    const text = script.slice(begin, end).trim();
    if (text !== '') statements.push(text);
  };
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === ';') {
      cut(i);
      begin = ++i;
    } else if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(script, i);
    } else if ((ch === 'r' || ch === 'R') && (next === "'" || next === '"') && !isWordChar(script[i - 1])) {
      const close = script.indexOf(next, i + 2);
      if (close < 0) throw new UnterminatedSqlError(`unterminated raw string literal at offset ${i}`);
      i = close + 1;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== ch) j += script[j] === '\\' ? 2 : 1;
      if (j >= script.length) throw new UnterminatedSqlError(`unterminated string literal at offset ${i}`);
      i = j + 1;
    } else if (ch === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= script.length) throw new UnterminatedSqlError(`unterminated quoted identifier at offset ${i}`);
        if (script[j] === '`') {
          if (script[j + 1] === '`') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      i = j + 1;
    } else i++;
  }
  cut(script.length);
  return statements;
}

function skipBlockComment(script: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < script.length) {
    if (script[i] === '/' && script[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (script[i] === '*' && script[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw new UnterminatedSqlError(`unterminated comment at offset ${start}`);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}
