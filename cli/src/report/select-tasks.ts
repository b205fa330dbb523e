/** `--task KEY` (repeatable): checked against the pact so that a typo is a usage error, not an empty run. */
import type { Pact } from '../../../core/src/index';
import { UsageError } from '../command';

/** The selected keys in pact order, or undefined for "every task". */
export function selectTaskKeys(pact: Pact, flag: unknown): string[] | undefined {
  if (flag === undefined) return undefined;
  const wanted = (Array.isArray(flag) ? flag : [flag]).map(String);
  const known = pact.validations.map((t) => t.task_key);
  const unknown = wanted.filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    const list = known.length > 0 ? known.join(', ') : '(none)';
    throw new UsageError(`unknown task ${unknown.map((k) => `'${k}'`).join(', ')}; the pact's tasks are: ${list}`);
  }
  return known.filter((k) => wanted.includes(k));
}
