// Property: whatever the text, loadPact returns (never throws), and every finding lies within the text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lineColumn, loadPact, pathAt } from '../../core/src/index';

function checkInvariants(text: string): void {
  const loaded = loadPact(text);
  assert.ok(Array.isArray(loaded.problems));
  assert.ok(loaded.pact !== undefined || loaded.problems.some((p) => p.severity === 'error'), 'a model or an error');
  let previous = -1;
  for (const p of loaded.problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `span ${p.start}..${p.end} of ${text.length}: ${p.code}`);
    assert.ok(p.start >= previous, 'document order');
    assert.match(p.code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(p.message.length > 0);
    previous = p.start;
  }
  // The adapters' helpers must not throw either.
  const offset = Math.floor(text.length / 2);
  pathAt(loaded.source, offset);
  lineColumn(loaded.source, offset);
}

const VALID = readFileSync(join(import.meta.dirname, '../../examples/orders.pact.yml'), 'utf8');
const KEYS = ['task_key', 'primary_keys', 'count_tolerance', 'filter', 'pk_row_hash_check', 'agg_validations', 'validations', 'defaults', '<<', 'sql', 'name'];
const YAML_BITS = [':', '- ', '\n', '  ', '\t', '&a ', '*a', '<<: *a', '[', ']', '{', '}', '"', "'", '|', '>', '#', '---', '? ', ',', '!!str ', '%YAML 1.2', ';', 'null', '~', '1.5', '-1', 'true', 'yes'];

const yamlish = fc.array(fc.oneof(fc.constantFrom(...YAML_BITS, ...KEYS), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));

const jsonish = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, 1.5, -1, 2.5, '', ' ', 'x;y', 'SUM', 'high', 'md5'),
    fc.string({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS, 'source_table', 'tolerance', 'agg', 'column', 'engine', 'type'), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Edits of a valid pact: delete a slice, insert a YAML bit, swap two lines, drop a line. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bit: fc.constantFrom(...YAML_BITS, ...KEYS) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
);

type Edit = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Edit[]): string {
  let current = text;
  for (const edit of edits) {
    const lines = current.split('\n');
    if (edit.kind === 'delete') {
      const at = edit.at % (current.length + 1);
      current = current.slice(0, at) + current.slice(at + edit.length);
    } else if (edit.kind === 'insert') {
      const at = edit.at % (current.length + 1);
      current = current.slice(0, at) + edit.bit + current.slice(at);
    } else if (edit.kind === 'swap') {
      const a = edit.a % lines.length;
      const b = edit.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      current = lines.join('\n');
    } else {
      lines.splice(edit.line % lines.length, 1);
      current = lines.join('\n');
    }
  }
  return current;
}

test('random strings never throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), checkInvariants), { numRuns: 300 });
});

test('random YAML-like text never throws', () => {
  fc.assert(fc.property(yamlish, checkInvariants), { numRuns: 400 });
});

test('random YAML structures never throw', () => {
  fc.assert(
    fc.property(jsonish, fc.boolean(), (value, wrap) => {
      const doc = wrap ? { validations: [value] } : value;
      checkInvariants(stringify(doc));
    }),
    { numRuns: 300 },
  );
});

test('random mutations of a valid pact never throw', () => {
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => checkInvariants(mutate(VALID, edits))), { numRuns: 300 });
});

test('hostile inputs give findings, not exceptions', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) bomb.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
  for (const text of ['null', '~', '42', '[]', '{}', '- - -', 'validations:\n\t- x', '&a [*a]', '*x', bomb.join('\n'), 'validations: !!binary aGVsbG8=', 'a: b: c', '"unterminated', '? [a]\n: 1', '\u0000\uffff']) {
    checkInvariants(text);
  }
});
