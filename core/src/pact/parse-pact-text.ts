/**
 * Pact text -> parsed YAML document with source ranges. Plain block-style text with comments (the usual pact)
 * takes the fast CST path (fast-cst.ts) and is composed by yaml's own Composer; everything else goes through yaml's
 * `parseDocument`. Both give the same document (test/unit/pact-fast-cst.test.ts).
 */
import { Composer, Document, LineCounter, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { fastCst } from './fast-cst';
import { MAX_NESTING, findExcessiveNesting } from './nesting-depth';
import { createSource, type PactSource } from './pact-source';

// logLevel 'error': a list or mapping used as a key is a located finding (yaml-problems.ts); yaml's own console
// warning about stringifying it would only reach the CLI's stderr or the server's log.
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { uniqueKeys: false, merge: true, logLevel: 'error' };

/** Which path parses (tests switch the fast path off to compare both). */
export const parsing = { fast: true };

/** The fast reader (a test replaces it to prove a fault falls back). */
export const fastPath = { read: fastCst };

/** A fault of the fast path: the text was read again by yaml's parser. */
export interface YamlReaderFault {
  message: string;
  /** The text's length (never the text: a pact may hold anything). */
  length: number;
}

const faultListeners = new Set<(fault: YamlReaderFault) => void>();

/** Hears every fault of the fast path (the CLI prints it, the server logs it); returns the way to stop. */
export function onYamlReaderFault(listener: (fault: YamlReaderFault) => void): () => void {
  faultListeners.add(listener);
  return () => faultListeners.delete(listener);
}

function composeFast(text: string, lines: LineCounter): Document.Parsed | undefined {
  const cst = parsing.fast ? fastPath.read(text, lines) : undefined;
  if (!cst) return undefined;
  let doc: Document.Parsed | undefined;
  for (const composed of new Composer(OPTIONS).compose(cst, true, text.length)) doc ??= composed;
  return doc;
}

export function parsePactText(text: string): PactSource {
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep) {
    // Not parsed at all: every recursive step (parser, composer, toJS, schema) would overflow the stack.
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
    const message = `the YAML nests more than ${MAX_NESTING} levels deep here; a pact needs only a few levels, so this file is not read`;
    return createSource(text, new Document(null) as Document.Parsed, lines, { message, start: tooDeep.offset, end: Math.min(text.length, tooDeep.offset + 1) });
  }
  try {
    const fastLines = new LineCounter();
    let fast: Document.Parsed | undefined;
    try {
      fast = composeFast(text, fastLines);
    } catch (error) {
      // Our bug, not the user's: read the text the standard way and say so.
      const fault = { message: error instanceof Error ? error.message : String(error), length: text.length };
      for (const listener of faultListeners) listener(fault);
    }
    if (fast) return createSource(text, fast, fastLines);
    const lines = new LineCounter();
    const yaml = parseDocument(text, { ...OPTIONS, lineCounter: lines, prettyErrors: false });
    return createSource(text, yaml, lines);
  } catch {
    return createSource(text, new Document(null) as Document.Parsed, new LineCounter());
  }
}
