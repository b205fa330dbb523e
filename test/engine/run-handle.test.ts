/**
 * The DuckDB engine on the engine seam: run handles (start returns at once, events, snapshot, cancel, result),
 * attach by id, and the results store (real begin/end times, a run's start and end, no-history, a store that cannot
 * be used refused before any task runs). Slow tasks are real DuckDB work: a filter whose subquery scans a generated
 * range (ENDLESS would take hours, so only an interrupt ends it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEngine,
  EngineConfigError,
  readLocalRuns,
  runsInFlight,
  resolveEngineConfig,
  runPact,
  startRun,
  type Pact,
  type RunEvent,
} from '../../core/src/index';
import { buildFixture, ENDLESS_FILTER, pactOf, queryResults, SLOW_FILTER, task, type EngineFixture } from './engine-fixture';


/** Rejects when `promise` takes longer than `ms` (every wait in a test has a deadline). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('DuckDB run handles', () => {
  let fx: EngineFixture;
  before(async () => {
    fx = await buildFixture();
  });
  after(() => fx?.cleanup());

  const configOf = (pact: Pact) => resolveEngineConfig(pact.engine, undefined);

  it('start returns the run id before any task finishes; events come in order and the snapshot follows them', async () => {
    const pact = pactOf(fx, [
      task('orders_count', 'orders', { count_tolerance: 0 }),
      task('slow_count', 'orders', { count_tolerance: 0, filter: SLOW_FILTER }),
    ]);
    const engine = createEngine(configOf(pact));
    const handle = await engine.start(pact, { pactPath: 'p.pact.yml' });
    assert.match(handle.runId, /^\d+$/);
    const first = handle.snapshot();
    assert.equal(first.run_id, handle.runId);
    assert.equal(first.engine, 'duckdb');
    assert.ok(first.state === 'PENDING' || first.state === 'RUNNING', first.state);
    assert.deepEqual(first.tasks.map((t) => [t.task_key, t.state]), [['orders_count', 'QUEUED'], ['slow_count', 'QUEUED']]);
    const events: RunEvent[] = [];
    handle.onEvent((e) => events.push(e));
    const result = await within(60_000, handle.result, 'the run');
    const kinds = events.map((e) => (e.kind === 'task-finished' ? `finished:${e.result.task_key}` : 'task_key' in e ? `${e.kind}:${e.task_key}` : e.kind));
    assert.deepEqual(kinds.slice(0, 2), ['task-queued:orders_count', 'task-queued:slow_count']);
    for (const key of ['orders_count', 'slow_count']) {
      assert.ok(kinds.indexOf(`task-running:${key}`) < kinds.indexOf(`finished:${key}`), kinds.join(' '));
    }
    assert.deepEqual(kinds.slice(-2), ['aggregate-finished', 'run-finished']);
    const last = handle.snapshot();
    assert.equal(last.state, 'FINISHED');
    assert.equal(last.status, 'SUCCESS');
    assert.deepEqual(last.tasks.map((t) => [t.task_key, t.state, t.result?.status]), [
      ['orders_count', 'DONE', 'SUCCESS'],
      ['slow_count', 'DONE', 'SUCCESS'],
    ]);
    assert.equal(result.status, 'SUCCESS');
    assert.deepEqual(result.aggregate, { passed: true });
    assert.equal(result.unrecorded, undefined);
    await engine.dispose();
  });

  it('records each row with its real begin and end: a slow task begins well before it ends', async () => {
    const pact = pactOf(fx, [task('slow_times', 'orders', { count_tolerance: 0, filter: SLOW_FILTER })]);
    const run = await within(60_000, runPact(pact, { pactPath: 'p', engineConfig: configOf(pact) }), 'the run');
    const rows = await queryResults(
      fx,
      `SELECT epoch_ms(validation_begin_ts) AS b, epoch_ms(validation_complete_ts) AS e, epoch_ms(job_start_ts) AS s
       FROM r.main.run_history WHERE run_id = ${run.run_id}`,
    );
    assert.equal(rows.length, 1);
    const { b, e, s } = rows[0] as { b: number; e: number; s: number };
    assert.ok(Number(b) >= Number(s), 'the task begins after the run starts');
    assert.ok(Number(e) - Number(b) >= 100, `begin ${b} end ${e}: the task took time`);
    const history = await createEngine(configOf(pact)).history({ limit: 1 });
    assert.ok(history[0]!.validation_begin_ts! < history[0]!.validation_complete_ts!);
  });

  it('cancel interrupts running tasks, records queued ones as ERROR "cancelled", and resolves once stopped', async () => {
    const keys = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    const pact = pactOf(fx, keys.map((k) => task(k, 'orders', { count_tolerance: 0, filter: ENDLESS_FILTER })));
    const engine = createEngine(configOf(pact));
    const handle = await engine.start(pact, { pactPath: 'p' });
    await within(30_000, new Promise<void>((resolve) => handle.onEvent((e) => e.kind === 'task-running' && resolve())), 'a task running');
    await within(30_000, handle.cancel(), 'cancel');
    const result = await handle.result;
    assert.equal(handle.snapshot().state, 'CANCELLED');
    assert.deepEqual(result.tasks.map((t) => [t.task_key, t.status]), keys.map((k) => [k, 'ERROR']));
    for (const t of result.tasks) assert.match(t.error ?? '', /cancelled/);
    assert.deepEqual(result.aggregate, { passed: false, message: 'the run was cancelled' });
    const rows = await queryResults(fx, `SELECT task_key FROM r.main.run_history WHERE run_id = ${result.run_id} ORDER BY task_key`);
    assert.deepEqual(rows.map((r) => r.task_key), keys, 'every task recorded a row');
    const history = await engine.history({ limit: 1 });
    assert.deepEqual([...new Set(history.map((h) => h.run_state))], ['CANCELLED']);
  });

  it('Run Task runs only that task and adds the run to .datapact/runs.json', async () => {
    const pact = pactOf(fx, [task('a', 'orders', { count_tolerance: 0 }), task('b', 'customers', { count_tolerance: 0 })]);
    const pactPath = join(fx.dir, 'only.pact.yml');
    const engine = createEngine(configOf(pact));
    const handle = await startRun(engine, pact, { pactPath, taskKeys: ['b'] });
    assert.deepEqual(handle.snapshot().tasks.map((t) => t.task_key), ['b']);
    const result = await within(60_000, handle.result, 'the run');
    assert.deepEqual(result.tasks.map((t) => [t.task_key, t.status]), [['b', 'FAILURE']]);
    const rows = await queryResults(fx, `SELECT task_key FROM r.main.run_history WHERE run_id = ${result.run_id}`);
    assert.deepEqual(rows.map((r) => r.task_key), ['b']);
    const records = readLocalRuns(pactPath);
    const record = records.find((r) => r.run_id === result.run_id);
    assert.ok(record, JSON.stringify(records));
    assert.equal(record.pact, pactPath);
    assert.equal(record.engine, 'duckdb');
    assert.equal(record.started_at, handle.snapshot().started_at);
    // Its end is recorded as soon as the run is final, so a window reload need not attach to it to learn that.
    assert.equal(record.state, 'FINISHED');
    assert.ok(record.ended_at && record.ended_at >= record.started_at, JSON.stringify(record));
    assert.deepEqual(runsInFlight(records).map((r) => r.run_id), []);
  });

  it('attach gives the live handle in the same process, and rebuilds a finished run from the store', async () => {
    const pact = pactOf(fx, [task('x', 'orders', { count_tolerance: 0 }), task('y', 'no_such_table', { count_tolerance: 0 })]);
    const engine = createEngine(configOf(pact));
    const handle = await engine.start(pact, { pactPath: 'p' });
    assert.equal(await engine.attach(handle.runId, pact, { pactPath: 'p' }), handle);
    const live = await within(60_000, handle.result, 'the run');
    const fresh = createEngine(configOf(pact));
    const attached = await fresh.attach(handle.runId, pact, { pactPath: 'p' });
    assert.notEqual(attached, handle);
    const rebuilt = await within(30_000, attached.result, 'the attached result');
    assert.deepEqual(
      rebuilt.tasks.map((t) => [t.task_key, t.status, t.error ?? null, t.payload]),
      live.tasks.map((t) => [t.task_key, t.status, t.error ?? null, t.payload]),
    );
    assert.equal(rebuilt.status, live.status);
    assert.deepEqual(rebuilt.aggregate, live.aggregate);
    assert.equal(attached.snapshot().state, 'FINISHED');
    await assert.rejects(fresh.attach('123', pact, { pactPath: 'p' }), EngineConfigError);
    await fresh.dispose();
    await engine.dispose();
  });

  it('runs without recording when history is off, and says so in the result', async () => {
    const pact = pactOf(fx, [task('n', 'orders', { count_tolerance: 0 })]);
    const config = { ...configOf(pact), results: join(fx.dir, 'never', 'history.duckdb') };
    const run = await runPact(pact, { pactPath: 'p', engineConfig: config, recordHistory: false });
    assert.equal(run.status, 'SUCCESS');
    assert.deepEqual(run.unrecorded?.taskKeys, ['n']);
    assert.ok(!existsSync(config.results));
  });
});

describe('DuckDB results store checked before any task runs', () => {
  let fx: EngineFixture;
  let good: string;
  before(async () => {
    fx = await buildFixture();
    const pact = pactOf(fx, [task('t', 'orders', { count_tolerance: 0 })]);
    await runPact(pact, { pactPath: 'p', engineConfig: resolveEngineConfig(pact.engine, undefined) });
    good = fx.resultsFile;
  });
  after(() => fx?.cleanup());

  const attempt = async (results: string) => {
    const pact = pactOf(fx, [task('t', 'orders', { count_tolerance: 0 })]);
    const engine = createEngine({ ...resolveEngineConfig(pact.engine, undefined), results });
    return engine.start(pact, { pactPath: 'p' });
  };

  it('refuses a truncated store, a file that is not a database, and an unwritable place, naming the file', async () => {
    const truncated = join(fx.dir, 'truncated.duckdb');
    copyFileSync(good, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const junk = join(fx.dir, 'junk.duckdb');
    writeFileSync(junk, 'not a database at all');
    const cases: Array<[string, RegExp]> = [
      [truncated, /truncated\.duckdb cannot be used: the file is not a readable DuckDB database/],
      [junk, /junk\.duckdb cannot be used: the file is not a readable DuckDB database/],
      // Root may write anywhere on disk; sysfs refuses everyone.
      ['/sys/kernel/datapact-history.duckdb', /datapact-history\.duckdb cannot be used: permission denied/],
      [fx.dir, /cannot be used: it is not a regular file/],
    ];
    for (const [path, message] of cases) {
      const before = existsSync(path) && statSync(path).isFile() ? readFileSync(path) : undefined;
      await assert.rejects(attempt(path), (e: unknown) => {
        assert.ok(e instanceof EngineConfigError, String(e));
        assert.match(e.message, message);
        return true;
      });
      if (before) assert.deepEqual(readFileSync(path), before, `${path} is left as it was`);
    }
  });
});
