/**
 * The CST tokens of a value that sits on its key's (or its `- `'s) line and ends there: a plain or quoted
 * scalar, or a one-line flow collection of plain scalars, with the ` # comment` and `\n` that may follow it.
 * These are the leaves of the fast CST (fast-cst.ts builds the block structure around them); they need only the
 * text and the one line, never the builder's position, so they are plain functions. Anything a value could be
 * beyond this (anchors, tags, block scalars, multi-line or nested flow, comments inside brackets) is refused
 * with `outside()`, and the caller falls back to yaml's parser.
 */
import type { CST } from 'yaml';
import { HASH, newline, outside, spaces, tok, type Line, type SourceToken } from './fast-cst-lines';

/** First characters that make a value something other than a plain scalar (handled, or refused). */
const INDICATORS = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** Characters a plain scalar cannot hold inside a flow collection. */
const FLOW_STOP = /[,[\]{}:"']/;

/** A value that ends on its own line, perhaps before a comment: plain or quoted scalar, or a one-line flow collection. */
export function inlineValue(text: string, from: number, line: Line, indent: number): CST.FlowScalar | CST.FlowCollection {
  const c = text[from]!;
  if (c === '[' || c === '{') {
    const flow = flowCollection(text, from, line.end, indent);
    flow.end.push(...trail(text, flow.end[0]!.offset + 1, line, indent));
    return flow;
  }
  if (c === '"' || c === "'") {
    const close = quoteEnd(text, from, line.end);
    const type = c === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
    return ended({ type, offset: from, indent, source: text.slice(from, close) }, trail(text, close, line, indent));
  }
  if (INDICATORS.has(c)) outside();
  if ((c === '-' || c === '?' || c === ':') && (from + 1 === line.end || text.charCodeAt(from + 1) === 32)) outside();
  // A plain scalar ends where ` #` starts a comment (the spaces before it are a token of their own).
  let end = from;
  while (end < line.end && !(text.charCodeAt(end) === HASH && text.charCodeAt(end - 1) === 32)) end++;
  while (text.charCodeAt(end - 1) === 32) end--;
  const source = text.slice(from, end);
  if (source.includes(': ') || source.endsWith(':')) outside();
  return ended({ type: 'scalar', offset: from, indent, source }, trail(text, end, line, indent));
}

/** The tokens after a value up to its line's end: ` # comment` (nothing else may follow a value) and `\n`. */
function trail(text: string, from: number, line: Line, indent: number): SourceToken[] {
  const tokens: SourceToken[] = [];
  if (from < line.end) {
    const hash = spaces(text, from, line.end);
    if (hash === from || text.charCodeAt(hash) !== HASH) outside();
    tokens.push(tok('space', from, indent, text.slice(from, hash)), tok('comment', hash, indent, text.slice(hash, line.end)));
  }
  tokens.push(...newline(text, line, indent));
  return tokens;
}

/** A scalar with what follows it on its line (yaml's parser leaves `end` out when nothing does). */
function ended(scalar: CST.FlowScalar, tokens: SourceToken[]): CST.FlowScalar {
  if (tokens.length > 0) scalar.end = tokens;
  return scalar;
}

/** Just past the closing quote of the quoted scalar at `from`; outside the subset when it does not close on this line. */
function quoteEnd(text: string, from: number, end: number): number {
  const quote = text[from];
  for (let p = from + 1; p < end; p++) {
    const c = text[p];
    if (quote === '"' && c === '\\') p++;
    else if (c === quote) {
      if (quote === "'" && text[p + 1] === "'") p++;
      else return p + 1;
    }
  }
  return outside();
}

/**
 * A flow collection of plain scalars (a sequence, or a mapping of plain keys to plain values) that closes on
 * its line; its `end` holds the closing bracket (the caller adds what follows).
 */
function flowCollection(text: string, from: number, end: number, indent: number): CST.FlowCollection {
  const isMap = text[from] === '{';
  const close = isMap ? '}' : ']';
  const items: CST.FlowCollection['items'] = [];
  const flow: CST.FlowCollection = {
    type: 'flow-collection',
    offset: from,
    indent,
    start: tok(isMap ? 'flow-map-start' : 'flow-seq-start', from, indent, text[from]!),
    items,
    end: [],
  };
  let p = from + 1;
  let start: SourceToken[] = [];
  const space = () => {
    const q = spaces(text, p, end);
    if (q > p) start.push(tok('space', p, indent, text.slice(p, q)));
    p = q;
  };
  const plain = (): CST.FlowScalar => {
    const s = p;
    while (p < end && !FLOW_STOP.test(text[p]!)) p++;
    let e = p;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (e === s || INDICATORS.has(text[s]!) || text[s] === '-' || text[s] === '?') outside();
    if (text.slice(s, p).includes(' #')) outside(); // a comment inside the collection
    const scalar: CST.FlowScalar = { type: 'scalar', offset: s, indent, source: text.slice(s, e), end: [] };
    if (p > e) scalar.end!.push(tok('space', e, indent, text.slice(e, p)));
    return scalar;
  };
  space();
  if (text[p] === close) {
    if (start.length > 0) outside(); // `[ ]`: the lone space is kept elsewhere; not worth following
  } else {
    for (;;) {
      if (isMap) {
        const key = plain();
        if (key.end!.length > 0 || text[p] !== ':' || text[p + 1] !== ' ') outside();
        delete key.end;
        const sep: SourceToken[] = [tok('map-value-ind', p, indent, ':')];
        const q = spaces(text, p + 1, end);
        sep.push(tok('space', p + 1, indent, text.slice(p + 1, q)));
        p = q;
        const value = plain();
        if (value.end!.length === 0) delete value.end; // yaml's parser leaves it out in flow mappings
        items.push({ start, key, sep, value });
      } else {
        items.push({ start, value: plain() });
      }
      if (text[p] === close) break;
      if (text[p] !== ',') outside();
      start = [tok('comma', p, indent, ',')];
      p++;
      space();
      if (text[p] === close || p >= end) outside(); // a trailing comma
    }
  }
  if (text[p] !== close) outside();
  flow.end.push(tok(isMap ? 'flow-map-end' : 'flow-seq-end', p, indent, close));
  return flow;
}
