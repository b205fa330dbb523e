/**
 * Golden files pin the generated SQL of each dialect: test/fixtures/sql/<case>.<dialect>.sql.
 * UPDATE_GOLDEN=1 rewrites them (review the diff).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAggregate, compileRecordError, compileRecordResult, compileResultsDdl, compileTask, compileTaskScript } from '../../core/src/index';
import { CASES, TABLES, TYPED_CASE_COLUMNS, TYPED_CASES, TYPED_COLUMNS } from './support/cases';

const DIR = join(__dirname, '..', 'fixtures', 'sql');
const DIALECTS = ['duckdb', 'databricks'] as const;
const opts = { tables: TABLES, jobName: 'datapact_nightly' };

function golden(name: string, actual: string): void {
  const file = join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${name} was missing and has been written: review it and rerun`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 to accept)`);
}

describe('golden SQL', () => {
  for (const [name, t] of Object.entries(CASES)) {
    for (const dialect of DIALECTS) {
      it(`${name}.${dialect}`, () => golden(`${name}.${dialect}.sql`, `${compileTask(t, dialect).metricsSql}\n`));
    }
  }
  // Compiled with both tables' columns, as a run compiles: canonical hash by name, exact sums, typed MIN/MAX.
  for (const [name, t] of Object.entries(TYPED_CASES)) {
    for (const dialect of DIALECTS) {
      it(`${name}.${dialect}`, () => golden(`${name}.${dialect}.sql`, `${compileTask(t, dialect, TYPED_CASE_COLUMNS[name]?.[dialect] ?? TYPED_COLUMNS[dialect]).metricsSql}\n`));
    }
  }
  for (const dialect of DIALECTS) {
    it(`history.${dialect}`, () => {
      const t = CASES.count!;
      const statements = [
        ...compileResultsDdl(dialect, TABLES),
        compileRecordResult(t, dialect, opts),
        compileRecordError(t, dialect, opts),
        ...compileAggregate(dialect, { ...opts, taskKeys: ['orders_count', 'orders_hash'] }),
      ];
      golden(`history.${dialect}.sql`, statements.map((s) => `${s};\n`).join('\n'));
    });
  }
  it('task-script.databricks', () => golden('task-script.databricks.sql', compileTaskScript(CASES.everything!, opts)));
});
