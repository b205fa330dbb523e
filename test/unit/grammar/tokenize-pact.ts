// Runs the pact TextMate grammar through vscode-textmate + vscode-oniguruma, the engine VS Code itself uses, with
// the YAML and SQL grammars it embeds taken from a GrammarSource (tm-grammars, or VS Code's own extension folder).
// Everything is read from disk: no network at run time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { GrammarSource, tmGrammarsSource } from './grammar-sources';

const require = createRequire(import.meta.url);

/** One token of a tokenized line: its text and its scope stack, outermost first. */
export interface PactToken {
  text: string;
  scopes: string[];
}

/** Tokenizes a whole text line by line, carrying the rule stack from each line to the next as an editor does. */
export type TokenizePact = (text: string) => Promise<PactToken[][]>;

let onigLib: Promise<textmate.IOnigLib> | undefined;

/** The wasm regex engine, initialised once per process (oniguruma refuses a second loadWASM). */
function loadOnigLib(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    await oniguruma.loadWASM(await readFile(join(require.resolve('vscode-oniguruma'), '../onig.wasm')));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** Loads `scopeName` (source.datapact by default) with the grammars of `source`; fails when a grammar it needs is absent. */
export async function loadPactGrammar(
  source: GrammarSource,
  scopeName = 'source.datapact',
): Promise<textmate.IGrammar> {
  const missing: string[] = [];
  const registry = new textmate.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      const file = source.files[scopeName];
      if (!file) {
        missing.push(scopeName);
        return null;
      }
      return textmate.parseRawGrammar(await readFile(file, 'utf8'), file);
    },
  });
  const loaded = await registry.loadGrammar(scopeName);
  if (!loaded) throw new Error(`${scopeName} did not load from ${source.label}`);
  // An unresolved include would silently drop rules and make every assertion about YAML meaningless.
  if (missing.length > 0) throw new Error(`${source.label} lacks grammars for: ${missing.join(', ')}`);
  return loaded;
}

/**
 * A tokenizer over the pact grammar loaded (once) from `source`; with scopeName 'source.yaml', over the plain YAML
 * grammar the pact grammar extends (what every non-SQL character must keep).
 */
export function pactTokenizer(source: GrammarSource, scopeName = 'source.datapact'): TokenizePact {
  let grammar: Promise<textmate.IGrammar> | undefined;
  return async (text) => {
    grammar ??= loadPactGrammar(source, scopeName);
    const pact = await grammar;
    let state = textmate.INITIAL;
    return text.split('\n').map((line) => {
      const result = pact.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((token) => ({
        text: line.slice(token.startIndex, token.endIndex),
        scopes: token.scopes,
      }));
    });
  };
}

/** Tokenizes with the tm-grammars YAML and SQL (the unit-test default). */
export const tokenizePact: TokenizePact = pactTokenizer(tmGrammarsSource());

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
  const column = tokens
    .map((t) => t.text)
    .join('')
    .indexOf(fragment);
  if (column < 0) throw new Error(`${JSON.stringify(fragment)} is not on the line:\n${describeTokens(tokens)}`);
  return scopesAtColumn(tokens, column);
}
