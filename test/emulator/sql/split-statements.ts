/**
 * Splits a SQL file into statements at `;` outside string literals, quoted identifiers and comments, with Spark's
 * lexical rules (the rule every helper follows; see docs/checks.md). Empty statements (only comments) are dropped.
 */
import { significant, tokenize } from './spark-lexer';

export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let begin = 0;
  let hasContent = false;
  for (const t of tokenize(sql)) {
    if (t.kind === 'op' && t.text === ';') {
      if (hasContent) statements.push(sql.slice(begin, t.start).trim());
      begin = t.end;
      hasContent = false;
    } else if (significant(t)) hasContent = true;
  }
  if (hasContent) statements.push(sql.slice(begin).trim());
  return statements;
}
