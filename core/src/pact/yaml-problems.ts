/**
 * Findings about the YAML itself: syntax errors, duplicate keys, aliases without an anchor, lists or mappings as
 * keys. The document is repaired where needed (an unresolved alias becomes null, a list or mapping key is dropped)
 * so that everything else can still be checked.
 */
import { isMap, isPair, isSeq, Scalar, visit, type Document, type YAMLError, type YAMLMap } from 'yaml';
import type { Problem } from '../model/problem';
import { describeValue } from './describe-value';
import { aliasTargets, keyText, spanOf } from './pact-source';

/** Friendlier words for yaml's error codes; other codes keep the parser's first line. */
const MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'tabs cannot indent YAML: use spaces',
  MULTIPLE_DOCS: 'a pact file holds one YAML document: remove the second ---',
  BAD_ALIAS: 'this alias is not valid: write *name for an anchor &name defined above',
};

function located(text: string, code: string, message: string, start: number, end: number, severity: Problem['severity'] = 'error'): Problem {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length && text[s] !== '\n') e = s + 1;
  return { code, severity, message, start: s, end: e };
}

function fromYamlError(text: string, error: YAMLError, severity: Problem['severity']): Problem {
  const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+.*$/, '');
  const message = MESSAGES[error.code] ?? `YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  return located(text, severity === 'error' ? 'yaml-syntax' : 'yaml-warning', message, error.pos[0], error.pos[1], severity);
}

/** Calls `onMap` for every mapping under `node`, parents first, keys before values (the order of `visit`). */
function walkMaps(node: unknown, onMap: (map: YAMLMap) => void): void {
  if (isMap(node)) {
    onMap(node);
    for (const pair of node.items) {
      walkMaps(pair.key, onMap);
      walkMaps(pair.value, onMap);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walkMaps(item, onMap);
  } else if (isPair(node)) {
    walkMaps(node.key, onMap);
    walkMaps(node.value, onMap);
  }
}

/** Problems of the YAML layer; mutates `doc` to replace unresolved aliases with null. */
export function yamlProblems(text: string, doc: Document.Parsed): Problem[] {
  const problems: Problem[] = [];
  // Duplicate keys are reported by our own pass below, with the key's name and span.
  for (const error of doc.errors) if (error.code !== 'DUPLICATE_KEY') problems.push(fromYamlError(text, error, 'error'));
  for (const warning of doc.warnings) problems.push(fromYamlError(text, warning, 'warning'));
  const duplicateKeys = (map: YAMLMap) => {
    const seen = new Set<string>();
    for (const pair of [...map.items]) {
      if (isPair(pair) && (isMap(pair.key) || isSeq(pair.key))) {
        // `? [a, b]` / `? {k: v}`: legal YAML, never a pact key. Said where it is written, then the pair is dropped
        // (like an unresolved alias) so the rest is checked without a second finding about a stringified key.
        const span = spanOf(pair.key);
        if (span) problems.push(located(text, 'complex-key', 'a key must be a plain name, not a list or a mapping', span.start, span.end));
        map.items.splice(map.items.indexOf(pair), 1);
        continue;
      }
      const key = isPair(pair) ? keyText(pair) : undefined;
      if (key === undefined || key === '<<') continue;
      if (seen.has(key)) {
        const span = spanOf(pair.key);
        if (span) problems.push(located(text, 'duplicate-key', `key ${describeValue(key)} is written twice in this mapping: remove one (the last one would win)`, span.start, span.end));
      }
      seen.add(key);
    }
  };
  // Without a `*` in the text there is no alias to repair: a plain walk (in visit's order) is much cheaper.
  if (!text.includes('*')) {
    walkMaps(doc.contents, duplicateKeys);
    return problems;
  }
  visit(doc, {
    Map(_, map) {
      duplicateKeys(map);
    },
    Alias(_, alias) {
      if (aliasTargets(doc).get(alias) !== undefined) return undefined;
      const span = spanOf(alias) ?? { start: 0, end: 0 };
      problems.push(located(text, 'unresolved-alias', `alias *${alias.source} has no anchor &${alias.source} above it`, span.start, span.end));
      const replacement = new Scalar(null);
      replacement.range = alias.range;
      return replacement;
    },
  });
  return problems;
}

