/**
 * Databricks SQL → DuckDB, at the token level: the lexer's tokens are grouped by brackets into a small tree, and
 * rules rewrite identifiers, literals, operators, types and the functions DataPact emits (each function either has
 * a DuckDB twin, a macro installed by the engine, or a rewrite here). Session statements (variables, USE, catalogs)
 * come back as plans the engine carries out. Anything unknown passes through unchanged, so DuckDB decides and a
 * failure is reported as the statement's error, never papered over.
 */
import { significant, SparkSyntaxError, type Token, tokenize } from './spark-lexer';
import { SqlError } from './sql-error';
import { readSparkType, type TypeCursor } from './spark-types';
import { rewriteCall, type Translation } from './function-rewrites';
import { buildTree, duckIdent, duckString, isGroup, isName, isOp, isTok, type Node, splitArgs, wordOf } from './token-tree';

export { duckIdent, duckString } from './token-tree';

export interface BoundParameter {
  value: string | null;
  /** Spark type text, default STRING. */
  type: string;
}

export interface TranslateContext {
  /** `:name` values of a Statement Execution call; undefined where markers are never bound (SQL file tasks). */
  parameters?: ReadonlyMap<string, BoundParameter>;
  /** Session variables declared so far (lower case). */
  variables: ReadonlySet<string>;
  /** Databricks catalog name → the DuckDB database holding it. */
  catalogName(name: string): string;
  /** The user name current_user() returns. */
  userName: string;
  /** `<catalog>.information_schema.<view>` (catalog undefined: the session's) as a parenthesised DuckDB query. */
  informationSchema?(catalog: string | undefined, view: string): string;
}

export interface PrimaryKey {
  name: string;
  columns: string[];
}

export type Plan =
  | { kind: 'query'; sql: string }
  | { kind: 'script'; sqls: string[] }
  | { kind: 'declare'; name: string; replace: boolean; type: string | undefined; valueSql: string | undefined }
  | { kind: 'set-exprs'; assigns: Array<{ name: string; valueSql: string }> }
  | { kind: 'set-query'; names: string[]; querySql: string }
  | { kind: 'drop-variable'; name: string; ifExists: boolean }
  | { kind: 'use'; parts: string[]; what: 'catalog' | 'schema' | 'any' }
  | { kind: 'create-catalog'; name: string; ifNotExists: boolean }
  | { kind: 'drop-catalog'; name: string; ifExists: boolean }
  | { kind: 'create-table'; sql: string; table: string[]; primaryKey: PrimaryKey | undefined; comment: string | undefined }
  | { kind: 'add-primary-key'; table: string[]; primaryKey: PrimaryKey }
  | { kind: 'describe'; table: string[] }
  | { kind: 'noop'; what: string };


/** Spark's typed timestamp literals (`TIMESTAMP_NTZ'…'`) and the DuckDB type that holds their kind of value. */
const TYPED_TIMESTAMP_LITERALS: Record<string, string> = { TIMESTAMP: 'TIMESTAMPTZ', TIMESTAMP_LTZ: 'TIMESTAMPTZ', TIMESTAMP_NTZ: 'TIMESTAMP' };

/** Words after which `:name` is a parameter marker rather than a VARIANT path on the value before it. */
const EXPRESSION_STARTERS = new Set(
  'SELECT WHERE AND OR NOT ON THEN ELSE WHEN CASE BY IN IS LIKE ILIKE RLIKE BETWEEN SET VALUES HAVING LIMIT OFFSET DEFAULT RETURN DISTINCT ALL ANY SOME EXISTS INTERVAL AS TABLE IDENTIFIER'.split(' '),
);

/** Reserved words that are never a variable reference. */
const KEYWORDS = new Set(
  'SELECT FROM WHERE AND OR NOT ON THEN ELSE WHEN CASE END BY IN IS NULL TRUE FALSE LIKE ILIKE BETWEEN SET VALUES HAVING LIMIT OFFSET DEFAULT AS JOIN LEFT RIGHT FULL OUTER INNER CROSS GROUP ORDER UNION EXCEPT INTERSECT ALL DISTINCT WITH INSERT INTO TABLE CREATE'.split(' '),
);

