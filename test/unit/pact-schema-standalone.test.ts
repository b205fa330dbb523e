/**
 * The schema validator compiled ahead of time (core/src/pact/schema-validate.generated.js) is current with the
 * schema and ajv, and reports exactly what a validator compiled at run time reports: the same errors, values
 * and schema nodes, on every broken fixture, every example and random data.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { parse } from 'yaml';
import { PACT_SCHEMA } from '../../core/src/index';
import { schemaErrors as schemaErrorsForTest } from '../../core/src/pact/schema-validator';

const ROOT = resolve(__dirname, '..', '..');

test('the generated validator is current (else: node scripts/generate-schema-validator.mjs)', async () => {
  const { generateSchemaValidator } = (await import(join(ROOT, 'scripts', 'generate-schema-validator.mjs'))) as {
    generateSchemaValidator(): string;
  };
  const current = readFileSync(join(ROOT, 'core', 'src', 'pact', 'schema-validate.generated.js'), 'utf8');
  assert.ok(current === generateSchemaValidator(), 'core/src/pact/schema-validate.generated.js is stale: run node scripts/generate-schema-validator.mjs');
});

test('it reports what a validator compiled now reports, on the broken fixtures, the examples and random data', async () => {
  const { AJV_OPTIONS } = (await import(join(ROOT, 'scripts', 'generate-schema-validator.mjs'))) as { AJV_OPTIONS: object };
  const compiled = new Ajv2020(AJV_OPTIONS).compile(PACT_SCHEMA);
  const fresh = (data: unknown) => (compiled(data) ? [] : [...(compiled.errors ?? [])]);
  const files = [
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'pacts', 'broken')).map((f) => join(ROOT, 'test', 'fixtures', 'pacts', 'broken', f)),
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yml')).map((f) => join(ROOT, 'examples', f)),
  ];
  let withErrors = 0;
  for (const file of files) {
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'), { maxAliasCount: 1000 });
    } catch {
      continue; // not YAML: nothing reaches the schema
    }
    const expected = fresh(data);
    if (expected.length > 0) withErrors++;
    assert.deepEqual(schemaErrorsForTest(data), expected, file);
  }
  assert.ok(withErrors >= 20, `only ${withErrors} files had schema errors: the comparison proves little`);
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (engine, task) => {
      const data = { engine, validations: [task, { task_key: 'a', count_tolerance: task }] };
      assert.deepEqual(schemaErrorsForTest(data), fresh(data));
    }),
    { numRuns: 300, seed: 12 },
  );
});
