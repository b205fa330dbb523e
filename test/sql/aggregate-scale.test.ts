/**
 * The aggregate step of a 10,000-task run on DuckDB (issue 13): the expected task keys are one VALUES list, so
 * the statement plans in linear time and memory (a UNION ALL branch per key took 28 s and 1.4 GB at 3,000), or a
 * table the engine filled, so the statement does not grow with the run at all. What keeps it linear is checked on
 * the statements' shape here; its speed, per key at 100 and 10,000 keys, is the `aggregate` part of `npm run bench`
 * (bench/scale.bench.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDuck, type Duck } from './support/duck';
import { compileAggregate, compileResultsDdl, type ResultTables } from '../../core/src/index';

const tables: ResultTables = {
  runHistory: { catalog: 'results', schema: 'main', table: 'run_history' },
  alertHistory: { catalog: 'results', schema: 'main', table: 'alert_history' },
};
const TASKS = 10_000;
const taskKeys = (n: number) => Array.from({ length: n }, (_, i) => `task_${i}`);
const expectedTasks = { catalog: 'results', schema: 'main', table: 'expected_tasks' };

describe('aggregate step at 10,000 tasks', () => {
  let duck: Duck;
  before(async () => {
    duck = await openDuck(['results']);
    for (const sql of compileResultsDdl('duckdb', tables)) await duck.run(sql);
    // Every task but the last recorded SUCCESS: the missing one must fail the run.
    await duck.run(`INSERT INTO results.main.run_history (run_id, task_key, status)
      SELECT '7', 'task_' || i, 'SUCCESS' FROM range(${TASKS - 1}) t(i)`);
    // The same for run 8, whose expected tasks are in a table (one key twice: it counts once).
    await duck.run(`INSERT INTO results.main.run_history (run_id, task_key, status)
      SELECT '8', 'task_' || i, CASE WHEN i = 5 THEN 'FAILURE' ELSE 'SUCCESS' END FROM range(${TASKS - 1}) t(i)`);
    await duck.run(`CREATE TABLE results.main.expected_tasks AS SELECT 'task_' || i AS task_key FROM range(${TASKS}) t(i) UNION ALL SELECT 'task_5'`);
  });
  after(() => duck.close());

  for (const dialect of ['duckdb', 'databricks'] as const) {
    it(`${dialect}: the keys are written once, as one VALUES list, so each statement grows by the keys' own text alone`, () => {
      const small = compileAggregate(dialect, { tables, jobName: 'big', taskKeys: taskKeys(100) });
      const large = compileAggregate(dialect, { tables, jobName: 'big', taskKeys: taskKeys(TASKS) });
      // The keys' tuples as one VALUES list writes them (plain keys are quoted alike in both dialects).
      const listLength = (n: number) => taskKeys(n).map((k) => `('${k}')`).join(', ').length;
      assert.equal(large.length, small.length);
      for (const [i, statement] of large.entries()) {
        assert.equal(statement.length - small[i]!.length, listLength(TASKS) - listLength(100), `statement ${i} grows by more than its keys`);
        assert.equal((statement.match(/\bUNION\b/g) ?? []).length, (small[i]!.match(/\bUNION\b/g) ?? []).length, `statement ${i}: a UNION per key`);
        assert.equal((statement.match(/\bVALUES\b/g) ?? []).length, 1, `statement ${i}: one VALUES list`);
        assert.equal((statement.match(/'task_9999'/g) ?? []).length, 1, `statement ${i}: each key once`);
      }
    });
  }

  it('finds the one missing task among 10,000', async () => {
    const [insert, verdict] = compileAggregate('duckdb', { tables, jobName: 'big', taskKeys: taskKeys(TASKS) });
    await duck.run(insert!, { run_id: '7' });
    await assert.rejects(duck.run(verdict!, { run_id: '7' }), /DataPact validation tasks failed: \["task_9999"\]/);
    const alerts = await duck.run(`SELECT failure_count FROM results.main.alert_history WHERE run_id = '7'`);
    assert.deepEqual(alerts.map((r) => Number(r.failure_count)), [1]);
  });

  it('reads the expected tasks from a table: the statements do not grow with the run, and the verdict is the same', async () => {
    const statements = compileAggregate('duckdb', { tables, jobName: 'big', expectedTasks });
    assert.deepEqual(statements, compileAggregate('duckdb', { tables, jobName: 'big', expectedTasks }));
    assert.ok(statements.every((s) => s.length < 3_000 && !/'task_\d/.test(s)), 'no task key is written into the SQL');
    const [insert, verdict] = statements;
    await duck.run(insert!, { run_id: '8' });
    await assert.rejects(duck.run(verdict!, { run_id: '8' }), /DataPact validation tasks failed: \["task_5","task_9999"\]/);
    const alerts = await duck.run(`SELECT failed_task_keys, failure_count FROM results.main.alert_history WHERE run_id = '8'`);
    assert.deepEqual(alerts.map((r) => [r.failed_task_keys, Number(r.failure_count)]), [[['task_5', 'task_9999'], 2]]);
  });
});
