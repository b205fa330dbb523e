/** `datapact dashboard` and `datapact setup-alert` on a DuckDB pact: exit 2 saying they are Databricks features. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ensureBuilt } from '../unit/cli-run-helpers';

const PACT = `engine:
  type: duckdb
  catalogs: { shop: shop.duckdb }
validations:
  - task_key: t
    source_catalog: shop
    source_schema: s
    source_table: a
    target_catalog: shop
    target_schema: s
    target_table: b
    count_tolerance: 0
`;

describe('dashboard and setup-alert are Databricks features', () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'datapact-alert-'));
    writeFileSync(join(dir, 'local.pact.yml'), PACT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('setup-alert on DuckDB exits 2 and explains, contacting nothing', () => {
    const r = cli(['setup-alert', 'local.pact.yml', '--destination', 'ops@example.com'], dir);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /Alerts are a Databricks feature, and this pact runs on duckdb/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('dashboard on DuckDB exits 2 and explains', () => {
    const r = cli(['dashboard', 'local.pact.yml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Dashboards are a Databricks feature/);
  });

  it('bad flags are usage errors before anything else (the webhook path is never echoed)', () => {
    const cases: [string[], RegExp][] = [
      [['setup-alert', 'local.pact.yml'], /--destination is required/],
      [['setup-alert', 'local.pact.yml', '--destination', 'http://hooks.example.com/T/secret-path'], /https:\/\//],
      [['setup-alert', 'local.pact.yml', '--destination', 'ops@example.com', '--every', '90m'], /--every '90m'/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /secret-path/);
    }
  });
});
