/** setup-alert's pure parts: the destination and schedule flags, and the Alerts v2 body (its query parses as Spark SQL). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SparkSQL } from 'dt-sql-parser';
import { alertBody, DestinationError, parseDestination, parseSchedule, ScheduleError } from '../../core/src/index';

describe('setup-alert definitions', () => {
  it('a destination is a Slack webhook URL or e-mail addresses', () => {
    assert.deepEqual(parseDestination('https://hooks.slack.com/services/T0/B0/xyz'), { kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/xyz' });
    assert.deepEqual(parseDestination(' a@x.com, B@y.org ,a@x.com'), { kind: 'email', addresses: ['a@x.com', 'b@y.org'] });
    for (const [bad, message] of [
      ['', /empty/],
      ['http://hooks.slack.com/services/secret', /https:\/\//],
      ['a@x.com, nope', /'nope' is neither an e-mail address nor a Slack webhook URL/],
      ['https://exa mple.com/secret', /not a valid URL/],
    ] as const) {
      assert.throws(() => parseDestination(bad), (e: Error) => e instanceof DestinationError && message.test(e.message));
    }
    // The webhook path is a secret: messages never show it.
    assert.throws(() => parseDestination('https://exa mple.com/secret'), (e: Error) => !e.message.includes('secret'));
  });

  it('--every: minutes, hours or a day, as Quartz cron', () => {
    assert.deepEqual(parseSchedule('5m'), { text: '5m', seconds: 300, quartzCron: '0 0/5 * * * ?' });
    assert.deepEqual(parseSchedule('2h'), { text: '2h', seconds: 7200, quartzCron: '0 0 0/2 * * ?' });
    assert.deepEqual(parseSchedule('1d'), { text: '1d', seconds: 86400, quartzCron: '0 0 0 * * ?' });
    for (const bad of ['0m', '60m', '24h', '2d', '5', 'm5', '5s', '']) assert.throws(() => parseSchedule(bad), ScheduleError, bad);
  });

  it('the alert counts the job\'s new alert_history rows, quoted, and parses as Spark SQL', () => {
    const body = alertBody({
      alertHistory: { catalog: 'main', schema: 'data pact', table: 'alert_history' },
      jobName: "nightly 'job' \\",
      warehouseId: 'wh1',
      schedule: parseSchedule('5m'),
      destinationId: 'dest-1',
    });
    assert.match(body.query_text, /FROM `main`\.`data pact`\.`alert_history`/);
    assert.ok(body.query_text.includes("`job_name` = 'nightly \\'job\\' \\\\'"), body.query_text);
    assert.match(body.query_text, /INTERVAL 360 SECONDS/);
    assert.deepEqual(new SparkSQL().validate(body.query_text).map((e) => e.message), [], body.query_text);
    assert.equal(body.evaluation.source.name, 'new_failures');
    assert.deepEqual(body.evaluation.notification.subscriptions, [{ destination_id: 'dest-1' }]);
    assert.deepEqual(body.schedule, { quartz_cron_schedule: '0 0/5 * * * ?', timezone_id: 'UTC', pause_status: 'UNPAUSED' });
  });
});
