import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDuck, table, task, type Duck } from './support/duck';
import {
  compileAggregate, compileRecordError, compileRecordResult, compileResultsDdl, RUN_HISTORY_COLUMNS, type ResultTables,
} from '../../core/src/index';

const tables: ResultTables = {
  runHistory: { catalog: 'results', schema: 'data pact', table: 'run_history' },
  alertHistory: { catalog: 'results', schema: 'data pact', table: 'alert_history' },
};
const opts = { tables, jobName: "nightly 'job'" };
// 2025-01-02 03:04:05.678 UTC in epoch milliseconds.
const params = (run: string) => ({ run_id: run, job_id: 'job-1', job_start_ms: String(Date.UTC(2025, 0, 2, 3, 4, 5, 678)) });

describe('run history on DuckDB', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck(['src', 'tgt', 'results']);
    for (const sql of compileResultsDdl('duckdb', tables)) await duck.run(sql);
    for (const sql of compileResultsDdl('duckdb', tables)) await duck.run(sql); // idempotent
    await table(duck, 'src', 't', 'SELECT range AS id FROM range(10)');
    await table(duck, 'tgt', 't', 'SELECT range AS id FROM range(9)');
  });
  after(() => duck.close());

  const history = (run: string) =>
    duck.run(`SELECT task_key, status, job_id, job_name, CAST(job_start_ts AS VARCHAR) AS ts, business_owner, expected_sla_hours, result_payload
      FROM results."data pact".run_history WHERE run_id = '${run}' ORDER BY task_key`);

  it('creates run_history with the 20 columns', async () => {
    const cols = await duck.run(`SELECT column_name FROM information_schema.columns WHERE table_name = 'run_history' ORDER BY ordinal_position`);
    assert.deepEqual(cols.map((c) => c.column_name), RUN_HISTORY_COLUMNS.map(([n]) => n));
  });

  it('records SUCCESS, FAILURE and ERROR (a check that cannot be computed) with metadata', async () => {
    await duck.run(compileRecordResult(task({ task_key: 'pass', count_tolerance: 0.2, business_owner: "O'Brien", expected_sla_hours: 6 }), 'duckdb', opts), params('r1'));
    await duck.run(compileRecordResult(task({ task_key: 'fail', count_tolerance: 0 }), 'duckdb', opts), params('r1'));
    // A NaN tolerance makes the comparison NULL: the check cannot be computed, so the task is ERROR, never PASS.
    await duck.run(compileRecordResult(task({ task_key: 'null', count_tolerance: Number.NaN }), 'duckdb', opts), params('r1'));
    const rows = await history('r1');
    assert.deepEqual(rows.map((r) => [r.task_key, r.status]), [['fail', 'FAILURE'], ['null', 'ERROR'], ['pass', 'SUCCESS']]);
    const pass = rows[2]!;
    assert.equal(pass.job_name, "nightly 'job'");
    assert.equal(pass.ts, '2025-01-02 03:04:05.678');
    assert.equal(pass.business_owner, "O'Brien");
    assert.equal(pass.expected_sla_hours, 6);
    assert.equal(JSON.parse(pass.result_payload as string).count_validation.target_count, 9);
    assert.equal(JSON.parse(rows[1]!.result_payload as string).count_validation.status, null);
  });

  it('records an error row with the message in the payload', async () => {
    await duck.run(compileRecordError(task({ task_key: 'crash' }), 'duckdb', opts), { ...params('r2'), error_message: 'Catalog "x" does not exist' });
    const [row] = await history('r2');
    assert.equal(row!.status, 'ERROR');
    assert.deepEqual(JSON.parse(row!.result_payload as string), { error: 'Catalog "x" does not exist' });
  });

  it('aggregate: passes when every expected task succeeded, without an alert', async () => {
    await duck.run(compileRecordResult(task({ task_key: 'a', count_tolerance: 0.2 }), 'duckdb', opts), params('r3'));
    const [insert, verdict] = compileAggregate('duckdb', { ...opts, taskKeys: ['a'] });
    await duck.run(insert!, { run_id: 'r3' });
    assert.deepEqual(await duck.run(verdict!, { run_id: 'r3' }), [{ result: 'All DataPact validations passed successfully!' }]);
    assert.deepEqual(await duck.run(`SELECT * FROM results."data pact".alert_history WHERE run_id = 'r3'`), []);
  });

  it('aggregate: a failed task and a task that wrote no row both fail the run, after an alert row', async () => {
    const [insert, verdict] = compileAggregate('duckdb', { ...opts, taskKeys: ['pass', 'fail', 'null', 'never-ran'] });
    await duck.run(insert!, { run_id: 'r1' });
    await assert.rejects(duck.run(verdict!, { run_id: 'r1' }), /DataPact validation tasks failed: \["fail","never-ran","null"\]/);
    const alerts = await duck.run(`SELECT job_name, failed_task_keys, failure_count FROM results."data pact".alert_history WHERE run_id = 'r1'`);
    assert.deepEqual(alerts, [{ job_name: "nightly 'job'", failed_task_keys: ['fail', 'never-ran', 'null'], failure_count: '3' }]);
  });
});
