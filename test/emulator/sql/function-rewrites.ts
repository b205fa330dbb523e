/**
 * Rewrites of Spark functions into DuckDB: each either has a DuckDB twin, a macro or JS function installed by the
 * engine (spark-functions.ts), or a rewrite here. Unknown functions pass through for DuckDB to resolve or reject.
 */
import { significant, type Token, tokenize } from './spark-lexer';
import { SqlError } from './sql-error';
import { duckIdent, duckString, isGroup, isName, isOp, isTok, type Node, splitArgs, wordOf } from './token-tree';
import type { TranslateContext } from './translate';

/** What a rewrite needs from the translator. */
export interface Translation {
  readonly ctx: TranslateContext;
  /** The statement repeats an alias in a SELECT list (token-tree.ts DUPLICATE_MARK). */
  readonly duplicateAliases: boolean;
  emit(nodes: Node[]): string;
  typeAt(nodes: Node[], i: number): [string, number];
  typeText(text: string): string;
}

/** One xxhash64 argument as a string tagged with how Spark hashes its type (so INT and BIGINT hash apart). */
const hashPart = (expr: string) => `dp_hash_part(typeof(${expr}), CAST(${expr} AS VARCHAR))`;

export function rewriteCall(t: Translation, name: string, group: Extract<Node, { t: 'group' }>, nodes: Node[], at: number): string {
  const fn = name.toLowerCase();
  const args = splitArgs(group.items);
  const arg = (k: number) => t.emit(args[k] ?? []);
  const all = () => args.map((a) => t.emit(a));
  const following = wordOf(nodes[at + 2]);
  switch (fn) {
    case 'cast':
    case 'try_cast': {
      const asAt = group.items.map((n, k) => (wordOf(n) === 'AS' ? k : -1)).filter((k) => k >= 0).pop();
      if (asAt === undefined) throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error in ${name}: AS expected.`, '42601');
      const [type, end] = t.typeAt(group.items, asAt + 1);
      if (end !== group.items.length) throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error in ${name}: unexpected text after the type.`, '42601');
      const value = t.emit(group.items.slice(0, asAt));
      if (type === 'VARCHAR' && /^json_extract\(.*\)$/s.test(value)) return `${fn === 'try_cast' ? 'TRY_CAST' : 'CAST'}(${value.replace(/^json_extract\(/, 'json_extract_string(')} AS VARCHAR)`;
      if (type === 'VARCHAR') return `${fn === 'try_cast' ? 'dp_try_cast_string' : 'dp_cast_string'}(${value})`;
      return `${fn.toUpperCase()}(${value} AS ${type})`;
    }
    case 'struct': {
      if (args.length === 1 && args[0]!.length >= 1 && isOp(args[0]![args[0]!.length - 1], '*')) {
        const qualifier = args[0]!.length > 1 ? `${t.emit(args[0]!.slice(0, -2))}.*` : '*';
        return `struct_pack(*COLUMNS(${qualifier}))`;
      }
      return `struct_pack(${args
        .map((a, k) => {
          const last = a[a.length - 1];
          const named = a.every((n) => isName(n) || isOp(n, '.')) && isName(last);
          const alias = a.length >= 3 && wordOf(a[a.length - 2]) === 'AS' && isName(last);
          const fieldName = alias || named ? (last as { tok: Token }).tok.value : `col${k + 1}`;
          return `${duckIdent(fieldName)} := ${t.emit(alias ? a.slice(0, -2) : a)}`;
        })
        .join(', ')})`;
    }
    case 'named_struct': {
      if (args.length % 2 !== 0) throw new SqlError('WRONG_NUM_ARGS', 'named_struct requires an even number of arguments.', '42605');
      const fields: string[] = [];
      for (let k = 0; k < args.length; k += 2) {
        const key = args[k]!;
        if (key.length !== 1 || !isTok(key[0]) || key[0].tok.kind !== 'string')
          throw new SqlError('DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING', 'Only foldable STRING expressions are allowed to appear at odd position.', '42K09');
        fields.push(`${duckIdent(key[0].tok.value)} := ${arg(k + 1)}`);
      }
      return `struct_pack(${fields.join(', ')})`;
    }
    case 'array':
      return `[${all().join(', ')}]`;
    case 'map': {
      const pairs: string[] = [];
      for (let k = 0; k + 1 < args.length; k += 2) pairs.push(`${arg(k)}: ${arg(k + 1)}`);
      return `MAP {${pairs.join(', ')}}`;
    }
    case 'to_json': {
      if (args.length === 1) return `dp_json_drop_nulls(to_json(${arg(0)}))`;
      const options = mapLiteral(t, args[1]!);
      const keepNulls = options.get('ignorenullfields')?.toLowerCase() === 'false';
      // Kept nulls: keys that carry a duplicate mark are read back as Spark writes them (twice), only in a
      // statement that repeats an alias (a JS call per row costs).
      // (Text, as Spark's to_json returns a STRING: embedded in a struct it stays a string.)
      if (keepNulls) return t.duplicateAliases ? `dp_json_spark_keys(to_json(${arg(0)}))` : `to_json(${arg(0)})`;
      return `dp_json_drop_nulls(to_json(${arg(0)}))`;
    }
    case 'parse_json':
      return `json(dp_check_json(${arg(0)}))`;
    case 'try_parse_json':
      return `TRY(json(dp_check_json(${arg(0)})))`;
    case 'xxhash64':
      return `dp_hash64(42, [${all().map(hashPart).join(', ')}])`;
    case 'hash':
      return `CAST(dp_hash64(7, [${all().map(hashPart).join(', ')}]) % 2147483648 AS INTEGER)`;
    case 'sha2': {
      const bits = args[1]?.length === 1 && isTok(args[1][0]) ? args[1][0].tok.text : '';
      if (bits === '256' || bits === '0') return `sha256(CAST(${arg(0)} AS VARCHAR))`;
      throw new SqlError('UNSUPPORTED_FEATURE', `sha2 with ${bits || 'a computed'} bit length is not supported by the workspace emulator.`, '0A000');
    }
    case 'sha':
    case 'sha1':
      return `sha1(CAST(${arg(0)} AS VARCHAR))`;
    case 'md5':
      return `md5(CAST(${arg(0)} AS VARCHAR))`;
    case 'typeof':
      return `dp_spark_type(typeof(${arg(0)}))`;
    case 'raise_error':
      return `error('[USER_RAISED_EXCEPTION] ' || (${arg(0)}))`;
    case 'assert_true':
      return `CASE WHEN ${arg(0)} THEN NULL ELSE error('[USER_RAISED_EXCEPTION] ' || ${args[1] ? arg(1) : duckString(`'${t.emit(args[0] ?? [])}' is not true!`)}) END`;
    case 'sum':
    case 'avg':
    case 'mean':
    case 'try_sum': {
      if (following === 'OVER' || following === 'FILTER' || args.length !== 1) return `${fn === 'mean' ? 'avg' : fn === 'try_sum' ? 'sum' : fn}(${t.emit(group.items)})`;
      const inner = args[0]!;
      const value = wordOf(inner[0]) === 'DISTINCT' || wordOf(inner[0]) === 'ALL' ? t.emit(inner.slice(1)) : t.emit(inner);
      const all = t.emit(inner);
      const type = `any_value(typeof(${value}))`;
      if (fn === 'sum') return `dp_ansi_sum(sum(${all}), ${type})`;
      if (fn === 'try_sum') return `dp_try_sum(sum(${all}), ${type})`;
      return `dp_ansi_avg(avg(${all}), sum(${all}), ${type})`;
    }
    case 'collect_list':
    case 'array_agg':
      if (following === 'OVER' || following === 'FILTER') return `list(${arg(0)})`;
      return `coalesce(list(${arg(0)}) FILTER (WHERE (${arg(0)}) IS NOT NULL), [])`;
    case 'collect_set':
      return `coalesce(list(DISTINCT ${arg(0)}) FILTER (WHERE (${arg(0)}) IS NOT NULL), [])`;
    case 'array_sort':
      if (args.length > 1) throw new SqlError('UNSUPPORTED_FEATURE', 'array_sort with a comparator is not supported by the workspace emulator.', '0A000');
      return `dp_array_sort(${arg(0)})`;
    case 'transform': {
      // transform(array, x -> body): Spark's one-argument lambda.
      const lambda = args[1] ?? [];
      if (args.length !== 2 || !isName(lambda[0]) || !isOp(lambda[1], '->')) {
        throw new SqlError('UNSUPPORTED_FEATURE', 'transform is supported by the workspace emulator with a one-argument lambda (x -> …) only.', '0A000');
      }
      return `list_transform(${arg(0)}, lambda ${duckIdent((lambda[0] as { tok: Token }).tok.value)}: ${t.emit(lambda.slice(2))})`;
    }
    case 'sort_array':
      return args[1] && /false/i.test(arg(1)) ? `list_reverse(dp_array_sort(${arg(0)}))` : `dp_array_sort(${arg(0)})`;
    case 'size':
    case 'cardinality':
      return `coalesce(len(${arg(0)}), -1)`;
    case 'array_contains':
      return `list_contains(${arg(0)}, ${arg(1)})`;
    case 'concat':
      return args.length === 0 ? "''" : `(${all().map((a) => `(${a})`).join(' || ')})`;
    case 'nvl':
      return `coalesce(${arg(0)}, ${arg(1)})`;
    case 'now':
    case 'current_timestamp':
      return 'get_current_timestamp()';
    case 'current_date':
      return 'current_date';
    case 'current_user':
    case 'session_user':
      return duckString(t.ctx.userName);
    case 'current_catalog':
      return 'current_database()';
    case 'current_database':
    case 'current_schema':
      return 'current_schema()';
    // Instants (TIMESTAMP): epoch_ms gives DuckDB's wall clock of UTC, cast to an instant in the UTC session.
    case 'timestamp_millis':
      return `CAST(epoch_ms(CAST(${arg(0)} AS BIGINT)) AS TIMESTAMPTZ)`;
    case 'timestamp_seconds':
      return `to_timestamp(${arg(0)})`;
    case 'unix_millis':
      return `epoch_ms(${arg(0)})`;
    case 'unix_seconds':
      return `CAST(epoch(${arg(0)}) AS BIGINT)`;
    case 'date_add':
      return `CAST((${arg(0)})::DATE + CAST(${arg(1)} AS INTEGER) AS DATE)`;
    case 'date_sub':
      return `CAST((${arg(0)})::DATE - CAST(${arg(1)} AS INTEGER) AS DATE)`;
    case 'datediff':
      return args.length === 2 ? `date_diff('day', (${arg(1)})::DATE, (${arg(0)})::DATE)` : `date_diff(${arg(0)}, ${arg(1)}, ${arg(2)})`;
    case 'from_json': {
      // The schema DataPact's dashboard uses; any other is refused rather than half-done.
      const schema = args[1] ? stringArg(args[1], fn).replace(/\s+/g, '').toUpperCase() : '';
      if (schema === 'MAP<STRING,STRING>' && args.length === 2) return `dp_json_string_map(${arg(0)})`;
      throw new SqlError('UNSUPPORTED_FEATURE', `from_json with schema ${args[1] ? stringArg(args[1], fn) : '(none)'} or options is not supported by the workspace emulator (only MAP<STRING, STRING>).`, '0A000');
    }
    case 'get_json_object':
      // Text that is not JSON gives NULL in Spark, not an error.
      return `json_extract_string(TRY(json(${arg(0)})), ${arg(1)})`;
    case 'variant_get':
    case 'try_variant_get': {
      const type = args[2] ? t.typeText(stringArg(args[2], fn)) : 'JSON';
      const extract = type === 'VARCHAR' ? 'json_extract_string' : 'json_extract';
      const expr = `CAST(${extract}(${arg(0)}, ${arg(1)}) AS ${type})`;
      return fn === 'try_variant_get' ? `TRY(${expr})` : expr;
    }
    case 'rand':
    case 'random':
      return 'random()';
    case 'identifier':
      return identifier(t, args);
    case 'rlike':
    case 'regexp_like':
      return `regexp_matches(${arg(0)}, ${arg(1)})`;
    case 'element_at':
      return `${arg(0)}[${arg(1)}]`;
    // Canonical value comparison (core/src/sql/canonical-value.ts): Spark spellings of its primitives.
    case 'octet_length':
      return `strlen(CAST(${arg(0)} AS VARCHAR))`;
    case 'array_join':
      return args.length === 2 ? `array_to_string(${arg(0)}, ${arg(1)})` : `array_to_string(list_transform(${arg(0)}, lambda dp_v: coalesce(dp_v, ${arg(2)})), ${arg(1)})`;
    case 'unix_micros':
      return `epoch_us(${arg(0)})`;
    case 'convert_timezone': {
      // convert_timezone([sourceTz, ]targetTz, ts): the wall clock of ts in sourceTz (the session's, UTC here) shown
      // in targetTz, as TIMESTAMP_NTZ. DuckDB: timezone(zone, TIMESTAMP) is an instant, timezone(zone, TIMESTAMPTZ)
      // its wall clock there.
      if (args.length !== 2 && args.length !== 3) throw new SqlError('WRONG_NUM_ARGS', `convert_timezone requires 2 or 3 parameters; got ${args.length}.`, '42605');
      const [source, target, ts] = args.length === 3 ? [arg(0), arg(1), arg(2)] : ["'UTC'", arg(0), arg(1)];
      return `timezone(${target}, timezone(${source}, CAST(${ts} AS TIMESTAMP)))`;
    }
    case 'timestampdiff': {
      const unit = wordOf(args[0]?.[0]);
      if (!unit || args.length !== 3) throw new SqlError('PARSE_SYNTAX_ERROR', 'Syntax error in timestampdiff: a unit and two timestamps expected.', '42601');
      return `date_diff(${duckString(unit.toLowerCase())}, ${arg(1)}, ${arg(2)})`;
    }
    case 'transform':
    case 'filter': {
      // `param -> body` (one parameter): DuckDB's lambda
      const lambda = args[1] ?? [];
      if (lambda.length < 3 || !isName(lambda[0]) || !isOp(lambda[1], '->'))
        throw new SqlError('UNSUPPORTED_FEATURE', `${fn} with anything but a one-parameter lambda is not supported by the workspace emulator.`, '0A000');
      const param = (lambda[0] as { tok: Token }).tok.value;
      return `list_${fn}(${arg(0)}, lambda ${duckIdent(param)}: ${t.emit(lambda.slice(2))})`;
    }
    default:
      return `${name}(${t.emit(group.items)})`;
  }
}

