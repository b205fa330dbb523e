/**
 * `datapact plan`: the job settings exactly as jobs/create would receive them and every file with its path and
 * content, printed without any network call. The settings follow the Jobs API rules; every file splits (Spark
 * lexing, as Jobs splits it) and each statement, with its {{parameters}} substituted as Jobs does, parses with the
 * Spark SQL grammar — hostile names, filters and custom SQL included.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SparkSQL } from 'dt-sql-parser';
import { splitSparkScript } from '../../core/src/index';
import { cleanEnv, cliAsync, databricksEngine, ensureBuilt, sandbox, taskYaml, writePact, type Sandbox } from './support';

const parser = new SparkSQL();
const IDENT = '`(?:[^`]|``)*`';
// The grammar accepts three-part names in FROM but only two as the target of INSERT / CREATE TABLE (see spark-grammar.test.ts).
const THREE_PART_TARGET = new RegExp(`^((?:INSERT INTO|CREATE TABLE IF NOT EXISTS) )${IDENT}\\.(${IDENT}\\.${IDENT})`);

interface Plan {
  settings: {
    name: string;
    tasks: Array<{ task_key: string; depends_on?: Array<{ task_key: string }>; run_if?: string; sql_task: { warehouse_id: string; file: { path: string; source: string }; parameters: Record<string, string> } }>;
    [key: string]: unknown;
  };
  files: Array<{ path: string; content: string }>;
  notes: string[];
}

/** The Jobs API rules a jobs/create body must meet (reference §7.2–7.4). */
function assertJobsApiRules(plan: Plan): void {
  const { settings } = plan;
  assert.equal(typeof settings.name, 'string');
  assert.ok(Buffer.byteLength(settings.name) <= 4096);
  assert.ok(settings.tasks.length >= 1 && settings.tasks.length <= 1000);
  const keys = new Set<string>();
  for (const t of settings.tasks) {
    assert.match(t.task_key, /^[A-Za-z0-9_-]{1,100}$/, `task key ${t.task_key}`);
    assert.ok(!keys.has(t.task_key), `task key ${t.task_key} is unique`);
    keys.add(t.task_key);
  }
  for (const t of settings.tasks) {
    for (const d of t.depends_on ?? []) assert.ok(keys.has(d.task_key) && d.task_key !== t.task_key, `${t.task_key} depends on ${d.task_key}`);
    if (t.run_if !== undefined) assert.ok(['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED', 'ALL_DONE', 'AT_LEAST_ONE_FAILED', 'ALL_FAILED'].includes(t.run_if));
    assert.deepEqual(Object.keys(t).filter((k) => k.endsWith('_task')), ['sql_task'], 'exactly one task type');
    assert.ok(t.sql_task.warehouse_id);
    assert.equal(t.sql_task.file.source, 'WORKSPACE');
    assert.ok(t.sql_task.file.path.startsWith('/'), 'absolute workspace path');
    assert.ok(plan.files.some((f) => f.path === t.sql_task.file.path), `the file of ${t.task_key} is uploaded`);
    assert.deepEqual(t.sql_task.parameters, { run_id: '{{job.run_id}}', job_id: '{{job.id}}', job_start_ms: '{{job.start_time.timestamp_ms}}' });
  }
  const aggregate = settings.tasks.at(-1)!;
  assert.equal(aggregate.task_key, 'aggregate_results');
  assert.equal(aggregate.run_if, 'ALL_DONE');
  assert.deepEqual(aggregate.depends_on!.map((d) => d.task_key), settings.tasks.slice(0, -1).map((t) => t.task_key));
  assert.equal(JSON.stringify(settings).includes('dapi'), false);
}

function assertFilesParse(plan: Plan): void {
  for (const file of plan.files) {
    assert.match(file.path, /^\/Users\/<me>\/datapact\/job_assets\/[^/]+\/[A-Za-z0-9_-]+\.sql$/);
    const statements = splitSparkScript(file.content);
    assert.ok(statements.length >= 2, file.path);
    for (const [i, statement] of statements.entries()) {
      assert.doesNotMatch(statement.replace(/'(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`/g, ''), /:[a-z_]+\b/, 'no :name marker outside literals');
      const asRun = statement.replace(/\{\{(\w+)\}\}/g, "'1764547200000'").replace(THREE_PART_TARGET, '$1$2');
      const errors = parser.validate(asRun);
      assert.deepEqual(errors.map((e) => `${e.startLine}:${e.startColumn} ${e.message}`), [], `${file.path} #${i + 1} does not parse:\n${asRun}`);
    }
  }
}

describe('datapact plan (offline)', () => {
  let box: Sandbox;
  let server: Server;
  let requests = 0;
  let env: Record<string, string>;
  before(async () => {
    ensureBuilt();
    box = sandbox();
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    env = cleanEnv(box.home, { DATABRICKS_HOST: `http://127.0.0.1:${port}`, DATABRICKS_TOKEN: 'dapi-never-sent' });
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    box.close();
  });

  const hostile = [
    taskYaml('orders.v1', 'orders', {
      primary_keys: ['id'],
      count_tolerance: 0,
      pk_row_hash_check: true,
      filter: "status <> 'a;b' -- trailing; note",
      null_validation_columns: ['status'],
      null_validation_tolerance: 0,
      agg_validations: [{ column: 'amount', validations: [{ agg: 'SUM', tolerance: 0 }] }],
      uniqueness_columns: ['id'],
      uniqueness_tolerance: 0,
      custom_sql_tests: [{ name: 'semi colon', sql: "SELECT status, ';' AS s FROM {{ table_fqn }} /* ; */" }],
      business_owner: "O'Brien {{job.id}}",
    }),
    taskYaml('orders_v1', 'customers', { count_tolerance: 0 }),
    taskYaml('orders-v1', 'customers', { count_tolerance: 0 }),
  ];

  it('--format json: settings that meet the Jobs API rules, files that split and parse, no network call', async () => {
    const pact = writePact(box.dir, 'plan.pact.yml', { engine: databricksEngine({ warehouse: 'a1b2c3d4e5f60718' }), validations: hostile });
    const r = await cliAsync(['plan', pact, '--format', 'json'], box.dir, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const plan = JSON.parse(r.stdout) as Plan;
    assertJobsApiRules(plan);
    assertFilesParse(plan);
    assert.equal(plan.settings.tasks.length, 4);
    assert.equal(plan.files.length, 4);
    assert.equal(plan.settings.tasks[0]!.sql_task.warehouse_id, 'a1b2c3d4e5f60718');
    assert.deepEqual(plan.settings.tasks.map((t) => t.task_key), ['orders_v1', 'orders_v1_2', 'orders-v1', 'aggregate_results']);
    assert.equal(requests, 0, 'no network call');
  });

  it('text output names every file; a warehouse given by name is a placeholder the run resolves', async () => {
    const pact = writePact(box.dir, 'plan-text.pact.yml', { engine: databricksEngine(), validations: [taskYaml('orders', 'orders', { count_tolerance: 0 })] });
    const r = await cliAsync(['plan', pact], box.dir, env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# job settings/);
    assert.match(r.stdout, /# file \/Users\/<me>\/datapact\/job_assets\/nightly checks\/orders\.sql/);
    assert.match(r.stdout, /# file \/Users\/<me>\/datapact\/job_assets\/nightly checks\/aggregate_results\.sql/);
    assert.match(r.stdout, /<warehouse id> is the id of warehouse 'Starter Warehouse'/);
    assert.equal(requests, 0, 'no network call');
  });
});
