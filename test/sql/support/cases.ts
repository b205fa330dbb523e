/** Named tasks shared by the golden-file and grammar tests: one idea each, plus one with everything. */
import type { ResultTables, Task, TaskColumns } from '../../../core/src/index';
import { task } from './duck';

export const TABLES: ResultTables = {
  runHistory: { catalog: 'main', schema: 'datapact', table: 'run_history' },
  alertHistory: { catalog: 'main', schema: 'datapact', table: 'alert_history' },
};

export const CASES: Record<string, Task> = {
  'no-checks': task({ task_key: 'nothing' }),
  count: task({ task_key: 'orders_count', count_tolerance: 0.005 }),
  'row-hash-native': task({ task_key: 'orders_hash', primary_keys: ['order_id', 'line_no'], pk_row_hash_check: true, pk_hash_tolerance: 0.001 }),
  'row-hash-md5-columns': task({
    task_key: 'orders_md5', primary_keys: ['order_id'], pk_row_hash_check: true, hash_columns: ['qty', 'status'], hash_algorithm: 'md5', sample_size: 3,
  }),
  nulls: task({ task_key: 'orders_nulls', null_validation_columns: ['status', 'ship_date'], null_validation_tolerance: 0.02 }),
  aggregates: task({
    task_key: 'orders_aggs',
    agg_validations: [
      { column: 'unit_price', validations: [{ agg: 'SUM', tolerance: 0.0001 }, { agg: 'MAX', tolerance: 0 }, { agg: 'STDDEV', tolerance: 0.01 }] },
      { column: 'customer', validations: [{ agg: 'COUNT_DISTINCT', tolerance: 0 }, { agg: 'MIN', tolerance: 0 }] },
    ],
  }),
  uniqueness: task({ task_key: 'orders_unique', uniqueness_columns: ['order_id', 'line_no'], uniqueness_tolerance: 0 }),
  'custom-sql': task({
    task_key: 'orders_custom',
    custom_sql_tests: [{ name: 'Status mix', sql: 'SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status' }],
  }),
  everything: task({
    task_key: "weird 'task' \\ key",
    source_catalog: 'legacy fed',
    source_schema: 'sales',
    source_table: 'select',
    target_catalog: 'lake`house',
    target_schema: 'gold"',
    target_table: 'orders',
    primary_keys: ['we"ird', 'café'],
    filter: "order_ts >= '2025-01-01' -- recent only",
    count_tolerance: 0.005,
    pk_row_hash_check: true,
    pk_hash_tolerance: 0.001,
    null_validation_columns: ['a`b c', '数量'],
    null_validation_tolerance: 0.02,
    agg_validations: [{ column: '数量', validations: [{ agg: 'SUM', tolerance: 0.0001 }] }],
    uniqueness_columns: ['we"ird', 'café'],
    uniqueness_tolerance: 0,
    custom_sql_tests: [{ name: 'Status mix', sql: 'SELECT status, COUNT(*) AS n FROM {{ table_fqn }} GROUP BY status' }],
    business_domain: 'Finance',
    business_owner: "O'Brien \\ team",
    business_priority: 'HIGH',
    expected_sla_hours: 6,
    estimated_impact_usd: 75000,
  }),
};

/**
 * A migration as each engine lists its columns (the row hash compares by name and canonical value, sums are exact):
 * every type family, nested values, a column on one side only and a type drift. Keys: `typed` tasks compile with these.
 */
export const TYPED_COLUMNS: Record<'duckdb' | 'databricks', TaskColumns> = {
  duckdb: {
    source: [
      { name: 'order_id', type: 'INTEGER' }, { name: 'line_no', type: 'SMALLINT' }, { name: 'qty', type: 'INTEGER' },
      { name: 'unit_price', type: 'DECIMAL(38,10)' }, { name: 'ratio', type: 'DOUBLE' }, { name: 'status', type: 'VARCHAR' },
      { name: 'ship_date', type: 'DATE' }, { name: 'order_ts', type: 'TIMESTAMP' }, { name: 'paid', type: 'BOOLEAN' },
      { name: 'raw', type: 'BLOB' }, { name: 'tags', type: 'INTEGER[]' }, { name: 'attrs', type: 'STRUCT(a INTEGER, "b c" VARCHAR)' },
      { name: 'props', type: 'MAP(VARCHAR, INTEGER)' }, { name: 'code', type: 'INTEGER' }, { name: 'customer', type: 'VARCHAR' },
    ],
    target: [
      { name: 'ORDER_ID', type: 'BIGINT' }, { name: 'line_no', type: 'BIGINT' }, { name: 'status', type: 'VARCHAR' },
      { name: 'unit_price', type: 'DOUBLE' }, { name: 'qty', type: 'BIGINT' }, { name: 'ratio', type: 'DOUBLE' },
      { name: 'ship_date', type: 'DATE' }, { name: 'order_ts', type: 'TIMESTAMP WITH TIME ZONE' }, { name: 'paid', type: 'BOOLEAN' },
      { name: 'raw', type: 'BLOB' }, { name: 'tags', type: 'BIGINT[]' }, { name: 'attrs', type: 'STRUCT("B C" VARCHAR, a BIGINT)' },
      { name: 'props', type: 'MAP(VARCHAR, BIGINT)' }, { name: 'code', type: 'VARCHAR' }, { name: 'customer', type: 'VARCHAR' },
      { name: 'loaded_at', type: 'TIMESTAMP' },
    ],
  },
  databricks: {
    source: [
      { name: 'order_id', type: 'int' }, { name: 'line_no', type: 'smallint' }, { name: 'qty', type: 'int' },
      { name: 'unit_price', type: 'decimal(38,10)' }, { name: 'ratio', type: 'double' }, { name: 'status', type: 'string' },
      { name: 'ship_date', type: 'date' }, { name: 'order_ts', type: 'timestamp_ntz' }, { name: 'paid', type: 'boolean' },
      { name: 'raw', type: 'binary' }, { name: 'tags', type: 'array<int>' }, { name: 'attrs', type: 'struct<a:int,`b c`:string>' },
      { name: 'props', type: 'map<string,int>' }, { name: 'code', type: 'int' }, { name: 'customer', type: 'string' },
    ],
    target: [
      { name: 'ORDER_ID', type: 'bigint' }, { name: 'line_no', type: 'bigint' }, { name: 'status', type: 'string' },
      { name: 'unit_price', type: 'double' }, { name: 'qty', type: 'bigint' }, { name: 'ratio', type: 'double' },
      { name: 'ship_date', type: 'date' }, { name: 'order_ts', type: 'timestamp' }, { name: 'paid', type: 'boolean' },
      { name: 'raw', type: 'binary' }, { name: 'tags', type: 'array<bigint>' }, { name: 'attrs', type: 'struct<`B C`:string,a:bigint>' },
      { name: 'props', type: 'map<string,bigint>' }, { name: 'code', type: 'string' }, { name: 'customer', type: 'string' },
      { name: 'loaded_at', type: 'timestamp' },
    ],
  },
};