function stringArg(nodes: Node[], fn: string): string {
  if (nodes.length === 1 && isTok(nodes[0]) && nodes[0].tok.kind === 'string') return nodes[0].tok.value;
  throw new SqlError('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', `${fn} expects a string literal here.`, '42K09');
}

/** map('k','v', …) of string literals (to_json options). */
function mapLiteral(_t: Translation, nodes: Node[]): Map<string, string> {
  const call = nodes[0];
  const g = nodes[1];
  if (nodes.length !== 2 || wordOf(call) !== 'MAP' || !isGroup(g)) throw new SqlError('INVALID_OPTIONS.NON_MAP_FUNCTION', 'Must use the `map()` function for options.', '42K06');
  const args = splitArgs(g.items);
  const out = new Map<string, string>();
  for (let k = 0; k + 1 < args.length; k += 2) out.set(stringArg(args[k]!, 'map').toLowerCase(), stringArg(args[k + 1]!, 'map'));
  return out;
}

/** IDENTIFIER('a.b.c') / IDENTIFIER('a' || '.' || 'b') with constant strings. */
function identifier(t: Translation, args: Node[][]): string {
  // constant strings, `||`, and bound :name markers (IDENTIFIER(:catalog || '.' || :schema))
  const nodes = args[0] ?? [];
  const pieces: string[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    if (isOp(n, '||')) continue;
    if (isTok(n) && n.tok.kind === 'string') pieces.push(n.tok.value);
    else if (isOp(n, ':') && isTok(nodes[k + 1]) && t.ctx.parameters?.get((nodes[k + 1] as { tok: Token }).tok.value)?.value != null) {
      pieces.push(t.ctx.parameters.get((nodes[++k] as { tok: Token }).tok.value)!.value!);
    } else
      throw new SqlError('NOT_A_CONSTANT_STRING.NOT_CONSTANT', 'The expression used for the routine or clause IDENTIFIER must be a constant STRING which is NOT NULL.', '42601');
  }
  if (pieces.length === 0) throw new SqlError('NOT_A_CONSTANT_STRING.NULL', 'The expression used for the routine or clause IDENTIFIER must be a constant STRING which is NOT NULL.', '42601');
  const text = pieces.join('');
  const parts = tokenize(text)
    .filter(significant)
    .filter((t) => !(t.kind === 'op' && t.text === '.'))
    .map((t) => t.value);
  if (parts.length >= 3) parts[0] = t.ctx.catalogName(parts[0]!);
  return parts.map(duckIdent).join('.');
}
