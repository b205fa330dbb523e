/**
 * YAML text -> pact model + problems. Never throws: every input gives a result.
 *
 * Steps: parse (keeping source ranges) -> YAML findings -> plain data -> JSON Schema (compiled once) ->
 * rules the schema cannot express -> model, present only when no error was found.
 */
import type { SqlLexicon } from '../dialects/dialect';
import { findDialect } from '../dialects/registry';
import { DEFAULT_ENGINE } from '../engine/engine-config';
import type { EngineType, Pact } from '../model/pact';
import type { Problem } from '../model/problem';
import { documentSpan } from './locations';
import { normalisePact } from './normalise-pact';
import { parsePactText } from './parse-pact-text';
import type { PactSource } from './pact-source';
import { lineColumn } from './path-at';
import { createRuleContext } from './rules/pact-rule';
import { PACT_RULES } from './rules/index';
import { schemaProblems } from './schema-problems';
import { schemaErrors } from './schema-validator';
import { taskViews } from './task-view';
import { yamlProblems } from './yaml-problems';

export { createSource, type PactSource, type PathSegment, type Span } from './pact-source';
export { onYamlReaderFault, parsePactText, type YamlReaderFault } from './parse-pact-text';
export { readPactFileText, decodePactBytes, type PactFileText } from './read-pact-file';
export { pathAt, lineColumn, type PathAtOffset } from './path-at';
export { PACT_SCHEMA } from './schema-validator';
export { makeSqlIdentifier } from './sanitise-identifier';
export { LEGACY_KEYS } from './key-suggestions';
export { RESERVED_TASK_KEYS } from './rules/index';
export { CROSS_TASK_CODES, crossTaskProblems, taskKeySlot, type TaskKeySlot } from './task-key-slots';

export interface LoadedPact {
  /** The model, present only when the file has no error-level problem. */
  pact?: Pact;
  /** The document as plain data (for tooling on a pact that does not validate yet); null when unreadable. */
  raw: unknown;
  /** Every finding, in document order. */
  problems: Problem[];
  source: PactSource;
}

export interface LoadOptions {
  /** The file's path, used to name it in messages; relative engine paths resolve against its folder. */
  path?: string;
  /** The engine the pact will run on when it is not the file's own (`--engine`, an editor setting). */
  engine?: EngineType;
}

/** The SQL quoting rules of the engine a pact runs on: the override, else its `engine.type`, else the default. */
function sqlLexiconOf(raw: unknown, engine: EngineType | undefined): SqlLexicon {
  const block = (raw as { engine?: { type?: unknown } } | null)?.engine;
  const type = engine ?? (typeof block?.type === 'string' ? block.type : DEFAULT_ENGINE);
  return (findDialect(type) ?? findDialect(DEFAULT_ENGINE))!.lexicon;
}

/**
 * Alias expansion budget (yaml counts expanded nodes): generous for 1,000 tasks each merging `<<: *defaults`,
 * small enough that a "billion laughs" document is refused in microseconds.
 */
const MAX_ALIAS_COUNT = 50_000;

function toPlainData(source: PactSource, problems: Problem[]): { ok: boolean; raw: unknown } {
  try {
    return { ok: true, raw: source.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const span = documentSpan(source);
    const excessive = error instanceof ReferenceError && /alias/i.test(error.message);
    problems.push({
      code: excessive ? 'alias-expansion' : 'yaml-syntax',
      severity: 'error',
      message: excessive
        ? 'the aliases in this file expand to too much data: use fewer nested aliases'
        : `YAML: the document cannot be read (${(error as Error).message.split('\n')[0]})`,
      start: span.start,
      end: span.end,
    });
    return { ok: false, raw: null };
  }
}

/** The same finding reached twice (a shared anchor inherited by many tasks) is reported once. */
function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const id = `${p.start}:${p.end}:${p.code}:${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function loadPact(text: string, options: LoadOptions = {}): LoadedPact {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const source = parsePactText(input);
  const problems: Problem[] = [];
  let raw: unknown = null;
  if (source.unparsed) {
    const { message, start, end } = source.unparsed;
    return { raw, problems: [{ code: 'too-deep', severity: 'error', message, start, end }], source };
  }
  try {
    problems.push(...yamlProblems(input, source.yaml));
    const data = toPlainData(source, problems);
    raw = data.raw;
    if (data.ok) {
      problems.push(...schemaProblems(schemaErrors(raw), source, raw));
      const context = createRuleContext(
        source,
        taskViews(raw, source),
        (offset) => lineColumn(source, offset).line,
        sqlLexiconOf(raw, options.engine),
      );
      for (const rule of PACT_RULES) {
        try {
          problems.push(...rule.check(context));
        } catch {
          // A rule that trips over odd data must not hide the other findings.
        }
      }
    }
  } catch (error) {
    const span = documentSpan(source);
    problems.push({ code: 'internal-error', severity: 'error', message: `the pact could not be checked completely: ${(error as Error)?.message ?? error}`, start: span.start, end: span.end });
  }
  const sorted = sortAndDedupe(problems);
  let pact: Pact | undefined;
  if (!sorted.some((p) => p.severity === 'error')) {
    try {
      pact = normalisePact(raw);
    } catch {
      pact = undefined;
    }
  }
  return { pact, raw, problems: sorted, source };
}
