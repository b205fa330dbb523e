/** Folding ranges: every mapping, sequence and block scalar that spans more than one line. */
import type { FoldingRange } from 'vscode-languageserver/node';
import { isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { ParsedPact } from '../documents';

const MAX_RANGES = 5000;

export function foldingRanges(pact: ParsedPact): FoldingRange[] {
  const { yaml } = pact.loaded.source;
  const ranges: FoldingRange[] = [];
  const add = (startOffset: number, endOffset: number) => {
    const start = pact.document.positionAt(startOffset).line;
    // A node's range ends after its trailing newline: fold up to the last line with content.
    const end = pact.document.positionAt(Math.max(startOffset, endOffset - 1)).line;
    if (end > start && ranges.length < MAX_RANGES) ranges.push({ startLine: start, endLine: end });
  };
  visit(yaml, {
    Pair(_key, pair) {
      const value = pair.value;
      if (isPair(pair) && isScalar(pair.key) && pair.key.range && (isMap(value) || isSeq(value) || isScalar(value)) && value.range) {
        add(pair.key.range[0], value.range[1]);
      }
    },
    Seq(_key, seq) {
      for (const item of seq.items) if ((isMap(item) || isSeq(item)) && item.range) add(item.range[0], item.range[1]);
    },
  });
  return ranges;
}
