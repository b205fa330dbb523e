/**
 * A fast path for the SQL syntax check: recognises the SQL pacts hold (filters and custom queries) without loading a
 * grammar. Loading dt-sql-parser and its first parse take seconds (most of a `datapact validate --offline`), while
 * most pacts' SQL is inside this subset:
 * - expressions: comparisons, AND/OR/NOT, IS [NOT] NULL, IS [NOT] DISTINCT FROM, [NOT] IN (literals or a query),
 *   [NOT] BETWEEN, [NOT] LIKE, EXISTS (query), scalar subqueries, arithmetic with `%` and `||`, unary minus,
 *   DATE/TIMESTAMP/INTERVAL literals, CURRENT_DATE/CURRENT_TIMESTAMP, CASE, CAST and `::` to common types, EXTRACT,
 *   COUNT/SUM/AVG/MIN/MAX (with FILTER (WHERE …)), calls of functions whose name is no keyword such as `lower(x)`,
 *   `row_number()` or `round(x, 2)` and of a few that are (`coalesce`, `nullif`, …), window functions
 *   (`OVER (PARTITION BY … ORDER BY … ROWS BETWEEN …)`);
 * - queries: `[WITH name AS (…), …] SELECT [DISTINCT] … FROM tables, joins (INNER/LEFT/RIGHT/FULL [OUTER] … ON/USING,
 *   CROSS) and subqueries [WHERE …] [GROUP BY …] [HAVING …]`, joined by UNION/EXCEPT/INTERSECT [ALL|DISTINCT],
 *   `[ORDER BY …] [LIMIT n]`;
 * - comments, strings with `''` or `\` escapes, and the dialect's quoted names (backticks on Databricks, double
 *   quotes on DuckDB).
 * It never guesses: it answers "valid" only for text inside its subset, where the dialect's grammar accepts it — every
 * word that is a keyword of either grammar's lexer is refused as a name (sql-keywords.generated.ts) — and anything else
 * (including every error) goes to the grammar, which gives the message. test/unit/sql-plain-path.test.ts checks that
 * the grammars accept all it accepts (generated and random SQL) and that the keyword list is the lexers'.
 */
import type { EmbeddedSqlKind } from './check-sql-syntax';
import { SQL_KEYWORDS, SQL_NAME_KEYWORDS } from './sql-keywords.generated';

type Token =
  /** `keyword`: a keyword of either grammar (or the subset's syntax); `name`: usable as a name (see `nameWord`). */
  | { kind: 'word'; upper: string; keyword: boolean; name: boolean }
  | { kind: 'number'; integer: boolean }
  /** `joined`: it holds `''`, which Spark reads as two strings side by side (no typed literal or LIKE pattern). */
  | { kind: 'string'; joined: boolean }
  | { kind: 'op'; text: string };

/** Words the subset uses as syntax (the rest of the keywords are refused). */
const SYNTAX = new Set([
  'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'BETWEEN', 'LIKE', 'TRUE', 'FALSE', 'DATE', 'TIMESTAMP', 'INTERVAL', 'SELECT', 'DISTINCT',
  'FROM', 'WHERE', 'GROUP', 'BY', 'AS', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'EXTRACT', 'HAVING', 'ORDER', 'ASC',
  'DESC', 'NULLS', 'FIRST', 'LAST', 'LIMIT', 'CURRENT_DATE', 'CURRENT_TIMESTAMP', 'EXISTS', 'WITH', 'UNION', 'EXCEPT',
  'INTERSECT', 'ALL', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'ON', 'USING', 'OVER', 'PARTITION',
  'ROWS', 'RANGE', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW', 'FILTER',
]);
const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
/** Clause words of the engines that the grammars predate (they read them as names): never a name here. */
const ENGINE_CLAUSES = new Set(['QUALIFY']);
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
/** An INTERVAL literal's unit after its string (`INTERVAL '7' DAY`); plural units and `INTERVAL 7 DAY` are Spark's only. */
const INTERVAL_UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const MAX_LENGTH = 20_000;

