/**
 * DuckDB is loaded on first use, not when core is imported: core's barrel is bundled into the editor client and
 * the language server too, and they must start (quickly) without the native module when they never run a pact.
 */
import type { DuckDBInstance } from '@duckdb/node-api';

/** A fresh in-memory instance; catalogs and the results file are attached to it. */
export async function createDuckDbInstance(): Promise<DuckDBInstance> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  return Instance.create(':memory:');
}