/** Tasks compiled with TYPED_COLUMNS (golden files `<name>.<dialect>.sql`, Spark grammar). */
export const TYPED_CASES: Record<string, Task> = {
  'typed-row-hash': task({ task_key: 'orders_migrated', primary_keys: ['order_id', 'line_no'], pk_row_hash_check: true, exclude_columns: ['loaded_at'] }),
  'typed-strict-columns': task({ task_key: 'orders_strict', primary_keys: ['order_id'], pk_row_hash_check: true, compare: 'strict', hash_columns: ['qty', 'attrs', 'props'] }),
  // A TIMESTAMP without time zone read as Paris wall clock against an instant: row hash (md5 text) and MIN/MAX.
  'typed-time-zone': task({
    task_key: 'orders_paris',
    primary_keys: ['order_id'],
    pk_row_hash_check: true,
    hash_algorithm: 'md5',
    hash_columns: ['order_ts', 'loaded_at'],
    naive_timestamp_zone: 'Europe/Paris',
    agg_validations: [{ column: 'order_ts', validations: [{ agg: 'MIN', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] }],
  }),
  'typed-wide-sums': task({
    task_key: 'orders_wide_sums',
    agg_validations: ['amount', 'big', 'huge', 'd4'].map((column) => ({ column, validations: [{ agg: 'SUM' as const, tolerance: 0 }, { agg: 'AVG' as const, tolerance: 0 }] })),
  }),
  'typed-aggregates': task({
    task_key: 'orders_aggs',
    agg_validations: [
      { column: 'unit_price', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'AVG', tolerance: 0 }, { agg: 'MAX', tolerance: 0 }] },
      { column: 'qty', validations: [{ agg: 'SUM', tolerance: 0 }, { agg: 'MIN', tolerance: 0 }] },
      { column: 'ratio', validations: [{ agg: 'SUM', tolerance: 0 }] },
      { column: 'order_ts', validations: [{ agg: 'MIN', tolerance: 0 }] },
      { column: 'code', validations: [{ agg: 'MAX', tolerance: 0 }] },
      { column: 'customer', validations: [{ agg: 'MIN', tolerance: 0 }] },
    ],
  }),
};

/** Columns of the cases that need their own (golden files and the Spark grammar read them before TYPED_COLUMNS). */
export const TYPED_CASE_COLUMNS: Record<string, Record<'duckdb' | 'databricks', TaskColumns>> = {
  // Sums of every width: split at the decimal point (28 integer digits) and again at 10^20 (DECIMAL(38,0), HUGEINT).
  'typed-wide-sums': {
    duckdb: {
      source: [{ name: 'amount', type: 'DECIMAL(38,10)' }, { name: 'big', type: 'DECIMAL(38,0)' }, { name: 'huge', type: 'HUGEINT' }, { name: 'd4', type: 'DECIMAL(38,4)' }],
      target: [{ name: 'amount', type: 'DECIMAL(38,10)' }, { name: 'big', type: 'DECIMAL(38,0)' }, { name: 'huge', type: 'HUGEINT' }, { name: 'd4', type: 'DECIMAL(38,4)' }],
    },
    databricks: {
      source: [{ name: 'amount', type: 'decimal(38,10)' }, { name: 'big', type: 'decimal(38,0)' }, { name: 'huge', type: 'decimal(38,0)' }, { name: 'd4', type: 'decimal(38,4)' }],
      target: [{ name: 'amount', type: 'decimal(38,10)' }, { name: 'big', type: 'decimal(38,0)' }, { name: 'huge', type: 'decimal(38,0)' }, { name: 'd4', type: 'decimal(38,4)' }],
    },
  },
};
