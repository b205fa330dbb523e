/**
 * The fast first answer after a small edit: when an edit stays inside one task, only that task is re-checked
 * (parsed together with the blocks above `validations`, so `engine` and `defaults` still apply) and the
 * previous findings elsewhere are kept, shifted by the edit. The full check of the whole file follows and
 * replaces this answer; rules across tasks (e.g. duplicate task keys) appear with it.
 */
import { isSeq } from 'yaml';
import { checkAgainstCatalog, checkEmbeddedSql, loadPact, type CatalogAnswers, type EngineType, type LoadedPact, type Problem } from '../../core/src/index';

/** What the last full check of a document saw. */
export interface CheckedVersion {
  text: string;
  loaded: LoadedPact;
  problems: Problem[];
  /** The engine the check used (the blocks above the edited task are unchanged, so it still applies). */
  engine: EngineType;
  /** Catalog answers, when they were complete for that check. */
  catalog?: CatalogAnswers;
}

/** Findings for `pact` from the task its edit touched plus `previous` elsewhere; undefined when that does not apply. */
export function quickRecheck(previous: CheckedVersion, text: string, path: string | undefined): Problem[] | undefined {
  const old = previous.text;
  if (old === text) return undefined;
  let prefix = 0;
  const limit = Math.min(old.length, text.length);
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - old.length;
  const { yaml } = previous.loaded.source;
  const seq = yaml.get('validations', true) as unknown;
  if (!isSeq(seq) || !seq.range || seq.items.length < 2) return undefined;
  // `validations` must be the last block, so that the text before it holds every block that applies to a task.
  if (old.slice(seq.range[1]).trim() !== '') return undefined;
  const item = seq.items.find((i) => {
    const r = (i as { range?: number[] } | null)?.range;
    return r && r[0]! <= prefix && old.length - suffix <= r[1]!;
  }) as { range: number[] } | undefined;
  if (!item) return undefined;
  const itemLineStart = old.lastIndexOf('\n', item.range[0]! - 1) + 1;
  const seqLineStart = old.lastIndexOf('\n', seq.range[0]! - 1) + 1;
  if (prefix < itemLineStart || seqLineStart >= itemLineStart) return undefined;
  const itemEnd = item.range[1]! + delta;
  const header = text.slice(0, seqLineStart);
  const mini = header + text.slice(itemLineStart, itemEnd);
  const loaded = loadPact(mini, path ? { path } : {});
  const shift = itemLineStart - header.length;
  const fromCatalog = previous.catalog ? checkAgainstCatalog(loaded.raw, loaded.source, previous.catalog) : [];
  const local = [...loaded.problems, ...checkEmbeddedSql(loaded.raw, loaded.source, previous.engine), ...fromCatalog]
    .filter((p) => p.start >= header.length)
    .map((p) => ({ ...p, start: p.start + shift, end: p.end + shift }));
  const kept = previous.problems
    .filter((p) => p.end <= itemLineStart || p.start >= item.range[1]!)
    .map((p) => (p.start >= item.range[1]! ? { ...p, start: p.start + delta, end: p.end + delta } : p));
  return [...kept, ...local].sort((a, b) => a.start - b.start);
}
