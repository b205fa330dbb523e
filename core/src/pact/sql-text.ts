/**
 * A light scan of SQL text: where its statement separators are, skipping string literals, quoted
 * identifiers and comments. Not a parser: enough to tell "one expression / one query" from "several".
 */

/** Offsets (into `sql`) of every `;` outside quotes and comments. */
export function topLevelSemicolons(sql: string): number[] {
  const found: number[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n) {
        if (sql[i] === '\\' && c !== '`') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      if (c === ';') found.push(i);
      i++;
    }
  }
  return found;
}
