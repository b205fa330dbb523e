/**
 * The local results store: a DuckDB file attached read-write as catalog `datapact_results`, holding the same
 * run_history (and alert_history) tables as on Databricks, created by the generator's DDL.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileResultsDdl } from '../sql/index';
import type { ResultTables } from '../sql/compiled';
import { duckDbStringLiteral, quoteDuckDbIdentifier } from '../duckdb/duckdb-quote';
import { EngineConfigError } from './engine-errors';
import { oneLineEngineMessage } from './engine-message';

/** The catalog name the results file is attached under; a pact catalog may not use it. */
export const RESULTS_CATALOG = 'datapact_results';

export const LOCAL_RESULT_TABLES: ResultTables = Object.freeze({
  runHistory: { catalog: RESULTS_CATALOG, schema: 'main', table: 'run_history' },
  alertHistory: { catalog: RESULTS_CATALOG, schema: 'main', table: 'alert_history' },
});

/** Attaches (creating folder, file and tables when missing) the results file read-write. */
export async function attachResultsStore(connection: DuckDBConnection, path: string): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true });
    await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${quoteDuckDbIdentifier(RESULTS_CATALOG)}`);
    for (const statement of compileResultsDdl('duckdb', LOCAL_RESULT_TABLES)) await connection.run(statement);
  } catch (error) {
    throw new EngineConfigError(`results file ${path}: ${oneLineEngineMessage(error)}`);
  }
}

/** Attaches an existing results file read-only (for reading history while nothing is written). */
export async function attachResultsReadOnly(connection: DuckDBConnection, path: string): Promise<void> {
  try {
    await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${quoteDuckDbIdentifier(RESULTS_CATALOG)} (READ_ONLY)`);
  } catch (error) {
    throw new EngineConfigError(`results file ${path}: ${oneLineEngineMessage(error)}`);
  }
}

/** `"datapact_results"."main"."run_history"` and friends. */
export function qualifiedResultTable(which: keyof ResultTables): string {
  const t = LOCAL_RESULT_TABLES[which];
  return [t.catalog, t.schema, t.table].map(quoteDuckDbIdentifier).join('.');
}
