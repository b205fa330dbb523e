/**
 * A fast path for the SQL syntax check: recognises plain filters and queries (comparisons, AND/OR/NOT, IS NULL,
 * IN lists, BETWEEN, LIKE, arithmetic, DATE/TIMESTAMP literals, COUNT/SUM/AVG/MIN/MAX, calls of functions whose
 * name is no keyword such as `lower(x)` or `round(x, 2)`; `SELECT … FROM … [WHERE …]
 * [GROUP BY …]`) without loading a grammar. Loading dt-sql-parser and its first parse take seconds (most of a
 * `datapact validate --offline`), while most pacts' SQL is this plain. It never guesses: it answers "valid" only
 * for text inside its subset, where both grammars (Spark SQL, PostgreSQL) accept it — every word that is a keyword
 * of either grammar's lexer is refused as a name (sql-keywords.generated.ts) — and anything else (including every
 * error) goes to the grammar, which gives the message. test/unit/sql-plain-path.test.ts checks both grammars accept
 * all it accepts (generated and random SQL) and that the keyword list is the lexers'.
 */
import type { EmbeddedSqlKind } from './check-sql-syntax';
import { SQL_KEYWORDS } from './sql-keywords.generated';

type Token =
  | { kind: 'word'; upper: string; keyword: boolean }
  | { kind: 'number' | 'string' }
  | { kind: 'op'; text: string };

/** Words the subset uses as syntax (the rest of the keywords are refused). */
const SYNTAX = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'LIKE', 'TRUE', 'FALSE', 'DATE', 'TIMESTAMP', 'SELECT', 'DISTINCT', 'FROM', 'WHERE', 'GROUP', 'BY', 'AS']);
const FUNCTIONS = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const MAX_LENGTH = 2000;

/** The tokens of `sql`, or undefined when it holds anything outside the subset (comments only in queries). */
function tokenize(sql: string, kind: EmbeddedSqlKind): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s+|--[^\n]*|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)(?![A-Za-z0-9_.])|'([^'\\\n]*)'(?!')|(<>|!=|<=|>=|[=<>+\-*/(),.])/y;
  let at = 0;
  while (at < sql.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(sql);
    if (!m) return undefined;
    at = pattern.lastIndex;
    const [text, word, number, string, op] = m;
    if (word !== undefined) {
      const upper = word.toUpperCase();
      tokens.push({ kind: 'word', upper, keyword: SQL_KEYWORDS.has(upper) || SYNTAX.has(upper) });
    } else if (number !== undefined) tokens.push({ kind: 'number' });
    else if (string !== undefined) tokens.push({ kind: 'string' });
    else if (op !== undefined) tokens.push({ kind: 'op', text: op });
    else if (text.startsWith('--') && kind === 'filter') return undefined; // a filter is wrapped: keep it simple
  }
  return tokens;
}

