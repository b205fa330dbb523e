/**
 * A light scan of SQL text: where its statement separators are, skipping string literals, quoted
 * identifiers and comments by the dialect's own lexical rules (its {@link SqlLexicon}). Not a parser: enough to
 * tell "one expression / one query" from "several".
 */
import type { SqlLexicon } from '../dialects/dialect';

const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Offsets (into `sql`) of every `;` outside quotes and comments, read by `lexicon`'s rules. */
export function topLevelSemicolons(sql: string, lexicon: SqlLexicon): number[] {
  const found: number[] = [];
  const n = sql.length;
  /** Index just past a quoted run opened at `open` by `quote`. */
  const skipQuoted = (open: number, quote: string, backslash: boolean): number => {
    let i = open + 1;
    while (i < n) {
      const c = sql[i];
      if (backslash && c === '\\') i += 2;
      else if (c === quote && sql[i + 1] === quote) i += 2;
      else if (c === quote) return i + 1;
      else i++;
    }
    return n;
  };
  let i = 0;
  while (i < n) {
    const c = sql[i]!;
    const wordStart = i === 0 || !IDENTIFIER_CHAR.test(sql[i - 1]!);
    const next = sql[i + 1];
    if (lexicon.escapeStrings && wordStart && (c === 'E' || c === 'e') && next === "'") {
      i = skipQuoted(i + 1, "'", true);
    } else if (lexicon.rawStrings && wordStart && (c === 'r' || c === 'R') && (next === "'" || next === '"')) {
      const end = sql.indexOf(next, i + 2);
      i = end < 0 ? n : end + 1;
    } else if (lexicon.quotes.includes(c)) {
      i = skipQuoted(i, c, lexicon.backslashEscapes && c !== '`');
    } else if (lexicon.dollarQuotes && c === '$' && wordStart) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql)?.[0];
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end < 0 ? n : end + tag.length;
      } else {
        i++;
      }
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      if (c === ';') found.push(i);
      i++;
    }
  }
  return found;
}