/** Words that may follow a table name and are not its alias. */
const CLAUSE_WORDS = new Set('WHERE GROUP ORDER LIMIT HAVING JOIN LEFT RIGHT FULL INNER CROSS UNION EXCEPT INTERSECT ON USING WINDOW QUALIFY NATURAL ANTI SEMI LATERAL PIVOT UNPIVOT TABLESAMPLE MINUS'.split(' '));

/** Reserved DuckDB database names a Databricks catalog may carry. */
const RESERVED_CATALOGS = new Set(['main', 'system', 'temp']);

export function defaultCatalogName(name: string): string {
  return RESERVED_CATALOGS.has(name.toLowerCase()) ? `dbx_${name.toLowerCase()}` : name;
}

// ---------------------------------------------------------------------------------------------------- translator


class Translator implements Translation {
  /** True when a SELECT list of the statement repeats an alias (then to_json reads duplicate marks back). */
  readonly duplicateAliases: boolean;

  constructor(
    readonly ctx: TranslateContext,
    statement: Node[] = [],
  ) {
    const repeats = (nodes: Node[]): boolean => markDuplicateAliases(nodes) !== nodes || nodes.some((n) => n.t === 'group' && repeats(n.items));
    this.duplicateAliases = repeats(statement);
  }

  /** Translates a node list into DuckDB text. */
  emit(input: Node[]): string {
    const nodes = markDuplicateAliases(input);
    const out: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const next = nodes[i + 1];
      if (n.t === 'group') {
        out.push(this.group(n));
        continue;
      }
      const tok = n.tok;
      const word = tok.kind === 'ident' ? tok.value.toUpperCase() : undefined;
      if (word === 'LATERAL' && wordOf(next) === 'VIEW') {
        const [sql, end] = this.lateralView(nodes, i);
        out.push(sql);
        i = end - 1;
        continue;
      }
      // function calls
      if (tok.kind === 'ident' && isGroup(next) && !KEYWORDS.has(word!) && !isOp(nodes[i - 1], '.')) {
        out.push(this.call(tok.value, next, nodes, i));
        i++;
        continue;
      }
      // name chains: a.b.c, `a`.`b`.*
      if (isName(n) && isOp(next, '.')) {
        const parts: string[] = [tok.kind === 'qident' ? tok.value : tok.value];
        const quoted: boolean[] = [tok.kind === 'qident'];
        let j = i;
        while (isOp(nodes[j + 1], '.') && (isName(nodes[j + 2]) || isOp(nodes[j + 2], '*'))) {
          const part = nodes[j + 2] as { t: 'tok'; tok: Token };
          parts.push(part.tok.value);
          quoted.push(part.tok.kind === 'qident');
          j += 2;
        }
        const info = this.ctx.informationSchema;
        const infoView =
          info && parts.length === 3 && parts[1]!.toLowerCase() === 'information_schema'
            ? info(parts[0], parts[2]!)
            : info && parts.length === 2 && parts[0]!.toLowerCase() === 'information_schema'
              ? info(undefined, parts[1]!)
              : undefined;
        if (infoView) {
          const after = nodes[j + 1];
          const aliased = wordOf(after) === 'AS' || (isName(after) && !KEYWORDS.has(wordOf(after) ?? '') && !CLAUSE_WORDS.has(wordOf(after) ?? ''));
          out.push(aliased ? infoView : `${infoView} AS ${duckIdent(parts[parts.length - 1]!)}`);
          i = j;
          continue;
        }
        if (parts.length > 1) {
          if (parts.length >= 3) parts[0] = this.ctx.catalogName(parts[0]!);
          out.push(parts.map((p, k) => (p === '*' && !quoted[k] ? '*' : duckIdent(p))).join('.'));
          i = j;
          continue;
        }
      }
      if (tok.kind === 'qident') {
        out.push(duckIdent(tok.value));
        continue;
      }
      if (tok.kind === 'string') {
        let value = tok.value;
        while (isTok(nodes[i + 1]) && (nodes[i + 1] as { tok: Token }).tok.kind === 'string') value += (nodes[++i] as { tok: Token }).tok.value;
        out.push(duckString(value));
        continue;
      }
      if (tok.kind === 'number') {
        out.push(this.number(tok.text));
        continue;
      }
      if (tok.kind === 'op') {
        const adjacent = next !== undefined && (next.t === 'tok' ? next.tok.start === tok.end && next.tok.kind !== 'op' : next.open === '[' && next.tokStart === tok.end);
        if (tok.text === ':' && adjacent) {
          const prev = nodes[i - 1];
          const prevWord = wordOf(prev);
          const isMarker = !prev || (isTok(prev) && prev.tok.kind === 'op' && !/^[)\]]$/.test(prev.tok.text)) || (prevWord !== undefined && EXPRESSION_STARTERS.has(prevWord));
          if (isMarker && next.t === 'tok' && next.tok.kind === 'ident') {
            out.push(this.parameter(next.tok.value));
            i++;
            continue;
          }
          // a VARIANT path on the value before it: v:a.b[0]['c d']
          const operand = out.pop();
          if (operand === undefined) throw new SqlError('PARSE_SYNTAX_ERROR', "Syntax error at or near ':'.", '42601');
          let path = '$';
          let k = i + 1;
          const key = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `.${JSON.stringify(name)}`);
          if (isName(nodes[k])) path += key((nodes[k++] as { tok: Token }).tok.value);
          for (;;) {
            const seg = nodes[k];
            if (isOp(seg, '.') && isName(nodes[k + 1])) {
              path += key((nodes[k + 1] as { tok: Token }).tok.value);
              k += 2;
            } else if (isGroup(seg, '[') && seg.items.length === 1 && isTok(seg.items[0])) {
              const inner = seg.items[0].tok;
              if (inner.kind === 'number') path += `[${inner.text}]`;
              else if (inner.kind === 'string') path += key(inner.value);
              else break;
              k++;
            } else break;
          }
          out.push(`json_extract(${operand}, ${duckString(path)})`);
          i = k - 1;
          continue;
        }
        if (tok.text === '<=>') out.push('IS NOT DISTINCT FROM');
        else if (tok.text === '==') out.push('=');
        else if (tok.text === '!') out.push('NOT');
        else if (tok.text === '&&') out.push('AND');
        else if (tok.text === '::') {
          const [type, end] = this.typeAt(nodes, i + 1);
          out.push(castVariant(out.pop() ?? '', type));
          i = end - 1;
        } else out.push(tok.text);
        continue;
      }
      // words
      if (word === 'DIV') out.push('//');
      else if (word === 'CURRENT_TIMESTAMP') out.push('get_current_timestamp()');
      else if (word && TYPED_TIMESTAMP_LITERALS[word] && isTok(next) && next.tok.kind === 'string') out.push(TYPED_TIMESTAMP_LITERALS[word]!);
      else if (word === 'MINUS') out.push('EXCEPT');
      else if (word && this.ctx.variables.has(tok.value.toLowerCase()) && !isOp(nodes[i - 1], '.') && !isOp(next, '.') && wordOf(nodes[i - 1]) !== 'AS')
        out.push(`getvariable(${duckString(tok.value.toLowerCase())})`);
      else out.push(tok.text);
    }
    return out.join(' ');
  }

  /**
   * `LATERAL VIEW [OUTER] explode(e) alias [AS] k, v` (a map) or `… alias [AS] c` (an array) → a DuckDB lateral
   * join unnesting e. The column names say which: the emulator has no types at this level, so a view without them
   * (Spark names them col / key, value by e's type) and generators other than explode are refused, not guessed.
   */
  private lateralView(nodes: Node[], at: number): [string, number] {
    let k = at + 2;
    const outer = wordOf(nodes[k]) === 'OUTER';
    if (outer) k++;
    const generator = nodes[k];
    const args = nodes[k + 1];
    if (!isName(generator) || !isGroup(args)) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in LATERAL VIEW: a generator function call is expected.', '42601');
    const fn = (generator as { tok: Token }).tok.value.toLowerCase();
    if (fn !== 'explode') throw new SqlError('UNSUPPORTED_FEATURE', `LATERAL VIEW ${fn}(…) is not supported by the workspace emulator (only explode).`, '0A000');
    k += 2;
    const alias = nodes[k];
    if (!isName(alias) || KEYWORDS.has(wordOf(alias) ?? '') || CLAUSE_WORDS.has(wordOf(alias) ?? ''))
      throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in LATERAL VIEW: a table alias is expected after the generator.', '42601');
    k++;
    if (wordOf(nodes[k]) === 'AS') k++;
    const columns: string[] = [];
    while (isName(nodes[k]) && !KEYWORDS.has(wordOf(nodes[k]) ?? '') && !CLAUSE_WORDS.has(wordOf(nodes[k]) ?? '')) {
      columns.push((nodes[k] as { tok: Token }).tok.value);
      k++;
      if (!isOp(nodes[k], ',')) break;
      k++;
    }
    const value = this.emit(args.items);
    const unnest =
      columns.length === 2
        ? `unnest(map_keys(${value})) AS ${duckIdent(columns[0]!)}, unnest(map_values(${value})) AS ${duckIdent(columns[1]!)}`
        : columns.length === 1
          ? `unnest(${value}) AS ${duckIdent(columns[0]!)}`
          : undefined;
    if (!unnest) throw new SqlError('UNSUPPORTED_FEATURE', 'LATERAL VIEW explode without column names (or with more than two) is not supported by the workspace emulator: name them (AS key, value for a map; AS col for an array).', '0A000');
    const name = duckIdent((alias as { tok: Token }).tok.value);
    const sql = outer ? `LEFT JOIN LATERAL (SELECT ${unnest}) AS ${name} ON true` : `CROSS JOIN LATERAL (SELECT ${unnest}) AS ${name}`;
    return [sql, k];
  }

  private group(g: Extract<Node, { t: 'group' }>): string {
    return g.open === '(' ? `(${this.emit(g.items)})` : `[${this.emit(g.items)}]`;
  }

  private number(text: string): string {
    const m = /^([0-9.eE+-]+)(BD|bd|[LlSsYyDdFf])?$/.exec(text);
    if (!m || !m[2]) return text;
    const types: Record<string, string> = { L: 'BIGINT', S: 'SMALLINT', Y: 'TINYINT', D: 'DOUBLE', F: 'FLOAT', BD: 'DECIMAL(38, 18)' };
    const suffix = m[2].toUpperCase();
    if (suffix === 'BD') {
      const [int = '', frac = ''] = m[1]!.split('.');
      return `CAST(${m[1]} AS DECIMAL(${Math.max(int.length + frac.length, 1)}, ${frac.length}))`;
    }
    return `CAST(${m[1]} AS ${types[suffix]})`;
  }

  private parameter(name: string): string {
    const bound = this.ctx.parameters?.get(name);
    if (!bound)
      throw new SqlError(
        'UNBOUND_SQL_PARAMETER',
        `Found the unbound parameter: ${name}. Please, fix \`args\` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as \`map()\`, \`array()\`, \`struct()\`.`,
        '42P02',
      );
    const type = this.typeText(bound.type || 'STRING');
    return bound.value === null ? `CAST(NULL AS ${type})` : `CAST(${duckString(bound.value)} AS ${type})`;
  }

  /** A Spark type written as text (parameter types) → DuckDB. */
  typeText(text: string): string {
    const nodes = buildTree(tokenize(text).filter(significant));
    const [type, end] = this.typeAt(nodes, 0);
    if (end !== nodes.length) throw new SqlError('INVALID_PARAMETER_VALUE', `Unsupported type ${text}.`, '22023');
    return type;
  }

  /** Reads a Spark type starting at nodes[i]; returns its DuckDB text and the index after it. */
  typeAt(nodes: Node[], i: number): [string, number] {
    // Flatten the nodes from i into a token-ish cursor (DECIMAL(10,2) arrives as a word and a group).
    const flat: Array<{ kind: string; value: string; index: number }> = [];
    const flatten = (n: Node, index: number) => {
      if (n.t === 'tok') flat.push({ kind: n.tok.kind, value: n.tok.value, index });
      else {
        flat.push({ kind: 'op', value: n.open, index });
        for (const c of n.items) flatten(c, index);
        flat.push({ kind: 'op', value: n.open === '(' ? ')' : ']', index });
      }
    };
    for (let k = i; k < nodes.length; k++) flatten(nodes[k]!, k);
    let pos = 0;
    const cursor: TypeCursor = {
      peek: (o = 0) => flat[pos + o],
      next: () => {
        const t = flat[pos++];
        if (!t) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error at or near end of input: a type was expected.', '42601');
        return t;
      },
    };
    const type = readSparkType(cursor);
    const last = flat[pos - 1]!;
    return [type, last.index + 1];
  }

  private call(name: string, group: Extract<Node, { t: 'group' }>, nodes: Node[], at: number): string {
    return rewriteCall(this, name, group, nodes, at);
  }
}

