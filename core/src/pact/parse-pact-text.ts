/**
 * Pact text -> parsed YAML document with source ranges. Plain block-style text with comments (the usual pact)
 * takes the fast CST path (fast-cst.ts) and is composed by yaml's own Composer; everything else goes through yaml's
 * `parseDocument`. Both give the same document (test/unit/pact-fast-cst.test.ts).
 */
import { Composer, Document, LineCounter, parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { fastCst } from './fast-cst';
import { createSource, type PactSource } from './pact-source';

// logLevel 'error': a list or mapping used as a key is a located finding (yaml-problems.ts); yaml's own console
// warning about stringifying it would only reach the CLI's stderr or the server's log.
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { uniqueKeys: false, merge: true, logLevel: 'error' };

/** Which path parses (tests switch the fast path off to compare both). */
export const parsing = { fast: true };

function composeFast(text: string, lines: LineCounter): Document.Parsed | undefined {
  const cst = parsing.fast ? fastCst(text, lines) : undefined;
  if (!cst) return undefined;
  let doc: Document.Parsed | undefined;
  for (const composed of new Composer(OPTIONS).compose(cst, true, text.length)) doc ??= composed;
  return doc;
}

export function parsePactText(text: string): PactSource {
  try {
    const fastLines = new LineCounter();
    const fast = composeFast(text, fastLines);
    if (fast) return createSource(text, fast, fastLines);
    const lines = new LineCounter();
    const yaml = parseDocument(text, { ...OPTIONS, lineCounter: lines, prettyErrors: false });
    return createSource(text, yaml, lines);
  } catch {
    return createSource(text, new Document(null) as Document.Parsed, new LineCounter());
  }
}
