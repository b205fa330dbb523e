// Runs the pact TextMate grammar through vscode-textmate + vscode-oniguruma, the engine VS Code itself uses, with
// the YAML and SQL grammars it embeds taken from tm-grammars. Everything is read from disk: no network at run time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

/** One token of a tokenized line: its text and its scope stack, outermost first. */
export interface PactToken {
  text: string;
  scopes: string[];
}

/** Where each grammar the pact grammar needs lives: ours in the repo, the others in node_modules. */
const grammarFiles: Record<string, string> = {
  'source.datapact': join(root, 'syntaxes/datapact.tmLanguage.json'),
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
  'source.sql': require.resolve('tm-grammars/grammars/sql.json'),
};

let grammar: Promise<textmate.IGrammar> | undefined;

/** The pact grammar, loaded once per process (the wasm engine can only be initialised once). */
export function loadPactGrammar(): Promise<textmate.IGrammar> {
  grammar ??= load();
  return grammar;
}

async function load(): Promise<textmate.IGrammar> {
  const wasm = await readFile(join(require.resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    // A scope we do not ship (none is expected) resolves to nothing, which vscode-textmate treats as "skip the include".
    loadGrammar: async (scopeName) => {
      const file = grammarFiles[scopeName];
      return file ? textmate.parseRawGrammar(await readFile(file, 'utf8'), file) : null;
    },
  });
  const loaded = await registry.loadGrammar('source.datapact');
  if (!loaded) throw new Error('source.datapact did not load');
  return loaded;
}

/** Tokenizes `text` line by line, carrying the rule stack from each line to the next as an editor does. */
export async function tokenizePact(text: string): Promise<PactToken[][]> {
  const pact = await loadPactGrammar();
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = pact.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/** Renders tokens as `text => scopes` lines (without the root scope), for assertion messages. */
export function describeTokens(tokens: PactToken[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)} => ${t.scopes.slice(1).join(' ')}`).join('\n');
}

/** The scopes of the token covering `column` of a tokenized line ([] past the end of the line). */
export function scopesAtColumn(tokens: PactToken[], column: number): string[] {
  let start = 0;
  for (const token of tokens) {
    if (column < start + token.text.length) return token.scopes;
    start += token.text.length;
  }
  return [];
}

/** The scopes of the token covering the first character of `fragment` in a tokenized line; fails when it is absent. */
export function scopesOf(tokens: PactToken[], fragment: string): string[] {
  const column = tokens.map((t) => t.text).join('').indexOf(fragment);
  if (column < 0) throw new Error(`${JSON.stringify(fragment)} is not on the line:\n${describeTokens(tokens)}`);
  return scopesAtColumn(tokens, column);
}
