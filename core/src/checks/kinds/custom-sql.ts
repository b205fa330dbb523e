/** A query whose results must match on both sides (SQL: `core/src/sql/checks/custom-sql-check.ts`). */
import type { CheckKind } from '../check-kind';

export const customSqlKind: CheckKind = {
  id: 'custom_sql',
  title: 'custom SQL test',
  summary: 'A query whose results must match on both sides',
  keys: ['custom_sql_tests'],
  columnListKeys: [],
  snippet: {
    writes: ['custom_sql_tests'],
    body: () => 'custom_sql_tests:\n  - name: ${1:row count}\n    sql: |\n      ${2:SELECT COUNT(*) AS n FROM {{ table_fqn \\}\\}}',
  },
  ownsPayloadKey: (key) => key.startsWith('custom_sql_validation_'),
  label: (key, m) => `custom SQL ${typeof m.name === 'string' ? `'${m.name}'` : key.slice('custom_sql_validation_'.length)}`,
  inputs: (m, n) => [
    `${n.count(m.rows_missing_in_target)} source rows missing in target`,
    `${n.count(m.rows_missing_in_source)} target rows missing in source`,
  ],
};
