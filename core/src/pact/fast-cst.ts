/**
 * A fast path for the first stage of YAML parsing: builds the same concrete syntax tree (CST) that `yaml`'s
 * `Parser` builds, for the plain block style pacts are usually written in, in one pass over the lines.
 *
 * Why: on a 1,000-task pact yaml's lexer + parser cost about two thirds of `loadPact` (generators per token).
 * The tree is then composed by yaml's own `Composer`, so values, ranges, errors and warnings are yaml's.
 * Comments are inside the subset (full-line and after a value), placed where yaml's parser places them (see
 * `readGap` and `release`). Anything outside the subset (anchors, tags, block or multi-line scalars, directives,
 * tabs, quoted keys, comments inside flow collections, …) answers undefined and the caller uses yaml's parser:
 * the subset only has to be recognised exactly, never approximated. test/unit/pact-fast-cst.test.ts compares
 * the two trees token for token.
 */
import type { CST, LineCounter } from 'yaml';

type SourceToken = CST.SourceToken;

/** Thrown inside the builder to fall back; never escapes `fastCst`. */
class OutsideSubset extends Error {}

function outside(): never {
  throw new OutsideSubset();
}

/** Characters that can never appear in a fast-path text (tabs, CR, control characters, BOM). */
const UNSUPPORTED = /[\t\r\u0000-\u0008\u000b-\u001f\u007f\ufeff]/;
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

const HASH = 35; // `#`

class Builder {
  private readonly lines: Line[] = [];
  private i = 0;
  /**
   * Tokens read after the last value that no item holds yet: blank lines, comment lines and the next content
   * line's indentation. yaml's parser collects them in an item of the innermost collection and hands that item
   * up to each collection it leaves (see `release`).
   */
  private held: SourceToken[] = [];
  /** The largest column of a comment in `held` (-1 when it holds none). */
  private heldComment = -1;

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

  private indentOf(line: Line | undefined): number {
    return line ? line.content - line.start : -1;
  }

  private spaces(from: number, end: number): number {
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /**
   * Reads the blank and comment lines from line `this.i` on, and the indentation of the content line after them
   * (where `this.i` stops), into `held`. With `glue` (the value that ended the line before, in a collection
   * whose items are in column `glue.indent`): a comment indented deeper than that collection, with nothing but
   * blank lines since the value or since the last such comment, belongs to the value — yaml's parser appends
   * it and the lines before it to the value's `end` (its `atIndentedComment`).
   */
  private readGap(glue?: { indent: number; end: SourceToken[] }): void {
    const text = this.text;
    const tokens: SourceToken[] = [];
    let comment = -1;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      if (line.content === line.end) {
        tokens.push(...this.newline(line, 0));
        continue;
      }
      const column = line.content - line.start;
      const indentation = column > 0 ? [this.tok('space', line.start, 0, text.slice(line.start, line.content))] : [];
      if (text.charCodeAt(line.content) !== HASH) {
        tokens.push(...indentation);
        break;
      }
      const own = [...indentation, this.tok('comment', line.content, column, text.slice(line.content, line.end)), ...this.newline(line, column)];
      if (glue && comment < 0 && column > glue.indent) {
        glue.end.push(...tokens, ...own);
        tokens.length = 0;
      } else {
        tokens.push(...own);
        comment = Math.max(comment, column);
      }
    }
    this.held = tokens;
    this.heldComment = comment;
  }

  private take(): SourceToken[] {
    const tokens = this.held;
    this.held = [];
    this.heldComment = -1;
    return tokens;
  }

  /**
   * On leaving a collection whose items are in column `indent`: yaml's parser keeps the held tokens there, as an
   * item of their own, when a comment among them is indented at least as far; otherwise they go on up (from a
   * collection in column 0, to the document's end).
   */
  private release(items: Array<{ start: SourceToken[] }>, indent: number): void {
    if (this.held.length > 0 && indent > 0 && this.heldComment >= indent) items.push({ start: this.take() });
  }

