/** Running one generated statement with the run's named parameters bound. */
import type { DuckDBConnection, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

/** Values of the run that statements may reference as `$name` (run_id, job_id, job_start_ms, error_message). */
export type RunParameters = Record<string, DuckDBValue>;

/**
 * Prepares `sql`, binds the parameters it names (DuckDB refuses values for parameters a statement does not
 * declare, and the generator's statements each declare a different subset) and runs it to completion.
 */
export async function runStatement(
  connection: DuckDBConnection,
  sql: string,
  params: RunParameters,
): Promise<DuckDBResultReader> {
  const prepared = await connection.prepare(sql);
  const values: RunParameters = {};
  for (let index = 1; index <= prepared.parameterCount; index++) {
    const name = prepared.parameterName(index);
    if (!(name in params)) throw new Error(`the statement expects a value for $${name}`);
    values[name] = params[name] ?? null;
  }
  if (prepared.parameterCount > 0) prepared.bind(values);
  return prepared.runAndReadAll();
}
