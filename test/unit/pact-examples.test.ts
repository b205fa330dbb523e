// Every pact shipped under examples/ must validate clean (including ones added later, such as the demo).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineColumn, loadPact } from '../../core/src/index';

const dir = join(import.meta.dirname, '../../examples');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

test('examples/ holds pacts', () => {
  assert.ok(files.length >= 3, `expected several examples, found ${files.join(', ')}`);
});

for (const file of files) {
  test(`examples/${file} validates clean`, () => {
    const path = join(dir, file);
    const loaded = loadPact(readFileSync(path, 'utf8'), { path });
    const shown = loaded.problems.map((p) => {
      const at = lineColumn(loaded.source, p.start);
      return `${at.line}:${at.column} ${p.code} ${p.message}`;
    });
    assert.deepEqual(shown, []);
    assert.ok(loaded.pact, 'a model');
    assert.ok(loaded.pact.validations.length > 0);
  });
}
