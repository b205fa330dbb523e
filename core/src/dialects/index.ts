export type { Dialect, DialectTypes, JsonField, SqlLexicon } from './dialect';
export { BaseDialect } from './dialect-base';
export { DuckDbDialect, quoteDuckDbIdentifier, duckDbStringLiteral } from './duckdb/duckdb-dialect';
export { DatabricksDialect } from './databricks/databricks-dialect';
export { registerDialect, listDialects, getDialect, findDialect, resolveDialect, type DialectRef } from './registry';
