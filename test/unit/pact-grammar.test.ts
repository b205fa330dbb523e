// The pact TextMate grammar, run by vscode-textmate + vscode-oniguruma (VS Code's own engine) with the YAML and SQL
// grammars of the tm-grammars package: SQL inside filter / sql values in every scalar style, YAML everywhere else.
// The same cases run against VS Code's shipped grammars in test/e2e/grammar-vscode-yaml.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './grammar/grammar-sources';
import { pactGrammarCases, SQL } from './grammar/pact-grammar-cases';
import { pactTokenizer, tokenizePact } from './grammar/tokenize-pact';
import { tmGrammarsSource } from './grammar/grammar-sources';

const root = REPO_ROOT;

const plainYaml = pactTokenizer(tmGrammarsSource(), 'source.yaml');

for (const { name, run } of pactGrammarCases) test(name, () => run(tokenizePact, plainYaml));

test('the manifest contributes the grammar with its SQL embedding; the language comments with # and folds by indent', () => {
  const grammar = JSON.parse(readFileSync(join(root, 'syntaxes/datapact.tmLanguage.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = manifest.contributes.grammars[0];
  assert.equal(contributed.scopeName, grammar.scopeName);
  assert.equal(contributed.embeddedLanguages[SQL], 'sql');
  const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  assert.equal(config.folding.offSide, true);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  assert.ok(increase.test('validations:'));
  assert.ok(increase.test('    sql: |'));
});
