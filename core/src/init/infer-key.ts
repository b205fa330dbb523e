/**
 * `--infer-keys`: a column, or else a pair of columns, that is non-NULL and unique on the source table, found with
 * ONE query per table whose cost is bounded: at most {@link MAX_SINGLE_CANDIDATES} columns and the pairs of the first
 * {@link MAX_PAIR_COLUMNS}, counted over at most `maxRows` rows. The first qualifying column in table order wins,
 * then the first qualifying pair. A key found on a sample (the table filled the row limit) says so.
 */
import type { InitSource, InitTable } from './init-source';
import { canBeKey } from './column-kinds';

export const MAX_SINGLE_CANDIDATES = 8;
export const MAX_PAIR_COLUMNS = 5;
export const DEFAULT_INFER_MAX_ROWS = 1_000_000;

export interface InferredKey {
  columns: string[];
  /** Rows the uniqueness was counted over. */
  rowsRead: number;
  /** True when the table had at least `maxRows` rows: the key is unique in the rows read, not proven on all. */
  sampled: boolean;
}

/** The one inference query and how to read its single row, or undefined when no column can be a key. */
export function inferKeyQuery(source: InitSource, table: InitTable, maxRows: number): { sql: string; read(row: Record<string, unknown>): InferredKey | undefined } | undefined {
  const d = source.dialect;
  const candidates = table.columns.filter(canBeKey).slice(0, MAX_SINGLE_CANDIDATES);
  if (candidates.length === 0) return undefined;
  const col = (i: number) => d.quoteIdentifier(candidates[i]!.name);
  const alias = (name: string) => d.quoteIdentifier(name);
  const pairs: [number, number][] = [];
  const pairLimit = Math.min(candidates.length, MAX_PAIR_COLUMNS);
  for (let a = 0; a < pairLimit; a++) for (let b = a + 1; b < pairLimit; b++) pairs.push([a, b]);

  const metrics = [`COUNT(*) AS ${alias('n')}`];
  candidates.forEach((_, i) => {
    metrics.push(`COUNT(${col(i)}) AS ${alias(`nn_${i}`)}`, `COUNT(DISTINCT ${col(i)}) AS ${alias(`d_${i}`)}`);
  });
  for (const [a, b] of pairs) metrics.push(`COUNT(DISTINCT ${d.tuple([col(a), col(b)])}) AS ${alias(`p_${a}_${b}`)}`);
  const tableName = [table.catalog, table.schema, table.name].map((p) => d.quoteIdentifier(p)).join('.');
  const projected = candidates.map((_, i) => col(i)).join(', ');
  const sql =
    `SELECT ${metrics.join(', ')}\n` +
    `FROM (SELECT ${projected} FROM ${tableName} LIMIT ${Math.max(1, Math.floor(maxRows))}) AS ${alias('dp_sample')}`;

  return {
    sql,
    read(row) {
      const n = Number(row.n);
      if (!(n > 0)) return undefined;
      const found = (columns: string[]): InferredKey => ({ columns, rowsRead: n, sampled: n >= maxRows });
      const complete = (i: number) => Number(row[`nn_${i}`]) === n;
      for (let i = 0; i < candidates.length; i++) {
        if (complete(i) && Number(row[`d_${i}`]) === n) return found([candidates[i]!.name]);
      }
      for (const [a, b] of pairs) {
        if (complete(a) && complete(b) && Number(row[`p_${a}_${b}`]) === n) return found([candidates[a]!.name, candidates[b]!.name]);
      }
      return undefined;
    },
  };
}

/** Runs the inference query; undefined when no column or pair qualifies (or the table is empty). */
export async function inferKey(source: InitSource, table: InitTable, maxRows = DEFAULT_INFER_MAX_ROWS): Promise<InferredKey | undefined> {
  const query = inferKeyQuery(source, table, maxRows);
  if (!query) return undefined;
  const [row] = await source.query(query.sql);
  return row ? query.read(row) : undefined;
}
