/**
 * A fast path for the first stage of YAML parsing: builds the same concrete syntax tree (CST) that `yaml`'s
 * `Parser` builds, for the plain block style pacts are usually written in, in one pass over the lines.
 *
 * Why: on a 1,000-task pact yaml's lexer + parser cost about two thirds of `loadPact` (generators per token).
 * The tree is then composed by yaml's own `Composer`, so values, ranges, errors and warnings are yaml's.
 * This file holds the entry point and the block structure (documents, block mappings, block sequences);
 * the lines and the comment placement between values are in fast-cst-lines.ts, the one-line values (scalars,
 * flow collections) in fast-cst-inline-values.ts. Anything outside the subset (anchors, tags, block or
 * multi-line scalars, directives, tabs, quoted keys, comments inside flow collections, …) answers undefined and
 * the caller uses yaml's parser: the subset only has to be recognised exactly, never approximated.
 * test/unit/pact-fast-cst.test.ts compares the two trees token for token.
 */
import type { CST, LineCounter } from 'yaml';
import { inlineValue } from './fast-cst-inline-values';
import { HASH, handedOn, LineCursor, newline, OutsideSubset, outside, spaces, tok, type Line, type SourceToken } from './fast-cst-lines';

/** Characters that can never appear in a fast-path text (tabs, CR, control characters, BOM). */
const UNSUPPORTED = /[\t\r\u0000-\u0008\u000b-\u001f\u007f\ufeff]/;
/** A plain key as written in pacts; anything fancier (quotes, spaces, `?`) takes yaml's path. */
const KEY = /^[A-Za-z0-9_$][\w.$-]*$/;

/** Builds the block structure line by line; the gaps between values are read by `LineCursor`. */
class BlockBuilder extends LineCursor {
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
      const sep: SourceToken[] = [tok('map-value-ind', colon, indent, ':')];
      const valueStart = spaces(text, colon + 1, line.end);
      if (valueStart > colon + 1) sep.push(tok('space', colon + 1, indent, text.slice(colon + 1, valueStart)));
      if (valueStart < line.end && text.charCodeAt(valueStart) !== HASH) {
        const value = inlineValue(text, valueStart, line, indent);
        this.i++;
        items.push({ start, key, sep, value });
        this.readGap(value.end && { indent, end: value.end });
        if (this.indentOf(this.lines[this.i]) > indent) outside(); // a continuation line: multi-line scalar
      } else {
        // No value on the key's line (perhaps a comment): what follows, up to the next content, is in `sep`.
        if (valueStart < line.end) sep.push(tok('comment', valueStart, indent, text.slice(valueStart, line.end)));
        sep.push(...newline(text, line, indent));
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
          if (next && nextIndent === indent) carried = handedOn(sep, indent);
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

  private blockSeq(indent: number): CST.BlockSequence {
    const text = this.text;
    const line0 = this.lines[this.i]!;
    const items: CST.BlockSequence['items'] = [];
    const seq: CST.BlockSequence = { type: 'block-seq', offset: line0.content, indent, items };
    let start: SourceToken[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      if (!this.isSeqItem(line)) outside();
      const p = spaces(text, line.content + 1, line.end);
      if (p === line.end || text.charCodeAt(p) === HASH) outside(); // `-` alone on its line
      const inner = indent + (p - line.content);
      start = [...start, tok('seq-item-ind', line.content, indent, '-'), tok('space', line.content + 1, indent + 1, text.slice(line.content + 1, p))];
      if (this.keyEnd(p, line.end) >= 0) {
        items.push({ start, value: this.blockMap(inner, p, []) });
      } else {
        const value = inlineValue(text, p, line, inner);
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
    tokens = new BlockBuilder(text).tokens();
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
