/**
 * A lexer for the Spark SQL that Databricks accepts, enough to split files and rewrite statements for DuckDB:
 * '…' and "…" are string literals with backslash escapes (r'…' raw), `…` is a quoted identifier (`` doubled),
 * `--` and (nestable) `/* *\/` are comments. Positions are kept so a statement's own text can be cut out.
 */
export type TokenKind = 'ws' | 'comment' | 'string' | 'qident' | 'ident' | 'number' | 'op';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Decoded value: the string's content, the identifier's name; for other kinds the text. */
  value: string;
  start: number;
  end: number;
}

export class SparkSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const OPERATORS = ['<=>', '<=', '>=', '<>', '!=', '==', '||', '&&', '::', '->', '=>'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' };

function decodeEscapes(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (/[0-7]/.test(next) && /^[0-7]{3}$/.test(body.slice(i, i + 3))) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if (next === '%' || next === '_') {
      out += `\\${next}`; // kept for LIKE patterns, as Spark does
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string) =>
    tokens.push({ kind, text: sql.slice(start, end), value: value ?? sql.slice(start, end), start, end });
  while (i < sql.length) {
    const start = i;
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      while (i < sql.length && /\s/.test(sql[i]!)) i++;
      push('ws', start, i);
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      push('comment', start, i);
    } else if (ch === '/' && sql[i + 1] === '*') {
      let depth = 0;
      while (i < sql.length) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth !== 0) throw new SparkSyntaxError('Unclosed bracketed comment', start);
      push('comment', start, i);
    } else if ((ch === 'r' || ch === 'R') && (sql[i + 1] === "'" || sql[i + 1] === '"')) {
      const quote = sql[i + 1]!;
      const close = sql.indexOf(quote, i + 2);
      if (close < 0) throw new SparkSyntaxError('Unclosed string literal', start);
      i = close + 1;
      push('string', start, i, sql.slice(start + 2, close));
    } else if (ch === "'" || ch === '"') {
      i++;
      while (i < sql.length && sql[i] !== ch) i += sql[i] === '\\' ? 2 : 1;
      if (i >= sql.length) throw new SparkSyntaxError('Unclosed string literal', start);
      i++;
      push('string', start, i, decodeEscapes(sql.slice(start + 1, i - 1)));
    } else if (ch === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= sql.length) throw new SparkSyntaxError('Unclosed quoted identifier', start);
        if (sql[i] === '`') {
          if (sql[i + 1] === '`') {
            name += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += sql[i++];
      }
      push('qident', start, i, name);
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      if (sql[i] === '.' && /[0-9eE]/.test(sql[i + 1] ?? '') || (sql[i] === '.' && !/[A-Za-z_]/.test(sql[i + 1] ?? ''))) {
        i++;
        while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      }
      if (/[eE]/.test(sql[i] ?? '') && /[-+0-9]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      }
      const suffix = /^(BD|bd|[LlSsYyDdFf])(?![A-Za-z0-9_])/.exec(sql.slice(i));
      if (suffix) i += suffix[0].length;
      if (/[A-Za-z_]/.test(sql[i] ?? '')) {
        // 1a is an identifier in Spark (e.g. a column named 1st); keep it whole
        while (i < sql.length && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
        push('ident', start, i);
      } else push('number', start, i);
    } else if (/[\p{L}_]/u.test(ch)) {
      while (i < sql.length && /[\p{L}\p{N}_]/u.test(sql[i]!)) i++;
      push('ident', start, i);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      i += op ? op.length : 1;
      push('op', start, i);
    }
  }
  return tokens;
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function significant(t: Token): boolean {
  return t.kind !== 'ws' && t.kind !== 'comment';
}

export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return !!t && t.kind === 'ident' && words.includes(t.value.toUpperCase());
}
