/**
 * `datapact validate` runs the checks the editor runs: catalog checks on real DuckDB catalogs (unknown table,
 * unknown column, on either side) and the SQL syntax of a filter, each at its exact line and column; `--offline`
 * skips the catalog ones. Through the built CLI, as CI runs it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, type EngineFixture } from '../engine/engine-fixture';
import { cli, ensureBuilt } from './cli-run-helpers';

const PACT = `engine:
  type: duckdb
  catalogs:
    shop: shop.duckdb
    lake: lake
validations:
  - task_key: wrong_table
    source_catalog: shop
    source_schema: sales
    source_table: ordrs
    target_catalog: lake
    target_schema: sales
    target_table: orders
    count_tolerance: 0
  - task_key: wrong_column
    source_catalog: shop
    source_schema: sales
    source_table: customers
    target_catalog: lake
    target_schema: sales
    target_table: customers
    null_validation_tolerance: 0
    null_validation_columns: [emial]
  - task_key: broken_filter
    source_catalog: shop
    source_schema: sales
    source_table: orders
    target_catalog: lake
    target_schema: sales
    target_table: orders
    count_tolerance: 0
    filter: order_dat >= DATE '2024-01-01' AND
`;

/** 1-based line and column of the first occurrence of `needle` in PACT. */
function at(needle: string): string {
  const offset = PACT.indexOf(needle);
  const before = PACT.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('datapact validate with catalogs', () => {
  let fx: EngineFixture;

  before(async () => {
    ensureBuilt();
    fx = await buildFixture();
    writeFileSync(join(fx.dir, 'ci.pact.yml'), PACT);
  });
  after(() => fx?.cleanup());

  it('finds a wrong table, a wrong column on both sides and a broken filter at their lines', () => {
    const r = cli(['validate', 'ci.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(r.stdout, new RegExp(`^ci\\.pact\\.yml:${at('ordrs')}: error: "ordrs" is not a table in shop\\.sales\\. Did you mean "orders"\\? \\[unknown-table\\]$`, 'm'));
    const column = lines.filter((l) => l.startsWith(`ci.pact.yml:${at('emial')}: error: Column "emial"`));
    assert.equal(column.length, 1, r.stdout); // missing in both tables: one finding naming both
    assert.match(column[0]!, /is in neither the source table shop\.sales\.customers nor the target table lake\.sales\.customers\. \[unknown-column\]$/);
    const filterLine = at("order_dat >=").split(':')[0];
    assert.match(r.stdout, new RegExp(`^ci\\.pact\\.yml:${filterLine}:\\d+: warning: SQL syntax in filter .*\\[sql-syntax\\]$`, 'm'));
    assert.equal(lines.length, 3, r.stdout);
  });

  it('--offline skips the catalog checks and keeps the SQL syntax ones', () => {
    const r = cli(['validate', '--offline', 'ci.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /unknown-table|unknown-column/);
    assert.match(r.stdout, /\[sql-syntax\]$/m);
    assert.equal(r.stdout.trimEnd().split('\n').length, 1);
  });

  it('--format json carries the catalog findings with their codes', () => {
    const r = cli(['validate', '--format', 'json', 'ci.pact.yml'], fx.dir);
    assert.equal(r.code, 1, r.stderr);
    const codes = (JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    assert.deepEqual(codes, ['unknown-table', 'unknown-column', 'sql-syntax']);
  });
});
