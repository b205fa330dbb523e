/**
 * The source lines the fast CST builder (fast-cst.ts) walks, and where the blank and comment lines between values
 * go. `LineCursor` splits the text into lines once, keeps the builder's position, and collects what lies between
 * one value and the next content line; `readGap`, `release` and `handedOn` place those tokens exactly where
 * yaml's parser places them, which is the subtle part of the subset (comments can end up on the value before,
 * on an item of their own, or on the next key). The small token helpers and the fall-back signal live here too
 * because every part of the builder uses them.
 */
import type { CST } from 'yaml';

export type SourceToken = CST.SourceToken;

/** Thrown inside the builder to fall back; never escapes `fastCst`. */
export class OutsideSubset extends Error {}

export function outside(): never {
  throw new OutsideSubset();
}

export interface Line {
  start: number;
  /** Offset of the first non-space character (== end for a blank line). */
  content: number;
  /** Offset of the line's `\n`, or the text length for a last line without one. */
  end: number;
}

export const HASH = 35; // `#`

export function tok(type: SourceToken['type'], offset: number, indent: number, source: string): SourceToken {
  return { type, offset, indent, source };
}

/** The line's `\n` token, or none for a last line without one. */
export function newline(text: string, line: Line, indent: number): SourceToken[] {
  return line.end < text.length ? [tok('newline', line.end, indent, '\n')] : [];
}

/** Just past the spaces from `from` (at most `end`). */
export function spaces(text: string, from: number, end: number): number {
  let p = from;
  while (p < end && text.charCodeAt(p) === 32) p++;
  return p;
}

/** The lines of a text, the current one (`i`), and the tokens held between the last value and the next. */
export class LineCursor {
  protected readonly lines: Line[] = [];
  protected i = 0;
  /**
   * Tokens read after the last value that no item holds yet: blank lines, comment lines and the next content
   * line's indentation. yaml's parser collects them in an item of the innermost collection and hands that item
   * up to each collection it leaves (see `release`).
   */
  protected held: SourceToken[] = [];
  /** The largest column of a comment in `held` (-1 when it holds none). */
  private heldComment = -1;

  constructor(protected readonly text: string) {
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

  protected indentOf(line: Line | undefined): number {
    return line ? line.content - line.start : -1;
  }

  /**
   * Reads the blank and comment lines from line `this.i` on, and the indentation of the content line after them
   * (where `this.i` stops), into `held`. With `glue` (the value that ended the line before, in a collection
   * whose items are in column `glue.indent`): a comment indented deeper than that collection, with nothing but
   * blank lines since the value or since the last such comment, belongs to the value — yaml's parser appends
   * it and the lines before it to the value's `end` (its `atIndentedComment`).
   */
  protected readGap(glue?: { indent: number; end: SourceToken[] }): void {
    const text = this.text;
    const tokens: SourceToken[] = [];
    let comment = -1;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      if (line.content === line.end) {
        tokens.push(...newline(text, line, 0));
        continue;
      }
      const column = line.content - line.start;
      const indentation = column > 0 ? [tok('space', line.start, 0, text.slice(line.start, line.content))] : [];
      if (text.charCodeAt(line.content) !== HASH) {
        tokens.push(...indentation);
        break;
      }
      const own = [...indentation, tok('comment', line.content, column, text.slice(line.content, line.end)), ...newline(text, line, column)];
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

  protected take(): SourceToken[] {
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
  protected release(items: Array<{ start: SourceToken[] }>, indent: number): void {
    if (this.held.length > 0 && indent > 0 && this.heldComment >= indent) items.push({ start: this.take() });
  }
}

/**
 * When a key without a value is followed by the next key of its mapping, yaml's parser hands that key what
 * came after the first blank line that follows the last comment indented deeper than the mapping.
 */
export function handedOn(sep: SourceToken[], indent: number): SourceToken[] {
  const newlines: number[] = [];
  sep.forEach((token, n) => {
    if (token.type === 'newline') newlines.push(n);
    else if (token.type !== 'space' && (token.type !== 'comment' || token.indent > indent)) newlines.length = 0;
  });
  return newlines.length >= 2 ? sep.splice(newlines[1]!) : [];
}
