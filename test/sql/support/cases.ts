/** Named tasks shared by the golden-file and grammar tests: one idea each, plus one with everything. */
import type { ResultTables, Task } from '../../../core/src/index';
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
