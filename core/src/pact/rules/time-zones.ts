/**
 * `naive_timestamp_zone` names a time zone the engines know: an IANA name (`Europe/Paris`, `UTC`). Checked offline
 * against the zone names of this runtime's ICU data (the same IANA database DuckDB's ICU and the JVM under Spark
 * read), so a misspelt zone is a located finding, not an engine error in the middle of a run. Spelling matters:
 * Spark's zone lookup is case-sensitive, so `europe/paris` gets a finding that suggests `Europe/Paris`.
 */
import type { Problem } from '../../model/problem';
import { closestName } from '../../catalog/closest-name';
import { describeValue } from '../describe-value';
import { problem, type PactRule } from './pact-rule';

const KEY = 'naive_timestamp_zone';
/** The schema's pattern for the key: values that fail it are the schema's finding, not this rule's. */
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

let canonicalNames: readonly string[] | undefined;
/** Canonical zone names of this runtime, plus `UTC` (which ICU lists under Etc/). */
function zoneNames(): readonly string[] {
  if (!canonicalNames) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    canonicalNames = [...new Set(['UTC', ...listed])];
  }
  return canonicalNames;
}

/** The spelling a zone name should have, or undefined when no engine knows it. */
export function timeZoneSpelling(name: string): string | undefined {
  if (!ZONE_SHAPE.test(name)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // ICU accepts any case; the canonical list (or the resolved id) gives the spelling the engines accept.
  const lower = name.toLowerCase();
  return zoneNames().find((z) => z === name) ?? zoneNames().find((z) => z.toLowerCase() === lower) ?? (resolved.toLowerCase() === lower ? resolved : name);
}

export const timeZonesRule: PactRule = {
  name: 'time-zones',
  check(context) {
    const problems: Problem[] = [];
    const reported = new Set<number>();
    for (const task of context.tasks) {
      const value = task.values[KEY];
      if (typeof value !== 'string' || !ZONE_SHAPE.test(value)) continue;
      const spelling = timeZoneSpelling(value);
      if (spelling === value) continue;
      // A zone set in `defaults` is one mistake, reported once (at the defaults), not once per task.
      const span = context.valueSpan(task, [KEY]);
      if (reported.has(span.start)) continue;
      reported.add(span.start);
      const suggestion = spelling ?? closestName(value, zoneNames());
      const message = spelling
        ? `${KEY} ${describeValue(value)} is spelt ${describeValue(spelling)} (Spark reads zone names case-sensitively)`
        : `${KEY} ${describeValue(value)} is not a time zone: write an IANA name such as Europe/Paris or UTC${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
      problems.push(problem('unknown-time-zone', message, span, suggestion ? { suggestion } : undefined));
    }
    return problems;
  },
};