class Recognizer {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }
  private isWord(upper: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'word' && t.upper === upper;
  }
  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'op' && t.text === text;
  }
  private word(upper: string): boolean {
    if (!this.isWord(upper)) return false;
    this.at++;
    return true;
  }
  private op(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.at++;
    return true;
  }
  get done(): boolean {
    return this.at === this.tokens.length;
  }

  /** A name that is no keyword of either grammar. */
  private name(): boolean {
    const t = this.peek();
    if (t?.kind !== 'word' || t.keyword || FUNCTIONS.has(t.upper)) return false;
    this.at++;
    return true;
  }
  /** `a`, `a.b`, `a.b.c`. */
  private qualifiedName(): boolean {
    if (!this.name()) return false;
    for (let parts = 1; parts < 3 && this.isOp('.'); parts++) {
      this.at++;
      if (!this.name()) return false;
    }
    return !this.isOp('.');
  }

  expression(): boolean {
    if (!this.conjunction()) return false;
    while (this.word('OR')) if (!this.conjunction()) return false;
    return true;
  }
  private conjunction(): boolean {
    if (!this.negation()) return false;
    while (this.word('AND')) if (!this.negation()) return false;
    return true;
  }
  private negation(): boolean {
    return this.word('NOT') ? this.negation() : this.predicate();
  }
  private predicate(): boolean {
    if (!this.additive()) return false;
    const t = this.peek();
    if (t?.kind === 'op' && COMPARISONS.has(t.text)) {
      this.at++;
      return this.additive();
    }
    if (this.word('IS')) {
      this.word('NOT');
      return this.word('NULL');
    }
    const negated = this.isWord('NOT') && (this.isWord('IN', 1) || this.isWord('BETWEEN', 1) || this.isWord('LIKE', 1));
    if (negated) this.at++;
    if (this.word('IN')) return this.literalList();
    if (this.word('BETWEEN')) return this.additive() && this.word('AND') && this.additive();
    if (this.word('LIKE')) return this.string();
    return !negated;
  }
  private literalList(): boolean {
    if (!this.op('(')) return false;
    do {
      this.op('-');
      if (!this.literal()) return false;
    } while (this.op(','));
    return this.op(')');
  }
  private string(): boolean {
    if (this.peek()?.kind !== 'string') return false;
    this.at++;
    return true;
  }
  private literal(): boolean {
    const t = this.peek();
    if (t?.kind === 'number' || t?.kind === 'string') {
      this.at++;
      return true;
    }
    // `DATE '…'`: the word only with its string (a failed literal must not have consumed it: `date a` is no filter).
    if ((this.isWord('DATE') || this.isWord('TIMESTAMP')) && this.peek(1)?.kind === 'string') {
      this.at += 2;
      return true;
    }
    return false;
  }
  private additive(): boolean {
    if (!this.multiplicative()) return false;
    while (this.op('+') || this.op('-')) if (!this.multiplicative()) return false;
    return true;
  }
  private multiplicative(): boolean {
    if (!this.unary()) return false;
    while (this.op('*') || this.op('/')) if (!this.unary()) return false;
    return true;
  }
  private unary(): boolean {
    return this.op('-') ? this.primary() : this.primary();
  }
  private primary(): boolean {
    if (this.literal()) return true;
    if (this.word('NULL') || this.word('TRUE') || this.word('FALSE')) return true;
    if (this.op('(')) return this.expression() && this.op(')');
    const t = this.peek();
    if (t?.kind === 'word' && FUNCTIONS.has(t.upper) && this.isOp('(', 1)) {
      this.at += 2;
      if (t.upper === 'COUNT' && this.op('*')) return this.op(')');
      this.word('DISTINCT');
      return this.expression() && this.op(')');
    }
    // Any other function by a name that is no keyword of either grammar (`lower(status)`, `round(a, 2)`): both
    // grammars read `name(argument, …)` as a call, whatever the name.
    if (t?.kind === 'word' && !t.keyword && this.isOp('(', 1)) {
      this.at += 2;
      do if (!this.expression()) return false;
      while (this.op(','));
      return this.op(')');
    }
    return this.qualifiedName();
  }

  /** `SELECT [DISTINCT] item, … FROM name [AS alias] [WHERE expr] [GROUP BY expr, …]`. */
  query(): boolean {
    if (!this.word('SELECT')) return false;
    this.word('DISTINCT');
    do {
      if (this.op('*')) continue;
      if (!this.expression()) return false;
      if (this.word('AS') && !this.name()) return false;
    } while (this.op(','));
    if (!this.word('FROM') || !this.qualifiedName()) return false;
    if (this.word('AS') && !this.name()) return false;
    if (this.word('WHERE') && !this.expression()) return false;
    if (this.word('GROUP')) {
      if (!this.word('BY')) return false;
      do if (!this.expression()) return false;
      while (this.op(','));
    }
    return true;
  }
}

/** True only when `sql` is inside the subset both grammars accept (so the grammar need not be asked). */
export function isPlainSql(sql: string, kind: EmbeddedSqlKind): boolean {
  if (sql.length > MAX_LENGTH) return false;
  const tokens = tokenize(sql, kind);
  if (!tokens || tokens.length === 0) return false;
  const recognizer = new Recognizer(tokens);
  const recognised = kind === 'filter' ? recognizer.expression() : recognizer.query();
  return recognised && recognizer.done;
}