/**
 * One token of the subset a match: whitespace; a `--` comment; a `/* … *\/` comment (not nested, no `/*+` hint);
 * a word; a number; a string (`''` and `\x` escapes, no `\'`: the two grammars end such a string at different
 * quotes); a backtick- or double-quoted name; an operator.
 */
const TOKEN =
  /\s+|(--[^\n]*)|\/\*(?!\+)(?:[^*/]|\*(?!\/)|\/(?!\*))*\*\/|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)(?![A-Za-z0-9_.])|'((?:[^'\\\n]|''|\\[^'\n])*)'(?!')|(`(?:[^`\n]|``)+`(?!`)|"(?:[^"\n]|"")+"(?!"))|(<>|!=|<=|>=|\|\||::|[=<>+\-*/%(),.])/y;

/**
 * Whether a word can be a name: no keyword, or a keyword both grammars read as a name wherever the subset has one
 * (`name`, `type`, `year`, `main` on DuckDB; SQL_NAME_KEYWORDS), but never a word of the subset's own syntax or an
 * aggregate's name.
 */
function nameWord(upper: string, keyword: boolean): boolean {
  if (SYNTAX.has(upper) || AGGREGATES.has(upper) || ENGINE_CLAUSES.has(upper)) return false;
  return !keyword || SQL_NAME_KEYWORDS.has(upper);
}

/** The tokens of `sql`, or undefined when it holds anything outside the subset. */
function tokenize(sql: string, nameQuote: '`' | '"'): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < sql.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(sql);
    if (!m) return undefined;
    at = TOKEN.lastIndex;
    const [, lineComment, word, number, string, quotedName, op] = m;
    if (word !== undefined) {
      const upper = word.toUpperCase();
      const keyword = SQL_KEYWORDS.has(upper) || SYNTAX.has(upper);
      tokens.push({ kind: 'word', upper, keyword, name: nameWord(upper, keyword) });
    } else if (number !== undefined) tokens.push({ kind: 'number', integer: !number.includes('.') });
    else if (string !== undefined) tokens.push({ kind: 'string', joined: string.includes("''") });
    else if (quotedName !== undefined) {
      // Quoted the other way it is no name here (Spark reads "x" as a string, PostgreSQL refuses `x`).
      if (!quotedName.startsWith(nameQuote)) return undefined;
      tokens.push({ kind: 'word', upper: quotedName, keyword: false, name: true });
    } else if (op !== undefined) tokens.push({ kind: 'op', text: op });
    // Spark's lexer carries a `--` comment over a line that ends with `\`; PostgreSQL's does not.
    else if (lineComment?.endsWith('\\')) return undefined;
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
  /** Whether a query (`SELECT …`, `WITH …`) starts `offset` tokens ahead. */
  private startsQuery(offset = 0): boolean {
    return this.isWord('SELECT', offset) || this.isWord('WITH', offset);
  }

  /** A name: no keyword of either grammar, or one both read as a name (see `nameWord`). */
  private name(): boolean {
    const t = this.peek();
    if (t?.kind !== 'word' || !t.name) return false;
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
  /** `name, …` inside parentheses (USING's columns). */
  private nameList(): boolean {
    if (!this.op('(')) return false;
    do if (!this.name()) return false;
    while (this.op(','));
    return this.op(')');
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
    if (this.isWord('EXISTS') && this.isOp('(', 1) && this.startsQuery(2)) {
      this.at += 2;
      return this.statement() && this.op(')');
    }
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
    if (this.word('IN')) {
      if (this.isOp('(') && this.startsQuery(1)) {
        this.at++;
        return this.statement() && this.op(')');
      }
      return this.literalList();
    }
    if (this.word('BETWEEN')) return this.additive() && this.word('AND') && this.additive();
    if (this.word('LIKE')) {
      if (!this.isString()) return false;
      this.at++;
      return true;
    }
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
  /** Whether one string (not two side by side: see `joined`) is `offset` tokens ahead. */
  private isString(offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'string' && !t.joined;
  }
  private literal(): boolean {
    const t = this.peek();
    if (t?.kind === 'number' || t?.kind === 'string') {
      this.at++;
      return true;
    }
    // `DATE '…'`: the word only with its string (a failed literal must not have consumed it: `date a` is no filter).
    if ((this.isWord('DATE') || this.isWord('TIMESTAMP')) && this.isString(1)) {
      this.at += 2;
      return true;
    }
    // `INTERVAL '7 days'`, `INTERVAL '7' DAY`.
    if (this.isWord('INTERVAL') && this.isString(1)) {
      this.at += 2;
      const unit = this.peek();
      if (unit?.kind === 'word' && INTERVAL_UNITS.has(unit.upper)) this.at++;
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
      const before = this.peek(-1);
      if (this.isOp('-') && before?.kind === 'word' && before.name && this.startsCallLike(1)) return false;
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
    return this.op('-') ? this.postfix() : this.postfix();
  }
  /** A primary with its `::type` casts (PostgreSQL's, and Databricks' documented operator). */
  private postfix(): boolean {
    if (!this.primary()) return false;
    while (this.op('::')) if (!this.castType()) return false;
    return true;
  }
  private primary(): boolean {
    if (this.literal()) return true;
    if (this.word('NULL') || this.word('TRUE') || this.word('FALSE')) return true;
    // Without parentheses: `CURRENT_DATE()` is Spark's only.
    if (this.word('CURRENT_DATE') || this.word('CURRENT_TIMESTAMP')) return true;
    if (this.op('(')) return (this.startsQuery() ? this.statement() : this.expression()) && this.op(')');
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
      if (t.upper === 'COUNT' && this.op('*')) return this.op(')') && this.aggregateTail();
      this.word('DISTINCT');
      return this.expression() && this.op(')') && this.aggregateTail();
    }
    const keywordFunction = t?.kind === 'word' ? KEYWORD_FUNCTIONS.get(t.upper) : undefined;
    if (keywordFunction && this.isOp('(', 1)) {
      this.at += 2;
      const count = this.arguments();
      return count >= keywordFunction.min && count <= keywordFunction.max && this.op(')');
    }
    // Any other function by a name that is no keyword of either grammar (`lower(status)`, `round(a, 2)`, `now()`,
    // `row_number()`): both grammars read `name(argument, …)` as a call, whatever the name, and take a window after it.
    if (t?.kind === 'word' && !t.keyword && this.isOp('(', 1)) {
      this.at += 2;
      return this.arguments() >= 0 && this.op(')') && (!this.isWord('OVER') || this.window());
    }
    return this.qualifiedName();
  }
  /** After an aggregate's `)`: `FILTER (WHERE …)`, then a window. */
  private aggregateTail(): boolean {
    if (this.isWord('FILTER') && this.isOp('(', 1)) {
      this.at += 2;
      if (!this.word('WHERE') || !this.expression() || !this.op(')')) return false;
    }
    return !this.isWord('OVER') || this.window();
  }
  /** `OVER ([PARTITION BY …] [ORDER BY …] [ROWS|RANGE frame])`. */
  private window(): boolean {
    if (!this.word('OVER') || !this.op('(')) return false;
    if (this.word('PARTITION')) {
      if (!this.word('BY')) return false;
      do if (!this.expression()) return false;
      while (this.op(','));
    }
    if (this.isWord('ORDER') && !this.orderBy()) return false;
    if (this.word('ROWS') || this.word('RANGE')) {
      if (this.word('BETWEEN')) {
        if (!this.frameBound() || !this.word('AND') || !this.frameBound()) return false;
      } else if (!this.frameBound()) return false;
    }
    return this.op(')');
  }
  /** `UNBOUNDED PRECEDING|FOLLOWING`, `CURRENT ROW`, `n PRECEDING|FOLLOWING`. */
  private frameBound(): boolean {
    if (this.word('CURRENT')) return this.word('ROW');
    if (!this.word('UNBOUNDED') && !this.integer()) return false;
    return this.word('PRECEDING') || this.word('FOLLOWING');
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
  /** `ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], …`. */
  private orderBy(): boolean {
    if (!this.word('ORDER') || !this.word('BY')) return false;
    do {
      if (!this.expression()) return false;
      if (!this.word('ASC')) this.word('DESC');
      if (this.word('NULLS') && !this.word('FIRST') && !this.word('LAST')) return false;
    } while (this.op(','));
    return true;
  }

  /** `[WITH name AS (statement), …] select {UNION|EXCEPT|INTERSECT [ALL|DISTINCT] select} [ORDER BY …] [LIMIT n]`. */
  statement(): boolean {
    if (this.word('WITH')) {
      do if (!this.name() || !this.word('AS') || !this.op('(') || !this.statement() || !this.op(')')) return false;
      while (this.op(','));
    }
    if (!this.select()) return false;
    while (this.word('UNION') || this.word('EXCEPT') || this.word('INTERSECT')) {
      if (!this.word('ALL')) this.word('DISTINCT');
      if (!this.select()) return false;
    }
    if (this.isWord('ORDER') && !this.orderBy()) return false;
    if (this.word('LIMIT') && !this.integer()) return false;
    return true;
  }
  /** `SELECT [DISTINCT] item, … FROM source, … [WHERE expr] [GROUP BY expr, …] [HAVING expr]`. */
  private select(): boolean {
    if (!this.word('SELECT')) return false;
    this.word('DISTINCT');
    do if (!this.selectItem()) return false;
    while (this.op(','));
    if (!this.word('FROM')) return false;
    do if (!this.source()) return false;
    while (this.op(','));
    if (this.word('WHERE') && !this.expression()) return false;
    if (this.word('GROUP')) {
      if (!this.word('BY')) return false;
      do if (!this.expression()) return false;
      while (this.op(','));
    }
    if (this.word('HAVING') && !this.expression()) return false;
    return true;
  }
  /** `*`, `t.*`, or an expression with an optional alias (`AS n` or `n`). */
  private selectItem(): boolean {
    if (this.op('*')) return true;
    if (this.qualifiedStar()) return true;
    if (!this.expression()) return false;
    return this.word('AS') ? this.name() : (this.name(), true);
  }
  /** `a.*`, `a.b.*` (the position is kept when it is not one). */
  private qualifiedStar(): boolean {
    const from = this.at;
    let parts = 0;
    while (parts < 3 && this.name()) {
      parts++;
      if (!this.op('.')) break;
      if (this.op('*')) return true;
    }
    this.at = from;
    return false;
  }
  /** A table or subquery with its joins. */
  private source(): boolean {
    if (!this.tablePrimary()) return false;
    for (;;) {
      if (this.word('CROSS')) {
        if (!this.word('JOIN') || !this.tablePrimary()) return false;
        continue;
      }
      const from = this.at;
      if (this.word('LEFT') || this.word('RIGHT') || this.word('FULL')) this.word('OUTER');
      else this.word('INNER');
      if (!this.word('JOIN')) {
        this.at = from; // no join: what follows is the caller's (`,`, WHERE, …) or not SQL of the subset
        return true;
      }
      if (!this.tablePrimary()) return false;
      if (this.word('ON')) {
        if (!this.expression()) return false;
      } else if (!this.word('USING') || !this.nameList()) return false;
    }
  }
  /** `name [[AS] alias]` or `(statement) [AS] alias`. */
  private tablePrimary(): boolean {
    if (this.op('(')) {
      if (!this.startsQuery() || !this.statement() || !this.op(')')) return false;
      this.word('AS');
      return this.name();
    }
    if (!this.qualifiedName()) return false;
    return this.word('AS') ? this.name() : (this.name(), true);
  }
}

/**
 * True only when `sql` is inside the subset, which the dialect's grammar accepts (so it need not be asked);
 * `nameQuote` is the dialect's (its `syntaxCheck`).
 */
export function isPlainSql(sql: string, kind: EmbeddedSqlKind, nameQuote: '`' | '"'): boolean {
  if (sql.length > MAX_LENGTH) return false;
  const tokens = tokenize(sql, nameQuote);
  if (!tokens || tokens.length === 0) return false;
  const recognizer = new Recognizer(tokens);
  const recognised = kind === 'filter' ? recognizer.expression() : recognizer.statement();
  return recognised && recognizer.done;
}
