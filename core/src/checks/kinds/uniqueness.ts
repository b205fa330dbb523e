/** A column combination unique on each side (SQL: `core/src/sql/checks/uniqueness-check.ts`). */
import type { CheckKind } from '../check-kind';

const PREFIX = 'uniqueness_validation_';

export const uniquenessKind: CheckKind = {
  id: 'uniqueness',
  title: 'uniqueness check',
  summary: 'Column combination unique on each side',
  keys: ['uniqueness_columns', 'uniqueness_tolerance'],
  columnListKeys: ['uniqueness_columns'],
  snippet: { writes: ['uniqueness_columns', 'uniqueness_tolerance'], body: () => 'uniqueness_columns: [$1]\nuniqueness_tolerance: ${2:0}' },
  outline: { key: 'uniqueness_columns', name: 'uniqueness' },
  ownsPayloadKey: (key) => key.startsWith(PREFIX),
  label(key, _metrics, task) {
    // The payload key joins the columns with `_` (the original's key, kept for history): only the task tells
    // `[id, region]` from `[id_region]`; without it the joined text is all there is.
    const columns = task?.uniqueness_columns;
    if (columns && columns.length > 0 && key === `${PREFIX}${columns.join('_')}`) {
      return columns.length === 1 ? `uniqueness of ${columns[0]}` : `uniqueness of (${columns.join(', ')})`;
    }
    return `uniqueness of ${key.slice(PREFIX.length)}`;
  },
  inputs: (m, n) => [
    `${n.count(m.source_duplicates)} duplicates in source (${n.percent(m.source_dupe_ratio, m.tolerance)})`,
    `${n.count(m.target_duplicates)} in target (${n.percent(m.target_dupe_ratio, m.tolerance)})`,
  ],
};