  /** The stream: comment and blank lines before the document (yaml's parser emits them on their own), then it. */
  tokens(): CST.Token[] {
    this.readGap();
    const prelude = this.take();
    const first = this.lines[this.i];
    if (!first || first.content !== first.start) outside(); // empty, or an indented first line
    const head = this.text.slice(first.start, first.start + 3);
    if (head === '---' || head === '...' || this.text[first.start] === '%') outside();
    const value = this.blockMap(0, first.content, []);
    if (this.i < this.lines.length) outside();
    const doc: CST.Document = { type: 'document', offset: first.start, start: [], value };
    if (this.held.length > 0) doc.end = this.take();
    return [...prelude, doc];
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
    const text = this.text;
    const items: CST.BlockMap['items'] = [];
    const map: CST.BlockMap = { type: 'block-map', offset: keyStart, indent, items };
    let start = firstStart;
    let carried: SourceToken[] | undefined;
    let from = keyStart;
    for (;;) {
      const line = this.lines[this.i]!;
      const colon = this.keyEnd(from, line.end);
      if (colon < 0) outside();
      const key: CST.FlowScalar = { type: 'scalar', offset: from, indent, source: text.slice(from, colon) };
      const sep: SourceToken[] = [this.tok('map-value-ind', colon, indent, ':')];
      const valueStart = this.spaces(colon + 1, line.end);
      if (valueStart > colon + 1) sep.push(this.tok('space', colon + 1, indent, text.slice(colon + 1, valueStart)));
      if (valueStart < line.end && text.charCodeAt(valueStart) !== HASH) {
        const value = this.inlineValue(valueStart, line, indent);
        this.i++;
        items.push({ start, key, sep, value });
        this.readGap(value.end && { indent, end: value.end });
        if (this.indentOf(this.lines[this.i]) > indent) outside(); // a continuation line: multi-line scalar
      } else {
        // No value on the key's line (perhaps a comment): what follows, up to the next content, is in `sep`.
        if (valueStart < line.end) sep.push(this.tok('comment', valueStart, indent, text.slice(valueStart, line.end)));
        sep.push(...this.newline(line, indent));
        this.i++;
        this.readGap();
        sep.push(...this.take());
        const next = this.lines[this.i];
        const nextIndent = this.indentOf(next);
        if (next && nextIndent > indent) {
          items.push({ start, key, sep, value: this.blockNode(nextIndent) });
        } else {
          if (next && nextIndent === indent && this.isSeqItem(next)) outside(); // a sequence not indented under its key
          items.push({ start, key, sep });
          if (next && nextIndent === indent) carried = this.handedOn(sep, indent);
        }
      }
      const after = this.lines[this.i];
      if (!after || this.indentOf(after) < indent) {
        this.release(items, indent);
        return map;
      }
      if (this.indentOf(after) > indent) outside();
      start = carried ?? this.take();
      carried = undefined;
      from = after.content;
    }
  }

  /**
   * When a key without a value is followed by the next key of its mapping, yaml's parser hands that key what
   * came after the first blank line that follows the last comment indented deeper than the mapping.
   */
  private handedOn(sep: SourceToken[], indent: number): SourceToken[] {
    const newlines: number[] = [];
    sep.forEach((token, n) => {
      if (token.type === 'newline') newlines.push(n);
      else if (token.type !== 'space' && (token.type !== 'comment' || token.indent > indent)) newlines.length = 0;
    });
    return newlines.length >= 2 ? sep.splice(newlines[1]!) : [];
  }

  private blockSeq(indent: number): CST.BlockSequence {
    const text = this.text;
    const line0 = this.lines[this.i]!;
    const items: CST.BlockSequence['items'] = [];
    const seq: CST.BlockSequence = { type: 'block-seq', offset: line0.content, indent, items };
    let start: SourceToken[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      if (!this.isSeqItem(line)) outside();
      const p = this.spaces(line.content + 1, line.end);
      if (p === line.end || text.charCodeAt(p) === HASH) outside(); // `-` alone on its line
      const inner = indent + (p - line.content);
      start = [...start, this.tok('seq-item-ind', line.content, indent, '-'), this.tok('space', line.content + 1, indent + 1, text.slice(line.content + 1, p))];
      if (this.keyEnd(p, line.end) >= 0) {
        items.push({ start, value: this.blockMap(inner, p, []) });
      } else {
        const value = this.inlineValue(p, line, inner);
        this.i++;
        items.push({ start, value });
        this.readGap(value.end && { indent, end: value.end });
        if (this.indentOf(this.lines[this.i]) > indent) outside();
      }
      const after = this.lines[this.i];
      if (!after || this.indentOf(after) < indent) {
        this.release(items, indent);
        return seq;
      }
      if (this.indentOf(after) > indent) outside();
      start = this.take();
    }
  }

