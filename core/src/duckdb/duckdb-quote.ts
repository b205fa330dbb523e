/** Quoting for SQL that DuckDB-specific plumbing (attach, results store) writes outside the generator.
 * The DuckDB dialect owns the rules; this file re-exports them for existing importers. */
export { quoteDuckDbIdentifier, duckDbStringLiteral } from '../dialects/duckdb/duckdb-dialect';
