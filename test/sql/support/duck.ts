/** Test support: an in-memory DuckDB with helpers to build tables and run compiled SQL. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AggFunction, Task } from '../../../core/src/index';

export interface Duck {
  connection: DuckDBConnection;
  run(sql: string, params?: Record<string, string | number | boolean | null>): Promise<Record<string, unknown>[]>;
  close(): void;
}

/** Opens `:memory:` and attaches in-memory catalogs named `src` and `tgt` (like pact catalogs). */
export async function openDuck(catalogs: readonly string[] = ['src', 'tgt']): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const duck: Duck = {
    connection,
    async run(sql, params) {
      const reader = params ? await connection.runAndReadAll(sql, params) : await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    },
    close() {
      connection.disconnectSync();
      instance.closeSync();
    },
  };
  for (const c of catalogs) await duck.run(`ATTACH ':memory:' AS "${c.replace(/"/g, '""')}"`);
  return duck;
}

/** A task comparing src.main.<source> with tgt.main.<target>. */
export function task(extra: Partial<Task> & { task_key?: string } = {}, source = 't', target = 't'): Task {
  return {
    task_key: 'k',
    source_catalog: 'src',
    source_schema: 'main',
    source_table: source,
    target_catalog: 'tgt',
    target_schema: 'main',
    target_table: target,
    ...extra,
  };
}

/** What a metrics query says, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payload shape is asserted by the tests
export interface Evaluation {
  verdict: boolean | null;
  payload: Record<string, any>;
  row: Record<string, unknown>;
}

/**
 * Compiles `t` for DuckDB with both tables' columns read from the catalogs (as a run does), runs its metrics
 * query and parses the payload. `{ columns: false }` compiles without them (an offline preview's SQL).
 */
export async function evaluate(duck: Duck, t: Task, options: { columns?: boolean } = {}): Promise<Evaluation> {
  const { compileTask } = await import('../../../core/src/index');
  const { readDuckDbTaskColumns } = await import('../../../core/src/engines/duckdb/duckdb-task-columns');
  const columns = options.columns === false ? undefined : await readDuckDbTaskColumns(duck.connection, t);
  const rows = await duck.run(compileTask(t, 'duckdb', columns).metricsSql);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  const row = rows[0]!;
  return { verdict: row.overall_validation_passed as boolean | null, payload: JSON.parse(row.result_payload as string), row };
}

/** Creates `catalog.main.name` from a SELECT (column list in the SELECT). */
export async function table(duck: Duck, catalog: string, name: string, select: string): Promise<void> {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await duck.run(`CREATE OR REPLACE TABLE ${q(catalog)}.main.${q(name)} AS ${select}`);
}

/** A task with aggregate checks on one column: `aggTask('x', ['SUM', 0.01], ['MAX', 0])`. */
export function aggTask(column: string, ...list: [AggFunction, number][]): Task {
  return task({ agg_validations: [{ column, validations: list.map(([agg, tolerance]) => ({ agg, tolerance })) }] });
}
