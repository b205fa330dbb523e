/**
 * The whole row of a query alias as one value: the one way the generator names a row, so no dialect hook that
 * hashes or renders a row (`rowHash`, `rowAsJson`) ever sees the bare alias. A table may have a column named like
 * the alias (`src_row`), and an engine that binds a column before an alias would then hash or show that one column:
 * every other change in the row would pass. So a dialect's `wholeRow` spelling that names the alias other than as
 * `alias.*` (the relation's columns) is refused here, when the SQL is compiled, whatever the dialect.
 */
import type { Dialect } from './dialect';

export function rowValue(dialect: Dialect, rowAlias: string): string {
  const spelled = dialect.wholeRow(rowAlias);
  if (namesBareAlias(spelled, rowAlias)) {
    throw new Error(`dialect ${dialect.name}: wholeRow('${rowAlias}') is "${spelled}", which names the bare row alias; a column of that name would stand in for the row`);
  }
  return spelled;
}

/** Whether `sql` holds `alias` as a word of its own that is not followed by `.*` (nor part of a longer name). */
function namesBareAlias(sql: string, alias: string): boolean {
  const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.$])${escaped}(?![\\w$]|\\.\\*)`).test(sql);
}