/** `expr::type`; a VARIANT path read as a string is its JSON string's content (json_extract_string), as in Spark. */
/** Words that end a SELECT list at its level. */
const SELECT_LIST_END = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'WINDOW']);

/** The node list with each repeated `AS alias` of one SELECT list renamed `alias#dp_dupN` (see DUPLICATE_MARK). */
function markDuplicateAliases(nodes: Node[]): Node[] {
  let out: Node[] | undefined;
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const word = wordOf(nodes[i]);
    if (word === 'SELECT') seen = new Map();
    else if (word !== undefined && SELECT_LIST_END.has(word)) seen = undefined;
    else if (seen && word === 'AS' && isName(nodes[i + 1])) {
      const alias = nodes[i + 1] as { t: 'tok'; tok: Token };
      const key = alias.tok.value.toLowerCase();
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      if (count > 0) {
        out ??= [...nodes];
        const value = `${alias.tok.value}#dp_dup${count}`;
        out[i + 1] = { t: 'tok', tok: { ...alias.tok, kind: 'qident', value, text: `\`${value}\`` } };
      }
    }
  }
  return out ?? nodes;
}

function castVariant(expr: string, type: string): string {
  if (type === 'VARCHAR' && /^json_extract\(.*\)$/s.test(expr)) return `CAST(${expr.replace(/^json_extract\(/, 'json_extract_string(')} AS VARCHAR)`;
  if (type === 'VARCHAR') return `dp_cast_string(${expr})`;
  return `CAST(${expr} AS ${type})`;
}

