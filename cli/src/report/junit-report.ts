/**
 * `--format junit`: JUnit XML as CI systems read it: one testsuite per task, one testcase per check; a failed
 * check carries a <failure> with its metrics, an errored task one testcase with an <error>.
 */
import { checkOutcomes, describeCheck, durationMs, type LabelTask, type TaskResult } from '../../../core/src/index';
import type { RunReport } from './run-report';

export function junitReport(report: RunReport): string {
  const { run } = report;
  const suites = run.tasks.map((t) => testSuite(run.pact, t, report.tasks?.get(t.task_key)));
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const errors = suites.reduce((n, s) => n + s.errors, 0);
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`datapact ${run.pact}`)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
}

function testSuite(pact: string, task: TaskResult, declared: LabelTask | undefined): Suite {
  const time = seconds(durationMs(task));
  const open = (tests: number, failures: number, errors: number) =>
    `  <testsuite name="${attr(task.task_key)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}" timestamp="${attr(task.started_at)}">`;
  const classname = attr(`${pact}.${task.task_key}`);
  if (task.status === 'ERROR') {
    const message = task.error ?? 'unknown error';
    const body = `      <error message="${attr(message)}" type="TaskError">${text(message)}</error>`;
    const xml = [open(1, 0, 1), `    <testcase name="task" classname="${classname}" time="${time}">`, body, '    </testcase>', '  </testsuite>'];
    return { xml: xml.join('\n'), tests: 1, failures: 0, errors: 1 };
  }
  const checks = checkOutcomes(task.payload, declared);
  const cases = checks.map((check) => {
    const head = `    <testcase name="${attr(check.label)}" classname="${classname}">`;
    if (check.status === 'PASS') return head.replace(/>$/, ' />');
    const metrics = JSON.stringify(check.metrics, null, 2);
    return `${head}\n      <failure message="${attr(describeCheck(check))}" type="CheckFailed">${text(metrics)}</failure>\n    </testcase>`;
  });
  // A task that failed without a failing check (its verdict could not be computed) still shows as failed.
  const failures = checks.filter((c) => c.status !== 'PASS').length;
  if (task.status === 'FAILURE' && failures === 0) {
    cases.push(`    <testcase name="task" classname="${classname}">\n      <failure message="the task did not pass" type="TaskFailed" />\n    </testcase>`);
  }
  const tests = Math.max(cases.length, 0);
  const total = failures + (task.status === 'FAILURE' && failures === 0 ? 1 : 0);
  return { xml: [open(tests, total, 0), ...cases, '  </testsuite>'].join('\n'), tests, failures: total, errors: 0 };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 forbids most control characters even escaped; drop them, then escape the five specials. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
