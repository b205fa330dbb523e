/**
 * Spans for findings: always inside the text, falling back to the nearest existing ancestor, so that every
 * problem has a place even when the path it is about does not exist (a missing key, a broken document).
 */
import { isMap, isPair, isScalar } from 'yaml';
import { deref, keyText, resolvePath, spanOf, type PactSource, type PathSegment, type Span } from './pact-source';

function clamp(source: PactSource, span: Span): Span {
  const length = source.text.length;
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(start, Math.min(span.end, length));
  return { start, end };
}

/** The span of the whole document's content, or the first character of the file. */
export function documentSpan(source: PactSource): Span {
  const content = spanOf(source.yaml.contents);
  if (content && content.end > content.start) {
    // A whole-file highlight is noise: the first line is enough.
    const lineEnd = source.text.indexOf('\n', content.start);
    return clamp(source, { start: content.start, end: lineEnd < 0 ? content.end : Math.min(lineEnd, content.end) });
  }
  return clamp(source, { start: 0, end: Math.min(1, source.text.length) });
}

/**
 * The place that names a mapping: its `task_key` (or `name`, `column`) key, else its first key, else the
 * node itself. Used for "task 'x' is missing …" so that the highlight is one word, not a whole block.
 */
export function anchorSpan(source: PactSource, path: readonly PathSegment[]): Span {
  for (let depth = path.length; depth >= 0; depth--) {
    const resolved = resolvePath(source.yaml, path.slice(0, depth));
    if (!resolved) continue;
    const node = deref(source.yaml, resolved.value);
    if (isMap(node)) {
      const pairs = node.items.filter(isPair);
      const named = pairs.find((p) => ['task_key', 'name', 'column'].includes(keyText(p) ?? ''));
      const span = spanOf((named ?? pairs[0])?.key);
      if (span) return clamp(source, span);
    }
    const span = spanOf(resolved.key) ?? spanOf(node);
    if (span && (span.end > span.start || depth === 0)) return clamp(source, span);
  }
  return documentSpan(source);
}

/** The span of the key at `path` (or, failing that, of its value or nearest ancestor). */
export function keySpan(source: PactSource, path: readonly PathSegment[]): Span {
  const resolved = resolvePath(source.yaml, path);
  const span = spanOf(resolved?.key) ?? spanOf(resolved?.value);
  return span ? clamp(source, span) : anchorSpan(source, path.slice(0, -1));
}

/**
 * The span of the value at `path`. A collection value or an empty value is represented by its key, which
 * reads better than a highlight over a whole block.
 */
export function valueSpan(source: PactSource, path: readonly PathSegment[]): Span {
  const resolved = resolvePath(source.yaml, path);
  if (!resolved) return anchorSpan(source, path.slice(0, -1));
  const value = deref(source.yaml, resolved.value);
  const span = spanOf(value);
  if (span && span.end > span.start && isScalar(value)) return clamp(source, span);
  const key = spanOf(resolved.key);
  if (key) return clamp(source, key);
  if (span) return clamp(source, span);
  return anchorSpan(source, path.slice(0, -1));
}

/** True when `inner` lies within the node at `path` (used to tell a task's own keys from inherited ones). */
export function isWithin(source: PactSource, path: readonly PathSegment[], inner: Span): boolean {
  const resolved = resolvePath(source.yaml, path);
  const outer = spanOf(resolved?.value);
  return !!outer && inner.start >= outer.start && inner.end <= outer.end;
}
