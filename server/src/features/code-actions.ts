/**
 * Quick fixes, keyed on a diagnostic's `code` and `data` (never on its message):
 * - any finding with `data.suggestion` (unknown key, column, table, schema, catalog, enum value): use it;
 * - `legacy-key` with `data.replacement`: rename the key;
 * - a check missing its tolerance (`half-configured-check` with `data.missing`, or `missing-key` with `data.key`,
 *   naming a `*_tolerance` key): add it;
 * - `primary-keys-not-set` with `data.primaryKey`: write the table's declared key.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { pathAt, type PathSegment } from '../../../core/src/index';
import type { ParsedPact } from '../documents';
import { schemaAt } from '../schema-index';

export function codeActions(pact: ParsedPact, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'datapact') continue;
    const data = (diagnostic.data ?? {}) as Record<string, unknown>;
    const fix = (title: string, edits: TextEdit[], preferred = true) =>
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: preferred,
        edit: { changes: { [pact.uri]: edits } },
      });
    if (typeof data.suggestion === 'string') {
      fix(`Change to "${data.suggestion}"`, [{ range: diagnostic.range, newText: data.suggestion }]);
    } else if (diagnostic.code === 'legacy-key' && typeof data.replacement === 'string') {
      fix(`Rename to ${data.replacement}`, [{ range: diagnostic.range, newText: data.replacement }]);
    }
    // half-configured-check: `missing` names the absent key (`key` the one present); missing-key: `key` is absent.
    const missing = diagnostic.code === 'half-configured-check' ? data.missing : diagnostic.code === 'missing-key' ? data.key : undefined;
    if (typeof missing === 'string' && missing.endsWith('_tolerance')) {
      const edit = insertKey(pact, diagnostic, missing, toleranceValue(missing));
      if (edit) fix(`Add ${missing}`, [edit]);
    }
    if (diagnostic.code === 'primary-keys-not-set' && Array.isArray(data.primaryKey)) {
      const key = data.primaryKey.map(String);
      const edit = insertKey(pact, diagnostic, 'primary_keys', `[${key.join(', ')}]`);
      if (edit) fix(`Set primary_keys to the declared key (${key.join(', ')})`, [edit]);
    }
  }
  return actions;
}

function toleranceValue(key: string): string {
  const fallback = schemaAt(['validations', 0, key])?.default;
  return typeof fallback === 'number' ? String(fallback) : '0';
}

/** A new `key: value` line in the task (or defaults) mapping the diagnostic sits in, after its first key (in a flow mapping: after its last pair). */
function insertKey(pact: ParsedPact, diagnostic: Diagnostic, key: string, value: string): TextEdit | undefined {
  const { source } = pact.loaded;
  const at = pathAt(source, pact.document.offsetAt(diagnostic.range.start));
  const mapPath = containerOf(at.path);
  if (!mapPath) return undefined;
  const map = source.yaml.getIn(mapPath, true) as { flow?: boolean; items?: Array<{ key?: { range?: number[] }; value?: { range?: number[] } }> } | undefined;
  const items = map?.items ?? [];
  const first = items[0];
  const firstKey = first?.key?.range;
  if (!first || !firstKey) return undefined;
  if (map?.flow) {
    // `{a: 1, b: 2}`: a new line would break the flow mapping; the pair goes after its last pair instead.
    const last = items.at(-1)!;
    const end = last.value?.range?.[1] ?? last.key?.range?.[1];
    if (end === undefined) return undefined;
    const at = pact.document.positionAt(end);
    return { range: { start: at, end: at }, newText: `, ${key}: ${value}` };
  }
  const position = pact.document.positionAt(firstKey[0]!);
  const indent = ' '.repeat(position.character);
  // After the whole first pair (its value may span lines), on a line of its own.
  const pairEnd = first.value?.range ? Math.max(first.value.range[1]! - 1, firstKey[1]!) : firstKey[1]!;
  const nextLine = { line: pact.document.positionAt(pairEnd).line + 1, character: 0 };
  return { range: { start: nextLine, end: nextLine }, newText: `${indent}${key}: ${value}\n` };
}

/** The task (`validations[i]`) or `defaults` mapping a path is inside. */
function containerOf(path: readonly PathSegment[]): PathSegment[] | undefined {
  if (path[0] === 'validations' && typeof path[1] === 'number') return ['validations', path[1]];
  if (path[0] === 'defaults') return ['defaults'];
  return undefined;
}
