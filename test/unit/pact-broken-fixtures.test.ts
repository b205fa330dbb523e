// Each broken pact states its findings in comment lines at its end:
//   # expect: <line>:<col> <severity> <code> <message substring>
// and the loader must report exactly that set (positions 1-based, message containing the substring).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineColumn, loadPact } from '../../core/src/index';

const dir = join(import.meta.dirname, '../fixtures/pacts/broken');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
const EXPECT = /^# expect: (\d+):(\d+) (error|warning|information|hint) ([a-z-]+) (.+)$/;

test('the broken corpus has at least 40 pacts', () => {
  assert.ok(files.length >= 40, `${files.length} fixtures`);
});

const codes = new Set<string>();

for (const file of files) {
  test(`broken/${file}`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const expected = text
      .split('\n')
      .map((line) => EXPECT.exec(line.trimEnd()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ where: `${m[1]}:${m[2]} ${m[3]} ${m[4]}`, message: m[5]! }));
    assert.ok(expected.length > 0, 'a broken fixture states at least one expected finding');

    const loaded = loadPact(text);
    assert.equal(loaded.pact, undefined, 'no model for a broken pact');
    const actual = loaded.problems.map((p) => {
      const at = lineColumn(loaded.source, p.start);
      codes.add(p.code);
      return { where: `${at.line}:${at.column} ${p.severity} ${p.code}`, message: p.message };
    });
    assert.deepEqual(actual.map((a) => a.where).sort(), expected.map((e) => e.where).sort());
    for (const e of expected) {
      const match = actual.find((a) => a.where === e.where && a.message.includes(e.message));
      assert.ok(match, `${e.where}: no message containing "${e.message}"; got ${JSON.stringify(actual)}`);
    }
  });
}

test('the corpus covers every kind of finding', () => {
  const required = [
    'yaml-syntax', 'duplicate-key', 'unresolved-alias', 'alias-expansion', 'invalid-document', 'unknown-key',
    'legacy-key', 'missing-key', 'invalid-type', 'out-of-range', 'invalid-enum', 'empty-list', 'duplicate-task-key',
    'reserved-task-key', 'invalid-task-key', 'invalid-defaults', 'half-configured-check', 'duplicate-column',
    'duplicate-aggregate', 'invalid-filter', 'invalid-custom-sql', 'invalid-custom-test-name', 'duplicate-custom-test',
    'invalid-value', 'unknown-time-zone',
  ];
  assert.deepEqual(required.filter((code) => !codes.has(code)), []);
});
