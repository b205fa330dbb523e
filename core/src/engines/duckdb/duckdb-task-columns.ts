/**
 * Both tables' columns of a task, read from the attached catalogs before the task is compiled: the row hash
 * compares columns by name and value, and sums are exact, only with them (core/src/sql/value-types.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Task } from '../../model/pact';
import { getDialect, tableFqn, type SideColumn, type TaskColumns } from '../../sql/index';

async function describe(connection: DuckDBConnection, fqn: string): Promise<SideColumn[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${fqn}`);
  return reader.getRowObjectsJson().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/**
 * The columns of both tables, or undefined when a table cannot be described (missing, unreadable): the task then
 * compiles without them and its own statement reports the missing table, as it always has.
 * @param described tables already described in this run, by quoted name (a table many tasks read is read once)
 */
export async function readDuckDbTaskColumns(
  connection: DuckDBConnection,
  task: Task,
  described: Map<string, Promise<SideColumn[]>> = new Map(),
): Promise<TaskColumns | undefined> {
  const duckdb = getDialect('duckdb');
  const columnsOf = (fqn: string) => {
    let columns = described.get(fqn);
    if (!columns) described.set(fqn, (columns = describe(connection, fqn)));
    return columns;
  };
  try {
    const source = await columnsOf(tableFqn(duckdb, task, 'source'));
    const target = await columnsOf(tableFqn(duckdb, task, 'target'));
    return { source, target };
  } catch {
    return undefined;
  }
}
