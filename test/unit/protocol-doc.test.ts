// docs/protocol.md must describe every custom method and lens command that protocol/protocol.ts defines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as protocol from '../../protocol/protocol';

const doc = readFileSync('docs/protocol.md', 'utf8');

test('every custom LSP method is documented', () => {
  const methods = Object.values(protocol)
    .map((value) => (value as { method?: unknown }).method)
    .filter((method): method is string => typeof method === 'string');
  assert.ok(methods.length >= 2, 'protocol.ts defines methods');
  for (const method of methods) assert.ok(doc.includes(`\`${method}\``), `${method} is missing from docs/protocol.md`);
});

test('every code lens command is documented', () => {
  for (const command of Object.values(protocol.LensCommands)) {
    assert.ok(doc.includes(`\`${command}\``), `${command} is missing from docs/protocol.md`);
  }
});
