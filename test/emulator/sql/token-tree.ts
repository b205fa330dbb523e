/** The token tree the translator rewrites: the lexer's significant tokens grouped by ( ) and [ ], with helpers. */
import type { Token } from './spark-lexer';
import { SqlError } from './sql-error';

export type Node = { t: 'tok'; tok: Token } | { t: 'group'; open: '(' | '['; items: Node[]; tokStart: number };

export function buildTree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Array<{ items: Node[]; open: string }> = [{ items: root, open: '' }];
  for (const tok of tokens) {
    const top = stack[stack.length - 1]!;
    if (tok.kind === 'op' && (tok.text === '(' || tok.text === '[')) {
      const group: Node = { t: 'group', open: tok.text, items: [], tokStart: tok.start };
      top.items.push(group);
      stack.push({ items: group.items, open: tok.text });
    } else if (tok.kind === 'op' && (tok.text === ')' || tok.text === ']')) {
      if (stack.length === 1 || (top.open === '(') !== (tok.text === ')'))
        throw new SqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${tok.text}'.`, '42601');
      stack.pop();
    } else top.items.push({ t: 'tok', tok });
  }
  if (stack.length > 1) throw new SqlError('PARSE_SYNTAX_ERROR', "Syntax error at or near end of input: missing ')'.", '42601');
  return root;
}

export const isTok = (n: Node | undefined, text?: string): n is { t: 'tok'; tok: Token } =>
  !!n && n.t === 'tok' && (text === undefined || n.tok.text.toUpperCase() === text.toUpperCase());
export const isOp = (n: Node | undefined, text: string) => isTok(n) && n.tok.kind === 'op' && n.tok.text === text;
export const isGroup = (n: Node | undefined, open: '(' | '[' = '('): n is Extract<Node, { t: 'group' }> => !!n && n.t === 'group' && n.open === open;
export const isName = (n: Node | undefined) => isTok(n) && (n.tok.kind === 'ident' || n.tok.kind === 'qident');
export const wordOf = (n: Node | undefined) => (isTok(n) && n.tok.kind === 'ident' ? n.tok.value.toUpperCase() : undefined);

/** Splits a node list at top-level commas. */
export function splitArgs(items: Node[]): Node[][] {
  if (items.length === 0) return [];
  const args: Node[][] = [[]];
  for (const n of items) {
    if (isOp(n, ',')) args.push([]);
    else args[args.length - 1]!.push(n);
  }
  return args;
}


export const duckString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const duckIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Spark keeps two output columns of one name (`SELECT id AS v, val AS v`); DuckDB renames the second (`v_1`). The
 * translator names such a repeated alias `v#dp_dup1`, and the JSON functions and result columns read it back as
 * `v`: so `to_json(struct(q.*))` writes the key twice, as Spark does, and `parse_json` rejects it.
 */
export const DUPLICATE_MARK = /#dp_dup\d+$/;
export const sparkName = (name: string) => name.replace(DUPLICATE_MARK, '');

