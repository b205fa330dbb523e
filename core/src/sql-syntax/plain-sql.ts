/**
 * A fast path for the SQL syntax check: recognises plain filters and queries (comparisons, AND/OR/NOT, IS [NOT] NULL,
 * IS [NOT] DISTINCT FROM, [NOT] IN lists, [NOT] BETWEEN, [NOT] LIKE, arithmetic with `%` and `||`, unary minus,
 * DATE/TIMESTAMP literals, CURRENT_DATE/CURRENT_TIMESTAMP, CASE, CAST to common types, EXTRACT, COUNT/SUM/AVG/MIN/MAX,
 * calls of functions whose name is no keyword such as `lower(x)` or `round(x, 2)` and of a few that are
 * (`coalesce`, `nullif`, …); `SELECT … FROM … [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT n]`) without
 * loading a grammar. Loading dt-sql-parser and its first parse take seconds (most of a
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
  | { kind: 'number'; integer: boolean }
  | { kind: 'string' }
  | { kind: 'op'; text: string };

/** Words the subset uses as syntax (the rest of the keywords are refused). */
const SYNTAX = new Set([
  'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'LIKE', 'TRUE', 'FALSE', 'DATE', 'TIMESTAMP', 'SELECT', 'DISTINCT', 'FROM',
  'WHERE', 'GROUP', 'BY', 'AS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'EXTRACT', 'HAVING', 'ORDER', 'ASC', 'DESC',
  'NULLS', 'FIRST', 'LAST', 'LIMIT', 'CURRENT_DATE', 'CURRENT_TIMESTAMP',
]);
const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
/**
 * Functions whose name is a keyword of a grammar but which both read as a call of one or more arguments (checked
 * one by one against both; `nullif` takes exactly two in PostgreSQL's grammar; `position`, `trim(… FROM …)` and
 * the like have forms of their own and are not here).
 */