// ---------------------------------------------------------------------------------------------------- statements

function nameParts(nodes: Node[], from: number): [string[], number] {
  const parts: string[] = [];
  let i = from;
  if (wordOf(nodes[i]) === 'IDENTIFIER' && isGroup(nodes[i + 1])) {
    const g = nodes[i + 1] as Extract<Node, { t: 'group' }>;
    const text = g.items
      .filter((n) => isTok(n) && n.tok.kind === 'string')
      .map((n) => (n as { tok: Token }).tok.value)
      .join('');
    return [
      tokenize(text)
        .filter(significant)
        .filter((t) => !(t.kind === 'op' && t.text === '.'))
        .map((t) => t.value),
      i + 2,
    ];
  }
  while (isName(nodes[i])) {
    parts.push((nodes[i] as { tok: Token }).tok.value);
    if (isOp(nodes[i + 1], '.')) i += 2;
    else {
      i++;
      break;
    }
  }
  if (parts.length === 0) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error: a name was expected.', '42601');
  return [parts, i];
}

const NOOP_STATEMENTS = ['COMMENT', 'OPTIMIZE', 'VACUUM', 'ANALYZE', 'REFRESH', 'MSCK', 'GRANT', 'REVOKE', 'CACHE', 'UNCACHE'];

/** Translates one statement into what the engine should do. */
export function translateStatement(statement: string, ctx: TranslateContext): Plan {
  let tokens: Token[];
  try {
    tokens = tokenize(statement).filter(significant);
  } catch (e) {
    if (e instanceof SparkSyntaxError) throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error at position ${e.offset}: ${e.message}.`, '42601');
    throw e;
  }
  if (tokens.length && tokens[tokens.length - 1]!.text === ';') tokens.pop();
  const nodes = buildTree(tokens);
  const t = new Translator(ctx, nodes);
  const w = (k: number) => wordOf(nodes[k]);
  const first = w(0);
  if (!first) return { kind: 'query', sql: t.emit(nodes) };

  if (first === 'DECLARE') {
    let i = 1;
    let replace = false;
    if (w(i) === 'OR' && w(i + 1) === 'REPLACE') {
      replace = true;
      i += 2;
    }
    if (w(i) === 'VARIABLE' || w(i) === 'VAR') i++;
    const [parts, afterName] = nameParts(nodes, i);
    i = afterName;
    let type: string | undefined;
    if (i < nodes.length && w(i) !== 'DEFAULT' && !isOp(nodes[i], '=')) [type, i] = t.typeAt(nodes, i);
    let valueSql: string | undefined;
    if (w(i) === 'DEFAULT' || isOp(nodes[i], '=')) valueSql = t.emit(nodes.slice(i + 1));
    else if (i < nodes.length) throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${(nodes[i] as { tok?: Token }).tok?.text ?? '('}'.`, '42601');
    return { kind: 'declare', name: parts[parts.length - 1]!.toLowerCase(), replace, type, valueSql };
  }

  if (first === 'SET' && (w(1) === 'VARIABLE' || w(1) === 'VAR')) {
    if (isGroup(nodes[2])) {
      const names = splitArgs(nodes[2].items).map((a) => nameParts(a, 0)[0].pop()!.toLowerCase());
      if (!isOp(nodes[3], '=') || !isGroup(nodes[4]) || nodes.length !== 5)
        throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in SET VARIABLE: (names) = (query) expected.', '42601');
      return { kind: 'set-query', names, querySql: t.emit(nodes[4].items) };
    }
    const assigns = splitArgs(nodes.slice(2)).map((a) => {
      const [parts, i] = nameParts(a, 0);
      if (!isOp(a[i], '=')) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in SET VARIABLE: = expected.', '42601');
      return { name: parts[parts.length - 1]!.toLowerCase(), valueSql: t.emit(a.slice(i + 1)) };
    });
    return { kind: 'set-exprs', assigns };
  }
  if (first === 'SET' || first === 'RESET') return { kind: 'noop', what: 'configuration' };

  if (first === 'DROP' && (w(1) === 'TEMPORARY' || w(1) === 'VARIABLE' || w(1) === 'VAR')) {
    let i = w(1) === 'TEMPORARY' ? 3 : 2;
    const ifExists = w(i) === 'IF' && w(i + 1) === 'EXISTS';
    if (ifExists) i += 2;
    const [parts] = nameParts(nodes, i);
    return { kind: 'drop-variable', name: parts[parts.length - 1]!.toLowerCase(), ifExists };
  }

  if (first === 'USE') {
    let i = 1;
    let what: 'catalog' | 'schema' | 'any' = 'any';
    if (w(1) === 'CATALOG') what = 'catalog';
    else if (w(1) === 'SCHEMA' || w(1) === 'DATABASE' || w(1) === 'NAMESPACE') what = 'schema';
    if (what !== 'any') i++;
    return { kind: 'use', parts: nameParts(nodes, i)[0], what };
  }

  if ((first === 'CREATE' && w(1) === 'CATALOG') || (first === 'DROP' && w(1) === 'CATALOG')) {
    let i = 2;
    const ifClause = w(i) === 'IF';
    if (ifClause) i += w(i + 1) === 'NOT' ? 3 : 2;
    const [parts] = nameParts(nodes, i);
    return first === 'CREATE'
      ? { kind: 'create-catalog', name: parts[0]!, ifNotExists: ifClause }
      : { kind: 'drop-catalog', name: parts[0]!, ifExists: ifClause };
  }

  if (first === 'CREATE' && (w(1) === 'SCHEMA' || w(1) === 'DATABASE')) {
    let i = 2;
    const ifNotExists = w(i) === 'IF';
    if (ifNotExists) i += 3;
    const [parts] = nameParts(nodes, i);
    const name = parts.length === 2 ? [ctx.catalogName(parts[0]!), parts[1]!] : parts;
    return { kind: 'query', sql: `CREATE SCHEMA ${ifNotExists ? 'IF NOT EXISTS ' : ''}${name.map(duckIdent).join('.')}` };
  }
  if (first === 'DROP' && (w(1) === 'SCHEMA' || w(1) === 'DATABASE')) {
    return { kind: 'query', sql: `DROP SCHEMA ${t.emit(nodes.slice(2))}` };
  }

  if (first === 'CREATE' && (w(1) === 'TABLE' || (w(1) === 'OR' && w(2) === 'REPLACE' && w(3) === 'TABLE'))) return createTable(nodes, t, ctx);

  if (first === 'INSERT' && w(1) === 'OVERWRITE') {
    let i = 2;
    if (w(i) === 'TABLE') i++;
    const [parts, after] = nameParts(nodes, i);
    const table = (parts.length >= 3 ? [ctx.catalogName(parts[0]!), ...parts.slice(1)] : parts).map(duckIdent).join('.');
    return { kind: 'script', sqls: [`DELETE FROM ${table}`, `INSERT INTO ${table} ${t.emit(nodes.slice(after))}`] };
  }
  if (first === 'INSERT' && w(1) === 'INTO' && w(2) === 'TABLE') return { kind: 'query', sql: `INSERT INTO ${t.emit(nodes.slice(3))}` };

  if (first === 'DESCRIBE' || first === 'DESC') {
    // DESCRIBE [TABLE] [EXTENDED] name: the columns (col_name, data_type, comment), as the Databricks plug-in reads them.
    let i = 1;
    while (w(i) === 'TABLE' || w(i) === 'EXTENDED' || w(i) === 'FORMATTED') i++;
    const [parts, after] = nameParts(nodes, i);
    if (parts.length === 0 || after < nodes.length) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in DESCRIBE: DESCRIBE [TABLE] name is supported by the workspace emulator.', '42601');
    return { kind: 'describe', table: parts.length >= 3 ? [ctx.catalogName(parts[0]!), ...parts.slice(1)] : parts };
  }
  if (first === 'ALTER' && w(1) === 'TABLE' && nodes.some((n) => wordOf(n) === 'PRIMARY')) {
    const [parts, after] = nameParts(nodes, 2);
    const table = parts.length >= 3 ? [ctx.catalogName(parts[0]!), ...parts.slice(1)] : parts;
    const named = wordOf(nodes[after + 1]) === 'CONSTRAINT' ? (nodes[after + 2] as { tok: Token }).tok.value : `${parts[parts.length - 1]}_pk`;
    const keyAt = nodes.findIndex((n) => wordOf(n) === 'KEY');
    const cols = nodes[keyAt + 1];
    if (wordOf(nodes[after]) !== 'ADD' || !isGroup(cols)) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY (…).', '42601');
    return { kind: 'add-primary-key', table, primaryKey: { name: named, columns: splitArgs(cols.items).map((a) => (a[0] as { tok: Token }).tok.value) } };
  }
  if (NOOP_STATEMENTS.includes(first) || (first === 'ALTER' && w(1) === 'TABLE' && nodes.some((n) => wordOf(n) === 'TBLPROPERTIES')))
    return { kind: 'noop', what: first };

  return { kind: 'query', sql: t.emit(nodes) };
}

