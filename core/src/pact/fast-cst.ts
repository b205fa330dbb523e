/**
 * A fast path for the first stage of YAML parsing: builds the same concrete syntax tree (CST) that `yaml`'s
 * `Parser` builds, for the plain block style pacts are usually written in, in one pass over the lines.
 *
 * Why: on a 1,000-task pact yaml's lexer + parser cost about two thirds of `loadPact` (generators per token).
 * The tree is then composed by yaml's own `Composer`, so values, ranges, errors and warnings are yaml's.
 * Anything outside the subset (comments, anchors, tags, block or multi-line scalars, directives, tabs, quoted
 * keys, …) answers undefined and the caller uses yaml's parser: the subset only has to be recognised exactly,
 * never approximated. test/unit/pact-fast-cst.test.ts compares the two trees token for token.
 */
import type { CST, LineCounter } from 'yaml';

type SourceToken = CST.SourceToken;

/** Thrown inside the builder to fall back; never escapes `fastCst`. */
class OutsideSubset extends Error {}

function outside(): never {
  throw new OutsideSubset();
}

/** Characters that can never appear in a fast-path text (comments, tabs, CR, control characters, BOM). */
const UNSUPPORTED = /[#\t\r\u0000-\u0008\u000b-\u001f\u007f\ufeff]/;
/** A plain key as written in pacts; anything fancier (quotes, spaces, `?`) takes yaml's path. */
const KEY = /^[A-Za-z0-9_$][\w.$-]*$/;
/** First characters that make a value something other than a plain scalar (handled, or refused). */
const INDICATORS = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** Characters a plain scalar cannot hold inside a flow collection. */
const FLOW_STOP = /[,[\]{}:"']/;

interface Line {
  start: number;
  /** Offset of the first non-space character (== end for a blank line). */
  content: number;
  /** Offset of the line's `\n`, or the text length for a last line without one. */
  end: number;
}

class Builder {
  private readonly lines: Line[] = [];
  private i = 0;
  /** The line whose leading blank lines and indentation are already tokens (they are emitted once). */
  private consumed = -1;

  constructor(private readonly text: string) {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let content = start;
      while (content < end && text.charCodeAt(content) === 32) content++;
      // Trailing spaces and space-only lines tokenise differently: not worth following.
      if (end > start && text.charCodeAt(end - 1) === 32) outside();
      this.lines.push({ start, content, end });
      start = end + 1;
    }
  }

  private tok(type: SourceToken['type'], offset: number, indent: number, source: string): SourceToken {
    return { type, offset, indent, source };
  }

  private newline(line: Line, indent: number): SourceToken[] {
    return line.end < this.text.length ? [this.tok('newline', line.end, indent, '\n')] : [];
  }

  /** Blank lines and the next content line's indentation, as the tokens that start its item. */
  private pending(): SourceToken[] {
    const tokens: SourceToken[] = [];
    if (this.i === this.consumed) return tokens;
    while (this.i < this.lines.length && this.lines[this.i]!.content === this.lines[this.i]!.end) {
      const line = this.lines[this.i]!;
      if (line.end < this.text.length) tokens.push(this.tok('newline', line.end, 0, '\n'));
      this.i++;
    }
    const line = this.lines[this.i];
    if (line && line.content > line.start) tokens.push(this.tok('space', line.start, 0, this.text.slice(line.start, line.content)));
    this.consumed = this.i;
    return tokens;
  }

  private indentOf(line: Line | undefined): number {
    return line ? line.content - line.start : -1;
  }

  document(): CST.Document {
    const first = this.lines[0];
    if (!first || first.content !== first.start || first.content === first.end) outside();
    const head = this.text.slice(0, 3);
    if (head === '---' || head === '...' || this.text[0] === '%') outside();
    const value = this.blockMap(0, first.content, []);
    const end = this.pending();
    if (this.i < this.lines.length) outside();
    const doc: CST.Document = { type: 'document', offset: 0, start: [], value };
    if (end.length > 0) doc.end = end;
    return doc;
  }

  /** Where a key ends on a line from `from` (the offset of its `:`), or -1 when the line is not `key: …`. */
  private keyEnd(from: number, end: number): number {
    const text = this.text;
    for (let p = from; p < end; p++) {
      if (text.charCodeAt(p) === 58 /* : */ && (p + 1 === end || text.charCodeAt(p + 1) === 32)) {
        return KEY.test(text.slice(from, p)) ? p : -1;
      }
    }
    return -1;
  }

  /** A block mapping whose first key starts at `keyStart` on line `this.i`, its keys in column `indent`. */
  private blockMap(indent: number, keyStart: number, firstStart: SourceToken[]): CST.BlockMap {
    const items: CST.BlockMap['items'] = [];
    const map: CST.BlockMap = { type: 'block-map', offset: keyStart, indent, items };
    let start = firstStart;
    let carried: SourceToken[] | undefined;
    let from = keyStart;
    for (;;) {
      const line = this.lines[this.i]!;
      const colon = this.keyEnd(from, line.end);
      if (colon < 0) outside();
      const key: CST.FlowScalar = { type: 'scalar', offset: from, indent, source: this.text.slice(from, colon) };
      const sep: SourceToken[] = [this.tok('map-value-ind', colon, indent, ':')];
      let valueStart = colon + 1;
      while (valueStart < line.end && this.text.charCodeAt(valueStart) === 32) valueStart++;
      if (valueStart > colon + 1) sep.push(this.tok('space', colon + 1, indent, this.text.slice(colon + 1, valueStart)));
      if (valueStart < line.end) {
        const value = this.inlineValue(valueStart, line, indent);
        this.i++;
        items.push({ start, key, sep, value });
        if (this.indentOf(this.nextContent()) > indent) outside(); // a continuation line: multi-line scalar
      } else {
        sep.push(...this.newline(line, indent));
        this.i++;
        const next = this.nextContent();
        const nextIndent = this.indentOf(next);
        if (next && nextIndent > indent) {
          sep.push(...this.pending());
          items.push({ start, key, sep, value: this.blockNode(nextIndent) });
        } else {
          if (next && nextIndent === indent && this.isSeqItem(next)) outside(); // a sequence not indented under its key
          // yaml's parser keeps what follows a key without a value (blank lines, the next indentation) with it;
          // when the next key of the same mapping follows, it hands over what came after the first blank line.
          sep.push(...this.pending());
          items.push({ start, key, sep });
          if (next && nextIndent === indent) {
            const newlines = sep.flatMap((t, n) => (t.type === 'newline' ? [n] : []));
            carried = newlines.length >= 2 ? sep.splice(newlines[1]!) : [];
          }
        }
      }
      const after = this.nextContent();
      if (!after || this.indentOf(after) < indent) return map;
      if (this.indentOf(after) > indent) outside();
      start = carried ?? this.pending();
      carried = undefined;
      from = this.lines[this.i]!.content;
    }
  }

  private blockSeq(indent: number): CST.BlockSequence {
    const line0 = this.lines[this.i]!;
    const items: CST.BlockSequence['items'] = [];
    const seq: CST.BlockSequence = { type: 'block-seq', offset: line0.content, indent, items };
    let start: SourceToken[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      if (!this.isSeqItem(line)) outside();
      let p = line.content + 1;
      while (p < line.end && this.text.charCodeAt(p) === 32) p++;
      if (p === line.end) outside(); // `-` alone on its line
      const inner = indent + (p - line.content);
      start = [...start, this.tok('seq-item-ind', line.content, indent, '-'), this.tok('space', line.content + 1, indent + 1, this.text.slice(line.content + 1, p))];
      if (this.keyEnd(p, line.end) >= 0) {
        items.push({ start, value: this.blockMap(inner, p, []) });
      } else {
        const value = this.inlineValue(p, line, inner);
        this.i++;
        items.push({ start, value });
        if (this.indentOf(this.nextContent()) > indent) outside();
      }
      const after = this.nextContent();
      if (!after || this.indentOf(after) < indent) return seq;
      if (this.indentOf(after) > indent) outside();
      start = this.pending();
    }
  }

  private isSeqItem(line: Line): boolean {
    return this.text.charCodeAt(line.content) === 45 /* - */ && (line.content + 1 === line.end || this.text.charCodeAt(line.content + 1) === 32);
  }

  /** The next non-blank line, without consuming anything. */
  private nextContent(): Line | undefined {
    for (let j = this.i; j < this.lines.length; j++) if (this.lines[j]!.content < this.lines[j]!.end) return this.lines[j];
    return undefined;
  }

  /** The block node starting on the next content line (after the caller consumed its pending tokens). */
  private blockNode(indent: number): CST.BlockMap | CST.BlockSequence {
    const line = this.lines[this.i]!;
    if (this.isSeqItem(line)) return this.blockSeq(indent);
    return this.blockMap(indent, line.content, []);
  }

  /** A value that ends on its own line: plain or quoted scalar, or a one-line flow collection. */
  private inlineValue(from: number, line: Line, indent: number): CST.Token {
    const text = this.text;
    const c = text[from]!;
    if (c === '[' || c === '{') {
      const flow = this.flow(from, line.end, indent);
      flow.end.push(...this.newline(line, indent));
      return flow;
    }
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(from, line.end);
      if (close !== line.end) outside();
      return this.ended({ type: c === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar', offset: from, indent, source: text.slice(from, close) }, line);
    }
    if (INDICATORS.has(c)) outside();
    if ((c === '-' || c === '?' || c === ':') && (from + 1 === line.end || text.charCodeAt(from + 1) === 32)) outside();
    const source = text.slice(from, line.end);
    if (source.includes(': ') || source.endsWith(':')) outside();
    return this.ended({ type: 'scalar', offset: from, indent, source }, line);
  }

  /** A block scalar's line end (yaml's parser leaves `end` out on a last line without `\n`). */
  private ended(scalar: CST.FlowScalar, line: Line): CST.FlowScalar {
    const newline = this.newline(line, scalar.indent);
    if (newline.length > 0) scalar.end = newline;
    return scalar;
  }

  /** Just past the closing quote of the quoted scalar at `from`, or -1 when it does not close on this line. */
  private quoteEnd(from: number, end: number): number {
    const text = this.text;
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

  private spaces(from: number, end: number): number {
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /** A flow collection of plain scalars (a sequence, or a mapping of plain keys to plain values) on one line. */
  private flow(from: number, end: number, indent: number): CST.FlowCollection {
    const text = this.text;
    const isMap = text[from] === '{';
    const close = isMap ? '}' : ']';
    const items: CST.FlowCollection['items'] = [];
    const flow: CST.FlowCollection = {
      type: 'flow-collection',
      offset: from,
      indent,
      start: this.tok(isMap ? 'flow-map-start' : 'flow-seq-start', from, indent, text[from]!),
      items,
      end: [],
    };
    let p = from + 1;
    let start: SourceToken[] = [];
    const space = () => {
      const q = this.spaces(p, end);
      if (q > p) start.push(this.tok('space', p, indent, text.slice(p, q)));
      p = q;
    };
    const plain = (): CST.FlowScalar => {
      const s = p;
      while (p < end && !FLOW_STOP.test(text[p]!)) p++;
      let e = p;
      while (e > s && text.charCodeAt(e - 1) === 32) e--;
      if (e === s || INDICATORS.has(text[s]!) || text[s] === '-' || text[s] === '?') outside();
      const scalar: CST.FlowScalar = { type: 'scalar', offset: s, indent, source: text.slice(s, e), end: [] };
      if (p > e) scalar.end!.push(this.tok('space', e, indent, text.slice(e, p)));
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
          const sep: SourceToken[] = [this.tok('map-value-ind', p, indent, ':')];
          const q = this.spaces(p + 1, end);
          sep.push(this.tok('space', p + 1, indent, text.slice(p + 1, q)));
          p = q;
          const value = plain();
          if (value.end!.length === 0) delete value.end; // yaml's parser leaves it out in flow mappings
          items.push({ start, key, sep, value });
        } else {
          items.push({ start, value: plain() });
        }
        if (text[p] === close) break;
        if (text[p] !== ',') outside();
        start = [this.tok('comma', p, indent, ',')];
        p++;
        space();
        if (text[p] === close || p >= end) outside(); // a trailing comma
      }
    }
    if (text[p] !== close || p + 1 !== end) outside();
    flow.end.push(this.tok(isMap ? 'flow-map-end' : 'flow-seq-end', p, indent, close));
    return flow;
  }
}

/**
 * The CST document yaml's `Parser` would build for `text`, or undefined when `text` is outside the fast subset.
 * When `lines` is given, it receives the line starts as yaml's parser would record them.
 */
export function fastCst(text: string, lines?: LineCounter): CST.Document | undefined {
  if (text.length === 0 || UNSUPPORTED.test(text)) return undefined;
  let doc: CST.Document;
  try {
    doc = new Builder(text).document();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
  if (lines) {
    lines.addNewLine(0);
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines.addNewLine(p + 1);
  }
  return doc;
}
