/**
 * Jobs semantics of the emulator: parameters (dynamic value references, job parameters pushed down and winning),
 * run_if conditions, update merging tasks by key, idempotent run-now, queued runs, and `:name` markers unbound in
 * SQL file tasks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkspaceClient } from '@databricks/sdk-experimental';
import { type Emulator, startEmulator } from './index';

const WH = 'a1b2c3d4e5f60718';
const dir = '/Users/emulator.user@example.com/jobs';

describe('emulator jobs semantics', () => {
  let em: Emulator;
  let w: WorkspaceClient;
  const put = (name: string, text: string) => w.workspace.import({ path: `${dir}/${name}`, content: Buffer.from(text).toString('base64'), format: 'AUTO', overwrite: true });
  const fileTask = (key: string, file: string, extra: Record<string, unknown> = {}) => ({ task_key: key, sql_task: { warehouse_id: WH, file: { path: `${dir}/${file}` }, ...extra } });
  const finished = async (runId: number) => {
    const end = Date.now() + 15_000;
    for (;;) {
      const run = await w.jobs.getRun({ run_id: runId, include_resolved_values: true });
      if (run.state?.life_cycle_state === 'TERMINATED') return run;
      if (Date.now() > end) throw new Error(`run ${runId} did not finish`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  before(async () => {
    em = await startEmulator({ catalogs: ['r'], seedSql: 'CREATE TABLE r.`default`.seen (k STRING, v STRING)' });
    w = new WorkspaceClient({ host: em.url, token: em.token, authType: 'pat' });
    await w.workspace.mkdirs({ path: dir });
    await put('ok.sql', 'SELECT 1;');
    await put('fail.sql', "SELECT raise_error('no');");
  });
  after(() => em.close());

  it('substitutes {{name}} as string literals: dynamic values resolved, job parameters pushed down and winning', async () => {
    await put(
      'params.sql',
      "INSERT INTO r.`default`.seen VALUES ('run', {{run_id}}), ('job', {{job_id}}), ('start', CAST(timestamp_millis(CAST({{job_start_ms}} AS BIGINT)) AS STRING)), ('who', {{who}}), ('quote', {{quote}});",
    );
    const { job_id } = await w.jobs.create({
      name: 'params',
      parameters: [{ name: 'who', default: 'job-default' }],
      tasks: [
        fileTask('p', 'params.sql', {
          parameters: { run_id: '{{job.run_id}}', job_id: '{{job.id}}', job_start_ms: '{{job.start_time.timestamp_ms}}', who: 'task-value', quote: "it's \\ {{job.repair_count}}" },
        }),
      ],
    });
    const { run_id } = await w.jobs.runNow({ job_id: job_id!, job_parameters: { who: 'run-value' } });
    const run = await finished(run_id!);
    assert.equal(run.state?.result_state, 'SUCCESS', run.tasks?.[0]?.state?.state_message);
    const seen = Object.fromEntries((await em.sql('SELECT k, v FROM r.`default`.seen')).map((r) => [r.k, r.v]));
    assert.equal(seen.run, String(run_id));
    assert.equal(seen.job, String(job_id));
    assert.equal(Date.parse(`${seen.start!.replace(' ', 'T')}Z`), run.start_time);
    assert.equal(seen.who, 'run-value');
    assert.equal(seen.quote, "it's \\ 0");
    assert.deepEqual(run.job_parameters?.map((p) => [p.name, p.value]), [['who', 'run-value']]);
    await assert.rejects(w.jobs.runNow({ job_id: job_id!, job_parameters: { nope: 'x' } }), /not defined/);
  });

  it('fails a file task that uses a :name marker with UNBOUND_SQL_PARAMETER', async () => {
    await put('marker.sql', 'SELECT CAST(:run_id AS BIGINT);');
    const { job_id } = await w.jobs.create({ name: 'marker', tasks: [fileTask('m', 'marker.sql', { parameters: { run_id: '{{job.run_id}}' } })] });
    const run = await finished((await w.jobs.runNow({ job_id: job_id! })).run_id!);
    assert.match(run.tasks?.[0]?.state?.state_message ?? '', /^\[UNBOUND_SQL_PARAMETER\] Found the unbound parameter: run_id/);
  });

  it('judges run_if from the dependencies: ALL_SUCCESS, ALL_DONE, AT_LEAST_ONE_FAILED, NONE_FAILED, ALL_FAILED', async () => {
    const deps = [{ task_key: 'good' }, { task_key: 'bad' }];
    const { job_id } = await w.jobs.create({
      name: 'run-if',
      tasks: [
        fileTask('good', 'ok.sql'),
        fileTask('bad', 'fail.sql'),
        { ...fileTask('all_success', 'ok.sql'), depends_on: deps },
        { ...fileTask('all_done', 'ok.sql'), depends_on: deps, run_if: 'ALL_DONE' },
        { ...fileTask('one_failed', 'ok.sql'), depends_on: deps, run_if: 'AT_LEAST_ONE_FAILED' },
        { ...fileTask('none_failed', 'ok.sql'), depends_on: deps, run_if: 'NONE_FAILED' },
        { ...fileTask('all_failed', 'ok.sql'), depends_on: deps, run_if: 'ALL_FAILED' },
        { ...fileTask('downstream', 'ok.sql'), depends_on: [{ task_key: 'all_success' }] },
      ],
    });
    const run = await finished((await w.jobs.runNow({ job_id: job_id! })).run_id!);
    const states = Object.fromEntries(run.tasks!.map((t) => [t.task_key, t.state?.result_state]));
    assert.deepEqual(states, {
      good: 'SUCCESS',
      bad: 'FAILED',
      all_success: 'UPSTREAM_FAILED',
      all_done: 'SUCCESS',
      one_failed: 'SUCCESS',
      none_failed: 'UPSTREAM_FAILED',
      all_failed: 'EXCLUDED', // condition not met without a failure being the reason: skipped
      downstream: 'UPSTREAM_FAILED',
    });
    assert.equal(run.state?.result_state, 'FAILED');
  });

  it('merges update tasks by key, removes fields, and validates the result', async () => {
    const { job_id } = await w.jobs.create({ name: 'merge', tasks: [fileTask('a', 'ok.sql'), fileTask('b', 'ok.sql')] });
    await w.jobs.update({ job_id: job_id!, new_settings: { tasks: [{ ...fileTask('b', 'fail.sql') }, fileTask('c', 'ok.sql')] }, fields_to_remove: ['tasks/a'] });
    const job = await w.jobs.get({ job_id: job_id! });
    assert.deepEqual(job.settings?.tasks?.map((t) => [t.task_key, t.sql_task?.file?.path]), [
      ['b', `${dir}/fail.sql`],
      ['c', `${dir}/ok.sql`],
    ]);
    await assert.rejects(w.jobs.update({ job_id: job_id!, new_settings: { tasks: [{ ...fileTask('d', 'ok.sql'), depends_on: [{ task_key: 'a' }] }] } }), /non-existent task 'a'/);
  });

  it('returns the same run for a repeated idempotency token and queues a second concurrent run', async () => {
    await put('slow.sql', Array.from({ length: 8 }, () => 'SELECT 1;').join('\n'));
    em.state.options.taskStatementDelayMs = 40;
    try {
      const { job_id } = await w.jobs.create({ name: 'queued', tasks: [fileTask('s', 'slow.sql')] });
      const first = await w.jobs.runNow({ job_id: job_id!, idempotency_token: 'tok-1' });
      const again = await w.jobs.runNow({ job_id: job_id!, idempotency_token: 'tok-1' });
      assert.equal(again.run_id, first.run_id);
      const second = await w.jobs.runNow({ job_id: job_id! });
      const queued = await w.jobs.getRun({ run_id: second.run_id! });
      assert.equal(queued.state?.life_cycle_state, 'QUEUED');
      const [a, b] = await Promise.all([finished(first.run_id!), finished(second.run_id!)]);
      assert.ok(b.start_time! >= a.start_time! && a.end_time! <= (await w.jobs.getRun({ run_id: second.run_id! })).end_time!);
      const runs = [];
      for await (const r of w.jobs.listRuns({ job_id: job_id! })) runs.push(r.run_id);
      assert.deepEqual(runs.sort(), [first.run_id, second.run_id].sort());
    } finally {
      em.state.options.taskStatementDelayMs = 0;
    }
  });

  it('answers 401 without a token, in the documented error shape', async () => {
    const res = await fetch(`${em.url}/api/2.2/jobs/list`);
    assert.equal(res.status, 401);
    assert.deepEqual(Object.keys((await res.json()) as object).sort(), ['error_code', 'message']);
  });
});
