/** Report formats on crafted results: XML escaping, failures vs errors, the JSON shape. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineRunResult } from '../../core/src/index';
import { jsonReport } from '../../cli/src/report/json-report';
import { junitReport } from '../../cli/src/report/junit-report';
import { taskLine } from '../../cli/src/report/text-report';
import { checkXml } from './cli-run-helpers';

const AT = '2026-01-01T00:00:00.000Z';
const run: EngineRunResult = {
  pact: 'a&b <c>.pact.yml',
  engine: 'duckdb',
  run_id: '42',
  status: 'ERROR',
  aggregate: { passed: false, message: 'failed' },
  resultsLocation: '/tmp/h.duckdb',
  tasks: [
    {
      task_key: 'ok',
      status: 'FAILURE',
      payload: {
        applied_filter: "x < 3 AND y = 'a&b'",
        count_validation: { status: 'FAIL', source_count: 10, target_count: 8, relative_diff: 0.2, tolerance: 0.1 },
        custom_sql_validation_q: { status: 'PASS', name: 'q "1"' },
      },
      started_at: AT,
      finished_at: '2026-01-01T00:00:01.500Z',
    },
    { task_key: 'bad', status: 'ERROR', error: 'Catalog Error: Table "<x>" & \u0001 gone', payload: null, started_at: AT, finished_at: AT },
  ],
};

describe('run reports', () => {
  it('escapes every special character in JUnit XML and drops control characters', () => {
    const xml = junitReport({ run, durationMs: 1500 });
    const names = checkXml(xml);
    assert.deepEqual(names, ['testsuites', 'testsuite', 'testcase', 'failure', 'testcase', 'testsuite', 'testcase', 'error']);
    assert.match(xml, /name="datapact a&amp;b &lt;c&gt;\.pact\.yml"/);
    assert.match(xml, /message="Catalog Error: Table &quot;&lt;x&gt;&quot; &amp;  gone"/);
    assert.doesNotMatch(xml, /\u0001/);
    assert.match(xml, /<testsuite name="ok" tests="2" failures="1" errors="0" time="1\.500"/);
  });

  it('names the failed check as people say it, with its inputs and its ratio against the tolerance', () => {
    assert.equal(taskLine(run.tasks[0]!), '✘ ok  row count: source 10, target 8 (20% > tolerance 10%)\n');
    assert.match(taskLine(run.tasks[1]!), /^! bad {2}error: Catalog Error/);
  });

  it('shows enough digits that a ratio just over its tolerance never reads equal to it', () => {
    const line = taskLine({
      ...run.tasks[0]!,
      payload: { null_validation_phone: { status: 'FAIL', source_nulls: 100000, target_nulls: 100001, relative_diff: 0.00001, tolerance: 0.0000099 } },
    });
    assert.equal(line, '✘ ok  nulls in phone: source 100,000, target 100,001 (0.001% > tolerance 0.00099%)\n');
    const close = taskLine({
      ...run.tasks[0]!,
      payload: { agg_validation_amount_COUNT_DISTINCT: { status: 'FAIL', source_value: 10.5, target_value: 10.5000001, relative_diff: 0.0100001, tolerance: 0.01 } },
    });
    assert.equal(close, '✘ ok  COUNT(DISTINCT amount): source 10.5, target 10.5000001 (1.00001% > tolerance 1%)\n');
  });

  it('names JUnit test cases as people say the checks', () => {
    assert.match(junitReport({ run, durationMs: 1 }), /<testcase name="row count" classname=/);
  });

  it('keeps the JSON report to the documented keys', () => {
    const body = JSON.parse(jsonReport({ run, durationMs: 0 })) as { tasks: object[] };
    assert.deepEqual(Object.keys(body), ['pact', 'engine', 'run_id', 'status', 'tasks']);
    assert.deepEqual(Object.keys(body.tasks[1]!), ['task_key', 'status', 'error', 'checks', 'payload']);
  });

  it('names every check in the JSON report as the text report does, beside its payload key and verdict', () => {
    const body = JSON.parse(jsonReport({ run, durationMs: 0 })) as { tasks: Array<{ checks: object[] }> };
    assert.deepEqual(body.tasks[0]!.checks, [
      { key: 'count_validation', name: 'row count', status: 'FAIL' },
      { key: 'custom_sql_validation_q', name: 'custom SQL \'q "1"\'', status: 'PASS' },
    ]);
    assert.deepEqual(body.tasks[1]!.checks, []);
  });
});
