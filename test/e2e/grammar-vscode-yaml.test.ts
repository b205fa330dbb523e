// The pact grammar against the YAML and SQL grammars VS Code really ships (RedCMD's YAML grammar since VS Code 1.91,
// read from the code-server that scripts/e2e/install.sh installs), with the same cases the unit test runs on the
// tm-grammars ones: SQL highlighting has to work in the editor users have, not only against npm's YAML grammar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { includedScopes, vscodeSource } from '../unit/grammar/grammar-sources';
import { pactGrammarCases } from '../unit/grammar/pact-grammar-cases';
import { pactTokenizer } from '../unit/grammar/tokenize-pact';

const source = vscodeSource();
const tokenize = source && pactTokenizer(source);
const plainYaml = source && pactTokenizer(source, 'source.yaml');

test('VS Code ships the YAML grammar split into versioned files, all of which resolve', (t) => {
  if (!source) return t.skip('code-server not installed: run scripts/e2e/install.sh');
  const scopes = includedScopes(source, 'source.datapact');
  for (const scope of ['source.yaml', 'source.yaml.1.2', 'source.sql']) assert.ok(scopes.has(scope), scope);
  for (const scope of scopes) assert.ok(source.files[scope], `no grammar file declares ${scope}`);
});

for (const { name, run } of pactGrammarCases) {
  test(`VS Code grammars: ${name}`, async (t) => {
    if (!tokenize || !plainYaml) return t.skip('code-server not installed: run scripts/e2e/install.sh');
    await run(tokenize, plainYaml);
  });
}
