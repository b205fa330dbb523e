/**
 * How deeply a YAML text nests, measured in one pass over the text before it is parsed. yaml's parser and
 * composer, `toJS` and the schema validator all recurse: a document nested thousands of levels deep overflows
 * the stack in one of them, and the finding used to be "the file is empty". A pact nests about eight levels;
 * past MAX_NESTING the text is refused with a finding at the place where it gets too deep.
 *
 * The count is an estimate that never falls short of the real depth by much and is only compared with a
 * limit far above any pact: block indentation levels, compact `- ` / `? ` entries, and flow brackets outside
 * quoted scalars and comments. Block scalars (`|`, `>`) are skipped.
 */

export const MAX_NESTING = 100;

export interface TooDeep {
  /** Offset of the character at which the nesting passes the limit. */
  offset: number;
}

export function findExcessiveNesting(text: string, limit = MAX_NESTING): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockScalarIndent: number | undefined;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '\r' || (text[i] === '#' && !quote);
    if (blockScalarIndent !== undefined) {
      if (blank || indent > blockScalarIndent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarIndent = undefined;
    }
    if (blank && !quote) {
      lineStart = lineEnd + 1;
      continue;
    }
    let depth = 0;
    if (!quote && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < indent) indents.push(indent);
      depth = indents.length;
      // Compact nesting on one line: `- - - x`, `? - x`.
      while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || i + 1 >= lineEnd)) {
        depth++;
        if (depth + flow > limit) return { offset: i };
        i += 2;
        while (i < lineEnd && text[i] === ' ') i++;
      }
    } else {
      depth = indents.length;
    }
    if (depth + flow > limit) return { offset: i };
    let valueStart = true;
    for (; i < lineEnd; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        } else if (c === '\\' && quote === '"') {
          i++;
        }
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && (valueStart || flow > 0)) {
        quote = c;
        valueStart = false;
        continue;
      }
      if ((c === '[' || c === '{') && (valueStart || flow > 0)) {
        flow++;
        if (depth + flow > limit) return { offset: i };
        valueStart = true;
        continue;
      }
      if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        valueStart = false;
        continue;
      }
      if ((c === '|' || c === '>') && valueStart && flow === 0) {
        blockScalarIndent = indent;
        break;
      }
      // After `key: `, `- `, `,` or `?` a value starts; elsewhere a character belongs to a plain scalar.
      const next = text[i + 1];
      valueStart = (c === ':' || c === '-' || c === '?') && (next === ' ' || next === undefined || i + 1 >= lineEnd)
        ? true
        : c === ',' && flow > 0;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
