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

  it('names the failed check and its key metric in the task line', () => {
    assert.equal(taskLine(run.tasks[0]!), '✘ ok  count_validation (relative_diff 20.00%, tolerance 10.00%)\n');
    assert.match(taskLine(run.tasks[1]!), /^! bad {2}error: Catalog Error/);
  });

  it('keeps the JSON report to the documented keys', () => {
    const body = JSON.parse(jsonReport({ run, durationMs: 0 })) as { tasks: object[] };
    assert.deepEqual(Object.keys(body), ['pact', 'engine', 'run_id', 'status', 'tasks']);
    assert.deepEqual(Object.keys(body.tasks[1]!), ['task_key', 'status', 'error', 'payload']);
  });
});
