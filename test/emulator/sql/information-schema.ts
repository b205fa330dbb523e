/**
 * Databricks' information_schema views (`<catalog>.information_schema.tables|columns|schemata|table_constraints|
 * key_column_usage`, `system.information_schema.*` for every catalog) as DuckDB subqueries over DuckDB's own catalog
 * functions, with Databricks' column names and Spark type names. Declared primary keys (informational on
 * Databricks, so not enforced here) live in a hidden metadata database.
 */
import { SqlError } from './sql-error';

export const META_DB = '__dp_meta';
export const PRIMARY_KEYS = `${META_DB}.main.primary_keys`;
export const META_DDL = [
  `ATTACH ':memory:' AS ${META_DB}`,
  `CREATE TABLE ${PRIMARY_KEYS} (database_name VARCHAR, schema_name VARCHAR, table_name VARCHAR, constraint_name VARCHAR, columns VARCHAR[])`,
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface InfoSchemaCatalog {
  name: string;
  duckName: string;
}

/**
 * The view `view` of catalog `catalog` (a Databricks catalog, or `system` for all) as a parenthesised DuckDB query.
 */
export function informationSchemaView(catalogs: InfoSchemaCatalog[], catalog: string, view: string, owner: string): string {
  const all = catalog.toLowerCase() === 'system';
  const selected = all ? catalogs : catalogs.filter((c) => c.name.toLowerCase() === catalog.toLowerCase());
  if (selected.length === 0) throw new SqlError('NO_SUCH_CATALOG_EXCEPTION', `The catalog '${catalog}' was not found.`, '42704');
  const inCatalogs = `database_name IN (${selected.map((c) => lit(c.duckName)).join(', ')})`;
  const name = `CASE database_name ${selected.map((c) => `WHEN ${lit(c.duckName)} THEN ${lit(c.name)}`).join(' ')} END`;
  // DuckDB's own `main` schema exists in every database: shown only when it holds a table
  const visibleSchema = `(schema_name <> 'main' OR EXISTS (SELECT 1 FROM duckdb_tables() AS t2 WHERE t2.database_name = s.database_name AND t2.schema_name = 'main'))`;
  switch (view.toLowerCase()) {
    case 'schemata':
      return `(SELECT ${name} AS catalog_name, schema_name, ${lit(owner)} AS schema_owner, comment, CAST(NULL AS TIMESTAMP) AS created, ${lit(owner)} AS created_by, CAST(NULL AS TIMESTAMP) AS last_altered, ${lit(owner)} AS last_altered_by FROM duckdb_schemas() AS s WHERE ${inCatalogs} AND ${visibleSchema})`;
    case 'tables':
      return (
        `(SELECT ${name} AS table_catalog, schema_name AS table_schema, table_name, 'MANAGED' AS table_type, 'YES' AS is_insertable_into, 'PRESERVE' AS commit_action, ` +
        `${lit(owner)} AS table_owner, comment, CAST(NULL AS TIMESTAMP) AS created, ${lit(owner)} AS created_by, CAST(NULL AS TIMESTAMP) AS last_altered, ${lit(owner)} AS last_altered_by, 'DELTA' AS data_source_format, CAST(NULL AS VARCHAR) AS storage_sub_directory ` +
        `FROM duckdb_tables() WHERE ${inCatalogs} AND NOT temporary ` +
        `UNION ALL SELECT ${name}, schema_name, view_name, 'VIEW', 'NO', 'PRESERVE', ${lit(owner)}, comment, NULL, ${lit(owner)}, NULL, ${lit(owner)}, NULL, NULL ` +
        `FROM duckdb_views() WHERE ${inCatalogs} AND NOT internal AND NOT temporary)`
      );
    case 'columns':
      return (
        `(SELECT ${name} AS table_catalog, schema_name AS table_schema, table_name, column_name, CAST(column_index AS INTEGER) AS ordinal_position, column_default, ` +
        `CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS is_nullable, dp_spark_type(data_type) AS full_data_type, dp_spark_type_enum(dp_spark_type(data_type)) AS data_type, ` +
        `CAST(character_maximum_length AS INTEGER) AS character_maximum_length, CAST(NULL AS INTEGER) AS character_octet_length, CAST(numeric_precision AS INTEGER) AS numeric_precision, ` +
        `CASE WHEN numeric_precision IS NOT NULL THEN 10 END AS numeric_precision_radix, CAST(numeric_scale AS INTEGER) AS numeric_scale, CAST(NULL AS INTEGER) AS datetime_precision, ` +
        `CAST(NULL AS VARCHAR) AS interval_type, CAST(NULL AS INTEGER) AS interval_precision, CAST(NULL AS INTEGER) AS maximum_cardinality, 'NO' AS is_identity, CAST(NULL AS VARCHAR) AS identity_generation, ` +
        `'NO' AS is_generated, CAST(NULL AS VARCHAR) AS generation_expression, 'NO' AS is_system_time_period_start, 'NO' AS is_system_time_period_end, CAST(NULL AS VARCHAR) AS system_time_period_timestamp_generation, ` +
        `'NO' AS is_updatable, CAST(NULL AS INTEGER) AS partition_ordinal_position, comment FROM duckdb_columns() WHERE ${inCatalogs} AND NOT internal)`
      );
    case 'table_constraints':
      return (
        `(SELECT ${name} AS constraint_catalog, schema_name AS constraint_schema, constraint_name, ${name} AS table_catalog, schema_name AS table_schema, table_name, ` +
        `'PRIMARY KEY' AS constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'NO' AS enforced, CAST(NULL AS VARCHAR) AS comment FROM ${PRIMARY_KEYS} WHERE ${inCatalogs})`
      );
    case 'key_column_usage':
      return (
        `(SELECT ${name} AS constraint_catalog, schema_name AS constraint_schema, constraint_name, ${name} AS table_catalog, schema_name AS table_schema, table_name, ` +
        `columns[k] AS column_name, CAST(k AS INTEGER) AS ordinal_position, CAST(NULL AS INTEGER) AS position_in_unique_constraint ` +
        `FROM ${PRIMARY_KEYS}, range(1, CAST(len(columns) + 1 AS BIGINT)) AS r(k) WHERE ${inCatalogs})`
      );
    default:
      throw new SqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${catalog}\`.\`information_schema\`.\`${view}\` cannot be found (the emulator serves schemata, tables, columns, table_constraints and key_column_usage).`, '42P01');
  }
}