  private isSeqItem(line: Line): boolean {
    return this.text.charCodeAt(line.content) === 45 /* - */ && (line.content + 1 === line.end || this.text.charCodeAt(line.content + 1) === 32);
  }

  /** The block node starting on line `this.i` (its leading tokens already taken by the caller). */
  private blockNode(indent: number): CST.BlockMap | CST.BlockSequence {
    const line = this.lines[this.i]!;
    if (this.isSeqItem(line)) return this.blockSeq(indent);
    return this.blockMap(indent, line.content, []);
  }

  /** A value that ends on its own line, perhaps before a comment: plain or quoted scalar, or a one-line flow collection. */
  private inlineValue(from: number, line: Line, indent: number): CST.FlowScalar | CST.FlowCollection {
    const text = this.text;
    const c = text[from]!;
    if (c === '[' || c === '{') {
      const flow = this.flow(from, line.end, indent);
      flow.end.push(...this.trail(flow.end[0]!.offset + 1, line, indent));
      return flow;
    }
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(from, line.end);
      const type = c === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
      return this.ended({ type, offset: from, indent, source: text.slice(from, close) }, this.trail(close, line, indent));
    }
    if (INDICATORS.has(c)) outside();
    if ((c === '-' || c === '?' || c === ':') && (from + 1 === line.end || text.charCodeAt(from + 1) === 32)) outside();
    // A plain scalar ends where ` #` starts a comment (the spaces before it are a token of their own).
    let end = from;
    while (end < line.end && !(text.charCodeAt(end) === HASH && text.charCodeAt(end - 1) === 32)) end++;
    while (text.charCodeAt(end - 1) === 32) end--;
    const source = text.slice(from, end);
    if (source.includes(': ') || source.endsWith(':')) outside();
    return this.ended({ type: 'scalar', offset: from, indent, source }, this.trail(end, line, indent));
  }

  /** The tokens after a value up to its line's end: ` # comment` (nothing else may follow a value) and `\n`. */
  private trail(from: number, line: Line, indent: number): SourceToken[] {
    const tokens: SourceToken[] = [];
    if (from < line.end) {
      const hash = this.spaces(from, line.end);
      if (hash === from || this.text.charCodeAt(hash) !== HASH) outside();
      tokens.push(this.tok('space', from, indent, this.text.slice(from, hash)), this.tok('comment', hash, indent, this.text.slice(hash, line.end)));
    }
    tokens.push(...this.newline(line, indent));
    return tokens;
  }

  /** A scalar with what follows it on its line (yaml's parser leaves `end` out when nothing does). */
  private ended(scalar: CST.FlowScalar, tokens: SourceToken[]): CST.FlowScalar {
    if (tokens.length > 0) scalar.end = tokens;
    return scalar;
  }

  /** Just past the closing quote of the quoted scalar at `from`; outside the subset when it does not close on this line. */
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

  /**
   * A flow collection of plain scalars (a sequence, or a mapping of plain keys to plain values) that closes on
   * its line; its `end` holds the closing bracket (the caller adds what follows).
   */
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
      if (text.slice(s, p).includes(' #')) outside(); // a comment inside the collection
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
    if (text[p] !== close) outside();
    flow.end.push(this.tok(isMap ? 'flow-map-end' : 'flow-seq-end', p, indent, close));
    return flow;
  }
}

/**
 * The CST tokens yaml's `Parser` would build for `text` (comment and blank lines before the document, then the
 * document), or undefined when `text` is outside the fast subset. When `lines` is given, it receives the line
 * starts as yaml's parser would record them.
 */
export function fastCst(text: string, lines?: LineCounter): CST.Token[] | undefined {
  if (text.length === 0 || UNSUPPORTED.test(text)) return undefined;
  let tokens: CST.Token[];
  try {
    tokens = new Builder(text).tokens();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
  if (lines) {
    lines.addNewLine(0);
    for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines.addNewLine(p + 1);
  }
  return tokens;
}
