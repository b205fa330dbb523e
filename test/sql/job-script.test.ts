/**
 * Databricks job files: run values arrive as `{{name}}` task parameters (never `:name` markers, which file tasks
 * do not bind), the run's start as epoch milliseconds, and a file splits (at `;` outside literals, identifiers and
 * comments, Spark lexing) into exactly the statements it was built from, whatever a filter or custom SQL holds.
 * The aggregate step judges the latest row per task (a repaired run keeps its run id).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileAggregate, compileAggregateScript, compileRecordResult, compileResultsDdl, compileTaskScript, JOB_TASK_PARAMETERS, JobScriptError,
  splitSparkScript, UnterminatedSqlError, type ResultTables,
} from '../../core/src/index';
import { openDuck, table, task, type Duck } from './support/duck';
import { TABLES } from './support/cases';

const opts = { tables: TABLES, jobName: 'nightly' };

/** Significant text outside literals, identifiers and comments (where a `:name` marker would be a marker). */
function codeOutsideLiterals(sql: string): string {
  return sql.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

describe('the Spark script splitter (the rule Jobs splits a file by)', () => {
  it('splits at ; outside literals, quoted identifiers and comments', () => {
    const script = "SELECT 'a;b', \"c;\\\"d\", `e;``f`; -- g;\nSELECT /* h; /* nested; */ i; */ 1;\nSELECT r'a\\b;c' ;";
    assert.deepEqual(splitSparkScript(script), [
      "SELECT 'a;b', \"c;\\\"d\", `e;``f`",
      '-- g;\nSELECT /* h; /* nested; */ i; */ 1',
      "SELECT r'a\\b;c'",
    ]);
  });
  it('a backslash escapes the quote inside a literal; doubled quotes are two literals', () => {
    assert.deepEqual(splitSparkScript("SELECT 'it\\'s;'; SELECT 'a''b;c'"), ["SELECT 'it\\'s;'", "SELECT 'a''b;c'"]);
  });
  it('an unterminated literal or comment is an error, not a guess', () => {
    assert.throws(() => splitSparkScript("SELECT 'open; SELECT 1"), UnterminatedSqlError);
    assert.throws(() => splitSparkScript('SELECT 1 /* open; SELECT 2'), UnterminatedSqlError);
  });
});

describe('task files', () => {
  it('reference the run values as {{name}} task parameters, with no :name marker anywhere', () => {
    const script = compileTaskScript(task({ task_key: 'k', count_tolerance: 0 }), opts);
    assert.match(script, /CAST\(\{\{run_id\}\} AS BIGINT\)/);
    assert.match(script, /CAST\(\{\{job_id\}\} AS BIGINT\)/);
    assert.match(script, /timestamp_millis\(CAST\(\{\{job_start_ms\}\} AS BIGINT\)\)/);
    assert.doesNotMatch(codeOutsideLiterals(script), /:[A-Za-z_]/);
    assert.deepEqual(Object.keys(JOB_TASK_PARAMETERS).sort(), ['job_id', 'job_start_ms', 'run_id']);
    assert.equal(JOB_TASK_PARAMETERS.job_start_ms, '{{job.start_time.timestamp_ms}}');
  });

  it("filters and custom SQL with ';', quotes and '--' inside literals or comments keep every statement whole", () => {
    const hostile = task({
      task_key: "k;'--",
      filter: "note <> 'a; b -- c' AND tag <> 'it\\'s' -- trailing; comment",
      count_tolerance: 0,
      custom_sql_tests: [{ name: 'semi;colon', sql: "SELECT ';' AS s, '--' AS d FROM {{ table_fqn }} /* ; */" }],
      business_owner: "O'Brien; --",
    });
    const script = compileTaskScript(hostile, opts);
    const statements = splitSparkScript(script);
    assert.equal(statements.length, 6);
    assert.match(statements[4]!, /^INSERT INTO/);
    assert.match(statements[5]!, /^SELECT CASE WHEN dp_verdict/);
  });

  for (const [why, filter] of [
    ['a bare ;', 'a = 1; DROP TABLE x'],
    ['an open block comment', 'a = 1 /* open'],
  ] as const) {
    it(`a filter with ${why} is refused with a message naming the task (it would split the file)`, () => {
      assert.throws(() => compileTaskScript(task({ task_key: 'orders', filter, count_tolerance: 0 }), opts), (error: unknown) => {
        assert.ok(error instanceof JobScriptError);
        assert.match((error as Error).message, /^task orders: its filter or custom SQL/);
        return true;
      });
    });
  }

  it('a filter with an unbalanced quote never changes where the file splits (refused, or kept whole)', () => {
    let script: string | undefined;
    try {
      script = compileTaskScript(task({ task_key: 'orders', filter: "name = 'O'Brien; x", count_tolerance: 0 }), opts);
    } catch (error) {
      assert.ok(error instanceof JobScriptError, String(error));
    }
    if (script !== undefined) assert.equal(splitSparkScript(script).length, 6);
  });

  it('a {{reference}} in a literal is escaped; in a filter it is refused (Jobs would substitute it)', () => {
    const script = compileTaskScript(task({ task_key: '{{job.id}}', business_owner: '{{run_id}}', count_tolerance: 0 }), opts);
    assert.doesNotMatch(script.replace(/\{\{(run_id|job_id|job_start_ms)\}\}/g, ''), /\{\{/);
    assert.match(script, /'\{\\\{job\.id}}'/);
    assert.throws(() => compileTaskScript(task({ task_key: 'k', filter: "x = '{{job.id}}'" }), opts), /would replace with a parameter value/);
  });
});

describe('the aggregate step judges the latest row per task', () => {
  let duck: Duck;
  const tables: ResultTables = {
    runHistory: { catalog: 'results', schema: 'dp', table: 'run_history' },
    alertHistory: { catalog: 'results', schema: 'dp', table: 'alert_history' },
  };
  const hist = { tables, jobName: 'job' };
  const params = (ms: number) => ({ run_id: 'r', job_id: 'j', job_start_ms: String(ms) });
  before(async () => {
    duck = await openDuck(['src', 'tgt', 'results']);
    for (const sql of compileResultsDdl('duckdb', tables)) await duck.run(sql);
    await table(duck, 'src', 't', 'SELECT range AS id FROM range(10)');
    await table(duck, 'tgt', 't', 'SELECT range AS id FROM range(9)');
  });
  after(() => duck.close());

  async function verdict(run: string, keys: string[]): Promise<string> {
    const [insert, check] = compileAggregate('duckdb', { ...hist, taskKeys: keys });
    await duck.run(insert!, { run_id: run });
    try {
      return String((await duck.run(check!, { run_id: run }))[0]!.result);
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('a repaired task whose latest row is SUCCESS passes; one whose latest row is FAILURE fails', async () => {
    // First attempt FAILS (tolerance 0 on 10 vs 9 rows), the repair passes (tolerance 0.2): same run id.
    await duck.run(compileRecordResult(task({ task_key: 'repaired', count_tolerance: 0 }), 'duckdb', hist), { ...params(1), run_id: 'r1' });
    await duck.run(compileRecordResult(task({ task_key: 'repaired', count_tolerance: 0.2 }), 'duckdb', hist), { ...params(1), run_id: 'r1' });
    assert.equal(await verdict('r1', ['repaired']), 'All DataPact validations passed successfully!');

    await duck.run(compileRecordResult(task({ task_key: 'regressed', count_tolerance: 0.2 }), 'duckdb', hist), { ...params(1), run_id: 'r2' });
    await duck.run(compileRecordResult(task({ task_key: 'regressed', count_tolerance: 0 }), 'duckdb', hist), { ...params(1), run_id: 'r2' });
    assert.match(await verdict('r2', ['regressed']), /DataPact validation tasks failed: \["regressed"\]/);
  });

  it('records the run start from epoch milliseconds exactly (no time zone involved)', async () => {
    await duck.run(`SET TimeZone = 'America/New_York'`).catch(() => undefined);
    await duck.run(compileRecordResult(task({ task_key: 'ts', count_tolerance: 0.2 }), 'duckdb', hist), { ...params(Date.UTC(2026, 10, 30, 23, 59, 59, 999)), run_id: 'r3' });
    const [row] = await duck.run(`SELECT CAST(job_start_ts AS VARCHAR) AS ts FROM results.dp.run_history WHERE run_id = 'r3'`);
    assert.equal(row!.ts, '2026-11-30 23:59:59.999');
  });

  it('the aggregate file creates alert_history first, records the rows tasks left out, and splits into four statements', () => {
    const statements = splitSparkScript(compileAggregateScript({ ...opts, tasks: [task({ task_key: 'a' }), task({ task_key: "b';--c", business_owner: 'x;y' })] }));
    assert.equal(statements.length, 4);
    assert.match(statements[0]!, /^CREATE TABLE IF NOT EXISTS `main`\.`datapact`\.`alert_history`/);
    assert.match(statements[1]!, /^INSERT INTO `main`\.`datapact`\.`run_history`/);
    assert.match(statements[2]!, /^INSERT INTO `main`\.`datapact`\.`alert_history`/);
  });
});
