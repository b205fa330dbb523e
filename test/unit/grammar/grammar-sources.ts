// Where the YAML and SQL grammars the pact grammar embeds come from. Two sources, because they differ a lot:
// tm-grammars (npm; the textmate/yaml.tmbundle style grammar) and the grammars VS Code itself ships (since 1.91 its
// YAML grammar is RedCMD's, which splits into several files and consumes indentation in begin/while rules).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The repository root (test/unit/grammar/ is three levels down). */
export const REPO_ROOT = join(import.meta.dirname, '../../..');

/** VS Code's built-in extensions inside the code-server that scripts/e2e/install.sh puts in the git-ignored .e2e/. */
export const VSCODE_EXTENSIONS = join(REPO_ROOT, '.e2e/code-server/node_modules/code-server/lib/vscode/extensions');

/** A set of grammar files: scope name -> absolute path of its JSON grammar. */
export interface GrammarSource {
  /** Names the source in assertion messages. */
  label: string;
  files: Record<string, string>;
}

const pactGrammar = join(REPO_ROOT, 'syntaxes/datapact.tmLanguage.json');

/** YAML and SQL from the tm-grammars npm package. */
export function tmGrammarsSource(): GrammarSource {
  return {
    label: 'tm-grammars',
    files: {
      'source.datapact': pactGrammar,
      'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
      'source.sql': require.resolve('tm-grammars/grammars/sql.json'),
    },
  };
}

/**
 * YAML and SQL as VS Code ships them, or undefined when the folder is absent. Every grammar file of the yaml and sql
 * extensions is indexed by the scopeName it declares, so source.yaml's includes (source.yaml.1.2,
 * source.yaml.embedded, ...) resolve to the files VS Code would load for them.
 */
export function vscodeSource(extensions = VSCODE_EXTENSIONS): GrammarSource | undefined {
  const files: Record<string, string> = { 'source.datapact': pactGrammar };
  for (const extension of ['yaml', 'sql']) {
    const folder = join(extensions, extension, 'syntaxes');
    if (!existsSync(folder)) return undefined;
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
      const path = join(folder, name);
      const scopeName: unknown = JSON.parse(readFileSync(path, 'utf8')).scopeName;
      if (typeof scopeName === 'string') files[scopeName] = path;
    }
  }
  if (!files['source.yaml'] || !files['source.sql']) return undefined;
  return { label: 'vscode', files };
}

/** The scope names `scopeName`'s grammar includes (include: "source.x" or "source.x#rule"), recursively. */
export function includedScopes(source: GrammarSource, scopeName: string, seen = new Set<string>()): Set<string> {
  const path = source.files[scopeName];
  if (!path || seen.has(scopeName)) return seen;
  seen.add(scopeName);
  const text = readFileSync(path, 'utf8');
  for (const match of text.matchAll(/"include"\s*:\s*"(source\.[^"#]+)/g)) includedScopes(source, match[1]!, seen);
  return seen;
}
