/** Result table names from settings: `catalog.schema.run_history`, with alert_history beside it. */
import type { ResultTables, TableName } from '../sql/compiled';
import { DEFAULT_RESULTS_TABLE } from './engine-config';

/**
 * @param resultsTable a three-part name such as `main.datapact.run_history` (backticks allowed around parts);
 *   anything else falls back to the default name
 */
export function resultTablesFor(resultsTable: string): ResultTables {
  const parse = (name: string) => name.split('.').map((p) => p.trim().replace(/^`(.*)`$/, '$1'));
  let parts = parse(resultsTable);
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) parts = parse(DEFAULT_RESULTS_TABLE);
  const [catalog, schema, table] = parts as [string, string, string];
  const runHistory: TableName = { catalog, schema, table };
  return { runHistory, alertHistory: { catalog, schema, table: 'alert_history' } };
}
