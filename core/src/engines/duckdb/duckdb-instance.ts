/**
 * DuckDB is loaded on first use, not when core is imported: core's barrel is bundled into the editor client and
 * the language server too, and they must start (quickly) without the native module when they never run a pact.
 */
import type { DuckDBInstance } from '@duckdb/node-api';

/**
 * A fresh in-memory instance; catalogs and the results file are attached to it. Its session time zone is UTC for
 * every connection: DuckDB's follows the machine's (TZ), and wherever SQL leaves a TIMESTAMP-to-TIMESTAMPTZ
 * conversion to the engine (a join on primary keys) or prints an instant, the verdict and the numbers would depend
 * on where the pact runs. UTC is the canonical values' default reading of a wall clock, and Databricks SQL's default
 * session zone. (Set once the instance is open: the setting belongs to the ICU extension, which loads on first use.)
 */
export async function createDuckDbInstance(): Promise<DuckDBInstance> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  connection.closeSync();
  return instance;
}
