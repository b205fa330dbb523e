/**
 * The alias under which the generated SQL reads each side's rows. It names the side's role, so an engine error
 * about a missing column (DuckDB: `Table "tgt_row" does not have a column named "amount"`) says which table lacks
 * it, and the engine can name that table (duckdb-task-runner.ts).
 *
 * Bare words, never quoted: fixed, generator-made, lower-case `[a-z_]` and reserved in neither Spark SQL (ANSI
 * mode included) nor DuckDB, like the generator's other aliases (`ss`, `dp_…`). A whole row is never written as
 * the bare alias (a user column of the same name would shadow it): dialects hash and render rows their own way.
 */
import type { Role } from './custom-sql-template';

export const ROW_ALIAS: Readonly<Record<Role, string>> = Object.freeze({ source: 'src_row', target: 'tgt_row' });

/** The side whose rows a generated alias names, or undefined for any other name. */
export function roleOfRowAlias(alias: string): Role | undefined {
  if (alias === ROW_ALIAS.source) return 'source';
  if (alias === ROW_ALIAS.target) return 'target';
  return undefined;
}