const KEYWORD_FUNCTIONS = new Map<string, { min: number; max: number }>([
  ...['COALESCE', 'GREATEST', 'LEAST', 'TRIM', 'IF', 'LEFT', 'RIGHT', 'REPLACE', 'SUBSTRING', 'SUBSTR', 'DATE', 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'DATE_ADD', 'DATEDIFF'].map(
    (name) => [name, { min: 1, max: Infinity }] as const,
  ),
  ['NULLIF', { min: 2, max: 2 }],
]);
/** CAST's type names, with how many integer parameters each may take (`DECIMAL(18, 2)`); `STRING` both accept. */
const CAST_TYPES = new Map([
  ...['INT', 'INTEGER', 'BIGINT', 'SMALLINT', 'DOUBLE', 'FLOAT', 'STRING', 'DATE', 'TIMESTAMP', 'BOOLEAN'].map((name) => [name, 0] as const),
  ['DECIMAL', 2], ['NUMERIC', 2], ['VARCHAR', 1], ['CHAR', 1],
]);
const EXTRACT_FIELDS = new Set(['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const MAX_LENGTH = 2000;

/** The tokens of `sql`, or undefined when it holds anything outside the subset (comments only in queries). */
function tokenize(sql: string, kind: EmbeddedSqlKind): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s+|--[^\n]*|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)(?![A-Za-z0-9_.])|'([^'\\\n]*)'(?!')|(<>|!=|<=|>=|\|\||[=<>+\-*/%(),.])/y;
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
    } else if (number !== undefined) tokens.push({ kind: 'number', integer: !number.includes('.') });
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
    if (t?.kind !== 'word' || t.keyword || AGGREGATES.has(t.upper)) return false;
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
      if (this.word('DISTINCT')) return this.word('FROM') && this.additive();
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
  private integer(): boolean {
    const t = this.peek();
    if (t?.kind !== 'number' || !t.integer) return false;
    this.at++;
    return true;
  }
  private additive(): boolean {
    if (!this.multiplicative()) return false;
    for (;;) {
      if (this.isOp('-') && this.peek(-1)?.kind === 'word' && this.startsCallLike(1)) return false;
      if (!this.op('+') && !this.op('-') && !this.op('||')) return true;
      if (!this.multiplicative()) return false;
    }
  }
  /**
   * Whether a call, a CASE or a typed literal starts `offset` tokens ahead. After a name, Spark's grammar
   * (dt-sql-parser) refuses `a - lower(b)`, `a - COUNT(*) IS NULL`, `a - CASE … END`, `a - DATE '…'` with some tails
   * and not others (it seems to try `a-lower` as one of Spark's hyphenated names); PostgreSQL's accepts them. So a `-`
   * between a name and any of these goes to the grammar, whatever follows.
   */
  private startsCallLike(offset: number): boolean {
    const t = this.peek(offset);
    if (t?.kind !== 'word') return false;
    const next = this.peek(offset + 1);
    return t.upper === 'CASE' || (next?.kind === 'op' && next.text === '(') || next?.kind === 'string';
  }
  private multiplicative(): boolean {
    if (!this.unary()) return false;
    while (this.op('*') || this.op('/') || this.op('%')) if (!this.unary()) return false;
    return true;
  }
  private unary(): boolean {
    return this.op('-') ? this.primary() : this.primary();
  }
  private primary(): boolean {
    if (this.literal()) return true;
    if (this.word('NULL') || this.word('TRUE') || this.word('FALSE')) return true;
    // Without parentheses: `CURRENT_DATE()` is Spark's only.
    if (this.word('CURRENT_DATE') || this.word('CURRENT_TIMESTAMP')) return true;
    if (this.op('(')) return this.expression() && this.op(')');
    if (this.word('CASE')) return this.caseRest();
    if (this.isWord('CAST') && this.isOp('(', 1)) {
      this.at += 2;
      return this.expression() && this.word('AS') && this.castType() && this.op(')');
    }
    // `EXTRACT(YEAR FROM d)`: Spark reads the source as a value expression (no comparison), hence `additive`.
    if (this.isWord('EXTRACT') && this.isOp('(', 1)) {
      this.at += 2;
      const field = this.peek();
      if (field?.kind !== 'word' || !EXTRACT_FIELDS.has(field.upper)) return false;
      this.at++;
      return this.word('FROM') && this.additive() && this.op(')');
    }
    const t = this.peek();
    if (t?.kind === 'word' && AGGREGATES.has(t.upper) && this.isOp('(', 1)) {
      this.at += 2;
      if (t.upper === 'COUNT' && this.op('*')) return this.op(')');
      this.word('DISTINCT');
      return this.expression() && this.op(')');
    }
    const keywordFunction = t?.kind === 'word' ? KEYWORD_FUNCTIONS.get(t.upper) : undefined;
    if (keywordFunction && this.isOp('(', 1)) {
      this.at += 2;
      const count = this.arguments();
      return count >= keywordFunction.min && count <= keywordFunction.max && this.op(')');
    }
    // Any other function by a name that is no keyword of either grammar (`lower(status)`, `round(a, 2)`, `now()`):
    // both grammars read `name(argument, …)` as a call, whatever the name.
    if (t?.kind === 'word' && !t.keyword && this.isOp('(', 1)) {
      this.at += 2;
      return this.arguments() >= 0 && this.op(')');
    }
    return this.qualifiedName();
  }
  /** `argument, …` up to (not including) a `)`: how many, or -1 when one is no expression. */
  private arguments(): number {
    if (this.isOp(')')) return 0;
    let count = 0;
    do {
      if (!this.expression()) return -1;
      count++;
    } while (this.op(','));
    return count;
  }
  /** After `CASE`: `[operand] WHEN … THEN … [WHEN … THEN …] [ELSE …] END`. */
  private caseRest(): boolean {
    if (!this.isWord('WHEN') && !this.expression()) return false; // the simple form's operand
    if (!this.isWord('WHEN')) return false; // at least one WHEN
    while (this.word('WHEN')) if (!this.expression() || !this.word('THEN') || !this.expression()) return false;
    if (this.word('ELSE') && !this.expression()) return false;
    return this.word('END');
  }
  /** A common type name, with its integer parameters where it takes them: `DECIMAL(18, 2)`, `VARCHAR(20)`. */
  private castType(): boolean {
    const t = this.peek();
    const parameters = t?.kind === 'word' ? CAST_TYPES.get(t.upper) : undefined;
    if (parameters === undefined) return false;
    this.at++;
    if (parameters === 0 || !this.op('(')) return true;
    let count = 0;
    do {
      if (!this.integer()) return false;
      count++;
    } while (this.op(','));
    return count <= parameters && this.op(')');
  }

  /** `SELECT [DISTINCT] item, … FROM name [AS alias] [WHERE expr] [GROUP BY expr, …] [HAVING expr] [ORDER BY …] [LIMIT n]`. */
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
    if (this.word('HAVING') && !this.expression()) return false;
    if (this.word('ORDER')) {
      if (!this.word('BY')) return false;
      do {
        if (!this.expression()) return false;
        if (!this.word('ASC')) this.word('DESC');
        if (this.word('NULLS') && !this.word('FIRST') && !this.word('LAST')) return false;
      } while (this.op(','));
    }
    if (this.word('LIMIT') && !this.integer()) return false;
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
