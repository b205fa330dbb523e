/**
 * Job and run ids past 2^53: the Jobs API's ids are int64, and a JSON number read as a double is no longer exact
 * there (9007199254740993 reads as …992). The emulator issues such ids; a run, its record in runs.json, its rows,
 * its report, its page in `datapact history` and `datapact attach` all carry them exactly, and a second run resets the same job.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalRuns } from '../../core/src/index';
import { startEmulator, type Emulator } from '../emulator';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, SEED_SQL, taskYaml, writePact, type Sandbox } from './support';

const RUN_ID = '9007199254740993'; // 2^53 + 1: no double holds it
const JOB_ID = '9007199254740999'; // 2^53 + 7

describe('Databricks ids past 2^53', () => {
  let em: Emulator;
  let box: Sandbox;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    em = await startEmulator({ catalogs: ['shop', 'lake', 'datapact'], seedSql: SEED_SQL });
    em.state.jobs.issueIdsFrom({ jobId: BigInt(JOB_ID), runId: BigInt(RUN_ID) });
    box = sandbox();
    env = cleanEnv(box.home, em.env());
  });
  after(async () => {
    await em.close();
    box.close();
  });

  it('run → report, rows, runs.json and the stored job id → attach from another process, all exact', async () => {
    const pact = writePact(box.dir, 'big.pact.yml', {
      engine: databricksEngine({ job_name: 'big ids' }),
      validations: [taskYaml('orders', 'orders', { count_tolerance: 0 }), taskYaml('customers', 'customers', { count_tolerance: 0 })],
    });
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stderr, new RegExp(`job run ${RUN_ID} started: .*/jobs/${JOB_ID}/runs/${RUN_ID}`));
    const report = JSON.parse(r.stdout);
    assert.equal(report.run_id, RUN_ID);
    assert.deepEqual(report.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
    // Rows were written with the exact ids (the task files' {{job.run_id}}) and read back by them.
    const rows = await em.sql(`SELECT CAST(run_id AS STRING) AS run_id, CAST(job_id AS STRING) AS job_id, task_key FROM datapact.results.run_history ORDER BY task_key`);
    assert.deepEqual(rows, [{ run_id: RUN_ID, job_id: JOB_ID, task_key: 'customers' }, { run_id: RUN_ID, job_id: JOB_ID, task_key: 'orders' }]);
    const record = readLocalRuns(pact).find((x) => x.run_id === RUN_ID);
    assert.ok(record, `runs.json: ${JSON.stringify(readLocalRuns(pact))}`);
    assert.equal(record.job_id, JOB_ID);
    assert.match(record.url ?? '', new RegExp(`/jobs/${JOB_ID}/runs/${RUN_ID}$`));
    assert.match(readFileSync(join(box.dir, '.datapact', 'runs.json'), 'utf8'), new RegExp(`"run_id": "${RUN_ID}"`));
    const stored = JSON.parse(readFileSync(join(box.dir, '.datapact', 'databricks-jobs.json'), 'utf8'));
    assert.deepEqual(Object.values(stored), [JOB_ID]);

    // The history names the run's page with both ids exact.
    const history = await cliAsync(['history', pact, '--format', 'json'], box.dir, env);
    assert.equal(history.code, 0, history.stderr + history.stdout);
    assert.deepEqual([...new Set(JSON.parse(history.stdout).runs.map((e: { run_url?: string }) => e.run_url))], [`${em.url}/jobs/${JOB_ID}/runs/${RUN_ID}`]);

    const attached = await cliAsync(['attach', RUN_ID, '--format', 'json'], box.dir, env);
    assert.equal(attached.code, 1, attached.stderr + attached.stdout);
    const again = JSON.parse(attached.stdout);
    assert.equal(again.run_id, RUN_ID);
    assert.deepEqual(again.tasks.map((t: { task_key: string; status: string }) => [t.task_key, t.status]), [['orders', 'SUCCESS'], ['customers', 'FAILURE']]);
    const gets = em.state.calls.filter((c) => c.path.endsWith('/jobs/runs/get'));
    assert.ok(gets.length > 0 && gets.every((c) => c.query === `?run_id=${RUN_ID}`), gets.map((c) => c.query).join(' '));
    // The rounded id names no run: a client that read the id as a double would poll, cancel and read nothing.
    assert.notEqual(String(Number(RUN_ID)), RUN_ID);
    const rounded = await fetch(`${em.url}/api/2.2/jobs/runs/get?run_id=${String(Number(RUN_ID))}`, { headers: { Authorization: `Bearer ${em.token}` } });
    assert.equal(rounded.status, 400);
    assert.match(await rounded.text(), /does not exist/);
  });

  it('a second run finds the job by its stored exact id and resets it in place', async () => {
    const pact = join(box.dir, 'big.pact.yml');
    const before = em.state.calls.length;
    const r = await cliAsync(['run', pact, '--format', 'json'], box.dir, env);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const calls = em.state.calls.slice(before);
    const reset = calls.find((c) => c.path.endsWith('/jobs/reset'));
    assert.equal(String((reset?.body as { job_id?: unknown } | undefined)?.job_id), JOB_ID);
    assert.equal(em.state.jobs.createdNames.filter((n) => n === 'big ids').length, 1);
    assert.ok(calls.some((c) => c.path.endsWith('/jobs/get') && c.query === `?job_id=${JOB_ID}`));
  });
});
