/**
 * Every generated Databricks statement parses with a real Spark SQL grammar (dt-sql-parser's SparkSQL).
 *
 * Where that grammar lacks a Databricks construct, we substitute minimally before parsing:
 *  - three-part names (catalog.schema.table) as the TARGET of INSERT INTO / CREATE TABLE: the grammar accepts
 *    only two parts there (it accepts three in FROM). We drop the catalog part of that one name.
 * Everything else parses as generated: `:name` parameter markers, DECLARE OR REPLACE VARIABLE, SET VARIABLE,
 * `<=>`, VARIANT, parse_json, backslash-escaped literals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SparkSQL } from 'dt-sql-parser';
import {
  compileAggregate, compileAggregateScript, compileRecordError, compileRecordResult, compileResultsDdl, compileTask, compileTaskScript,
  splitSparkScript,
} from '../../core/src/index';
import { CASES, TABLES, TYPED_CASE_COLUMNS, TYPED_CASES, TYPED_COLUMNS } from './support/cases';

const parser = new SparkSQL();
const IDENT = '`(?:[^`]|``)*`';
const THREE_PART_TARGET = new RegExp(`^((?:INSERT INTO|CREATE TABLE IF NOT EXISTS) )${IDENT}\\.(${IDENT}\\.${IDENT})`);

function assertParses(label: string, sql: string): void {
  const substituted = sql.replace(THREE_PART_TARGET, '$1$2');
  const errors = parser.validate(substituted);
  assert.deepEqual(
    errors.map((e) => `${e.startLine}:${e.startColumn} ${e.message}`),
    [],
    `${label} does not parse:\n${substituted}`,
  );
}

const opts = { tables: TABLES, jobName: "nightly 'job' \\" };

/** What the warehouse runs of a job file: split at `;` (Spark lexing), each `{{name}}` replaced by a quoted literal. */
function asJobsRunsIt(script: string): string[] {
  return splitSparkScript(script).map((s) => s.replace(/\{\{(\w+)\}\}/g, "'1700000000123'"));
}

describe('Databricks SQL parses with the Spark grammar', () => {
  for (const [name, t] of Object.entries(CASES)) {
    it(`metrics query: ${name}`, () => assertParses(name, compileTask(t, 'databricks').metricsSql));
    it(`record result and error: ${name}`, () => {
      assertParses(`${name} record`, compileRecordResult(t, 'databricks', opts));
      assertParses(`${name} error`, compileRecordError(t, 'databricks', opts));
    });
    it(`task script, statement by statement as Jobs splits and substitutes it: ${name}`, () => {
      const statements = asJobsRunsIt(compileTaskScript(t, opts));
      assert.equal(statements.length, 6);
      statements.forEach((s, i) => assertParses(`${name} script #${i + 1}`, s));
    });
  }
  // Compiled with the tables' columns (as a run compiles): canonical encodings of every type family, exact sums.
  for (const [name, t] of Object.entries(TYPED_CASES)) {
    it(`metrics query with column lists: ${name}`, () => assertParses(name, compileTask(t, 'databricks', (TYPED_CASE_COLUMNS[name]?.databricks ?? TYPED_COLUMNS.databricks)).metricsSql));
    it(`task script with column lists, as Jobs runs it: ${name}`, () => {
      const statements = asJobsRunsIt(compileTaskScript(t, { ...opts, columns: (TYPED_CASE_COLUMNS[name]?.databricks ?? TYPED_COLUMNS.databricks) }));
      statements.forEach((s, i) => assertParses(`${name} script #${i + 1}`, s));
    });
  }
  it('aggregate_results file, statement by statement as Jobs runs it', () => {
    const tasks = Object.values(CASES).map((t, i) => ({ ...t, task_key: ['a', "b'c", '{{job.id}}'][i % 3]! + String(i) }));
    const statements = asJobsRunsIt(compileAggregateScript({ ...opts, tasks }));
    assert.equal(statements.length, 4);
    statements.forEach((s, i) => assertParses(`aggregate file #${i + 1}`, s));
  });
  it('results DDL and aggregate statements', () => {
    for (const s of compileResultsDdl('databricks', TABLES)) assertParses('ddl', s);
    for (const s of compileAggregate('databricks', { ...opts, taskKeys: ['a', "b'c"] })) assertParses('aggregate', s);
    for (const s of compileAggregate('databricks', { ...opts, taskKeys: [] })) assertParses('aggregate (no keys)', s);
  });
  it('the grammar does reject broken SQL (the test can fail)', () => {
    assert.notDeepEqual(parser.validate('SELECT FROM WHERE ('), []);
  });
});