/** CREATE TABLE: types translated, Delta clauses dropped, a declared primary key kept aside (informational on Databricks). */
function createTable(nodes: Node[], t: Translator, ctx: TranslateContext): Plan {
  let i = 1;
  let orReplace = false;
  if (wordOf(nodes[1]) === 'OR') {
    orReplace = true;
    i = 3;
  }
  i++; // TABLE
  let ifNotExists = false;
  if (wordOf(nodes[i]) === 'IF') {
    ifNotExists = true;
    i += 3;
  }
  const [parts, afterName] = nameParts(nodes, i);
  i = afterName;
  const table = parts.length >= 3 ? [ctx.catalogName(parts[0]!), ...parts.slice(1)] : parts;
  let columnsSql = '';
  let primaryKey: PrimaryKey | undefined;
  const columnGroup = nodes[i];
  if (isGroup(columnGroup)) {
    const defs: string[] = [];
    for (const def of splitArgs(columnGroup.items)) {
      const head = wordOf(def[0]);
      if (head === 'CONSTRAINT' || head === 'PRIMARY' || head === 'FOREIGN') {
        const named = head === 'CONSTRAINT' ? (def[1] as { tok: Token }).tok.value : `${parts[parts.length - 1]}_pk`;
        const kindAt = head === 'CONSTRAINT' ? 2 : 0;
        if (wordOf(def[kindAt]) === 'PRIMARY') {
          const cols = def[kindAt + 2];
          if (isGroup(cols)) primaryKey = { name: named, columns: splitArgs(cols.items).map((a) => (a[0] as { tok: Token }).tok.value) };
        }
        continue;
      }
      const [colParts, afterCol] = nameParts(def, 0);
      const [type, afterType] = t.typeAt(def, afterCol);
      let rest = '';
      for (let k = afterType; k < def.length; k++) {
        const word = wordOf(def[k]);
        if (word === 'COMMENT') k++;
        else if (word === 'PRIMARY' && wordOf(def[k + 1]) === 'KEY') {
          primaryKey = { name: `${parts[parts.length - 1]}_pk`, columns: [colParts[0]!] };
          k++;
        } else if (word === 'NOT' && wordOf(def[k + 1]) === 'NULL') {
          rest += ' NOT NULL';
          k++;
        } else if (word === 'DEFAULT') {
          rest += ` DEFAULT ${t.emit(def.slice(k + 1, k + 2))}`;
          k++;
        } else if (word === 'GENERATED') break;
      }
      defs.push(`${duckIdent(colParts[0]!)} ${type}${rest}`);
    }
    columnsSql = ` (${defs.join(', ')})`;
    i++;
  }
  let comment: string | undefined;
  let asQuery = '';
  // Delta table clauses have no DuckDB meaning: USING fmt, PARTITIONED/CLUSTER BY (…), COMMENT '…', TBLPROPERTIES (…), LOCATION '…'
  while (i < nodes.length) {
    const word = wordOf(nodes[i]);
    if (word === 'USING' || word === 'LOCATION') i += 2;
    else if (word === 'COMMENT') {
      comment = (nodes[i + 1] as { tok: Token }).tok.value;
      i += 2;
    } else if (word === 'PARTITIONED' || word === 'CLUSTER') i += isGroup(nodes[i + 2]) ? 3 : 3;
    else if (word === 'TBLPROPERTIES' || word === 'OPTIONS') i += 2;
    else if (word === 'AS') {
      asQuery = ` AS ${t.emit(nodes.slice(i + 1))}`;
      break;
    } else throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${word ?? '('}' in CREATE TABLE.`, '42601');
  }
  const head = `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${table.map(duckIdent).join('.')}`;
  return { kind: 'create-table', sql: `${head}${columnsSql}${asQuery}`, table, primaryKey, comment };
}
