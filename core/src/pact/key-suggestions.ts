/** Replacements for renamed keys and did-you-mean suggestions for misspelt ones. */
import { editDistance } from '../text/edit-distance';

/**
 * Keys of earlier DataPact versions. DataPact 2.x ignored them silently (so, for example, the hash tolerance
 * fell back to 0); we refuse them and name the key to use instead.
 */
export const LEGACY_KEYS: Readonly<Record<string, string>> = {
  pk_hash_threshold: 'pk_hash_tolerance',
  null_validation_threshold: 'null_validation_tolerance',
  uniqueness_threshold: 'uniqueness_tolerance',
  aggregations: 'agg_validations',
  uniqueness_validation_columns: 'uniqueness_columns',
};

/** The closest of `candidates` to `word`, if close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase().replace(/[\s-]+/g, '_');
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === lower) return candidate;
    const distance = editDistance(lower, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best) return best;
  // A word that contains or is contained in a key ("tolerance" -> "count_tolerance") is not a typo: no guess.
  return undefined;
}
