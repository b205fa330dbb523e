/**
 * YAML text -> pact model + problems. Never throws: every input gives a result.
 *
 * PROVISIONAL: a minimal loader so other parts can be built against the contract below; the full
 * schema and rule validation replaces the body of `loadPact` (the contract stays).
 */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import type { Pact } from '../model/pact';
import type { Problem } from '../model/problem';

export type PathSegment = string | number;

export interface Span {
  start: number;
  end: number;
}

/** The parsed text, kept so that any consumer can map a model path back to its place in the file. */
export interface PactSource {
  readonly text: string;
  readonly yaml: Document.Parsed;
  readonly lines: LineCounter;
  /** The span of the node at `path` (`part: 'key'` gives the key of a mapping pair instead of its value). */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): Span | undefined;
}

export interface LoadedPact {
  /** The model, present only when the file has no error-level problem. */
  pact?: Pact;
  /** The document as plain data (for tooling on a pact that does not validate yet). */
  raw: unknown;
  /** Every finding, in document order. */
  problems: Problem[];
  source: PactSource;
}

export interface LoadOptions {
  /** The file's path, used to name it in messages; relative engine paths resolve against its folder. */
  path?: string;
}

export function loadPact(text: string, _options: LoadOptions = {}): LoadedPact {
  const lines = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: false });
  const source = createSource(text, yaml, lines);
  const problems: Problem[] = yaml.errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message.split('\n')[0] ?? e.message,
    start: e.pos[0],
    end: Math.max(e.pos[1], e.pos[0] + 1),
  }));
  let raw: unknown;
  try {
    raw = yaml.toJS({ maxAliasCount: 1000 });
  } catch {
    raw = undefined;
  }
  const validations = (raw as { validations?: unknown })?.validations;
  const pact = problems.length === 0 && Array.isArray(validations) ? (raw as Pact) : undefined;
  return { pact, raw, problems, source };
}

export function createSource(text: string, yaml: Document.Parsed, lines: LineCounter): PactSource {
  return {
    text,
    yaml,
    lines,
    locate(path, part = 'value') {
      let node: unknown = yaml.contents;
      let keyNode: unknown;
      for (const segment of path) {
        keyNode = undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === segment);
          if (!pair) return undefined;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
        } else {
          return undefined;
        }
      }
      const target = (part === 'key' ? keyNode : node) as Node | undefined;
      if (!target?.range) return undefined;
      return { start: target.range[0], end: target.range[1] };
    },
  };
}
