/**
 * A column that exists on one side only: the ERROR names the side that lacks it and that side's table, for every
 * check that reads rows (nulls, aggregates, row hash keys and columns, uniqueness), with and without a filter.
 * Real DuckDB: a source file whose `orders` has `legacy_code` and a target file whose `orders` has `discount`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { resolveEngineConfig, runPact, type EngineRunResult, type Pact, type Task } from '../../core/src/index';

const SOURCE = '"old"."main"."orders"';
const TARGET = '"new"."main"."orders"';

/** The message for a column missing on one side, exactly (no hint: DuckDB offers none for these names). */
function missing(side: 'source' | 'target', column: string): string {
  return `Binder Error: the ${side} table ${side === 'source' ? SOURCE : TARGET} has no column "${column}"`;
}

function task(key: string, extra: Partial<Task>): Task {
  return {
    task_key: key,
    source_catalog: 'old',
    source_schema: 'main',
    source_table: 'orders',
    target_catalog: 'new',
    target_schema: 'main',
    target_table: 'orders',
    ...extra,
  };
}

async function writeTable(file: string, extraColumn: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  await c.run(`CREATE TABLE orders AS SELECT i AS order_id, i * 2 AS amount, i % 3 AS ${extraColumn} FROM range(1, 21) t(i)`);
  c.disconnectSync();
  instance.closeSync();
}

describe('a column present on one side only', () => {
  let dir: string;
  let run: EngineRunResult;
  const error = (key: string) => {
    const t = run.tasks.find((r) => r.task_key === key);
    assert.ok(t, `task ${key} ran`);
    assert.equal(t.status, 'ERROR', `${key} is an ERROR`);
    return t.error ?? '';
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datapact-sides-'));
    await writeTable(join(dir, 'old.duckdb'), 'legacy_code');
    await writeTable(join(dir, 'new.duckdb'), 'discount');
    const nulls = (column: string) => ({ null_validation_columns: [column], null_validation_tolerance: 0 });
    const sum = (column: string) => ({ agg_validations: [{ column, validations: [{ agg: 'SUM' as const, tolerance: 0 }] }] });
    const hashed = (column: string) => ({ primary_keys: ['order_id'], pk_row_hash_check: true, hash_columns: [column] });
    const pact: Pact = {
      engine: { type: 'duckdb', catalogs: { old: join(dir, 'old.duckdb'), new: join(dir, 'new.duckdb') }, results: join(dir, 'history.duckdb') },
      validations: [
        task('nulls_target_only', nulls('discount')),
        task('nulls_source_only', nulls('legacy_code')),
        task('sum_target_only', sum('discount')),
        task('sum_source_only', sum('legacy_code')),
        task('hash_column_target_only', hashed('discount')),
        task('hash_column_source_only', hashed('legacy_code')),
        task('hash_key_target_only', { primary_keys: ['discount'], pk_row_hash_check: true }),
        task('unique_target_only', { uniqueness_columns: ['discount'], uniqueness_tolerance: 0 }),
        task('unique_source_only', { uniqueness_columns: ['legacy_code'], uniqueness_tolerance: 0 }),
        task('filtered_target_only', { ...nulls('discount'), filter: 'amount > 4' }),
        task('filtered_source_only', { ...sum('legacy_code'), filter: 'amount > 4' }),
        // An alias the generator did not make (here in custom SQL) is not a side: the message stays DuckDB's.
        task('custom_alias', { custom_sql_tests: [{ name: 'own alias', sql: 'SELECT o.no_such FROM {{ table_fqn }} AS o' }] }),
        task('both_sides_have_it', { ...nulls('amount'), ...sum('amount'), ...hashed('amount') }),
      ],
    };
    run = await runPact(pact, { pactPath: 'sides.pact.yml', engineConfig: resolveEngineConfig(pact.engine, undefined) });
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('names the source table when only the target has the column', () => {
    for (const key of ['nulls_target_only', 'sum_target_only', 'hash_column_target_only', 'hash_key_target_only', 'unique_target_only']) {
      assert.equal(error(key), missing('source', 'discount'), key);
    }
  });

  it('names the target table when only the source has the column', () => {
    for (const key of ['nulls_source_only', 'sum_source_only', 'hash_column_source_only', 'unique_source_only']) {
      assert.equal(error(key), missing('target', 'legacy_code'), key);
    }
  });

  it('names the side through a filter too', () => {
    assert.equal(error('filtered_target_only'), missing('source', 'discount'));
    assert.equal(error('filtered_source_only'), missing('target', 'legacy_code'));
  });

  it("leaves a message about an alias that is not a side's as DuckDB wrote it", () => {
    assert.equal(error('custom_alias'), 'Binder Error: Table "o" does not have a column named "no_such"');
  });

  it('runs the same checks when both sides have the column', () => {
    assert.equal(run.tasks.find((t) => t.task_key === 'both_sides_have_it')?.status, 'SUCCESS');
  });
});
