/** SUM/AVG/MIN/MAX/COUNT/COUNT_DISTINCT/STDDEV of a column within a tolerance (SQL: `core/src/sql/checks/aggregate-check.ts`). */
import type { CheckKind } from '../check-kind';

const KEY = /^agg_validation_(.+)_(SUM|AVG|MIN|MAX|COUNT_DISTINCT|COUNT|STDDEV)$/;

export const aggregatesKind: CheckKind = {
  id: 'aggregates',
  title: 'aggregate check',
  summary: 'SUM/AVG/MIN/MAX... of a column within a tolerance',
  keys: ['agg_validations'],
  columnListKeys: [],
  snippet: {
    writes: ['agg_validations'],
    body(_written, aggregates) {
      const names = aggregates.filter((v) => /^[\w-]+$/.test(v));
      const agg = names.length > 0 ? `\${2|${names.join(',')}|}` : '${2:SUM}';
      return `agg_validations:\n  - column: $1\n    validations:\n      - agg: ${agg}\n        tolerance: \${3:0.001}`;
    },
  },
  ownsPayloadKey: (key) => KEY.test(key),
  label(key) {
    const [, column, agg] = KEY.exec(key) ?? [undefined, key, '?'];
    return agg === 'COUNT_DISTINCT' ? `COUNT(DISTINCT ${column})` : `${agg}(${column})`;
  },
  inputs(m, n) {
    // MIN/MAX of text columns have no number: their text is what was compared.
    const side = (value: unknown, text: unknown, other: unknown) =>
      value === null && typeof text === 'string' ? JSON.stringify(text) : n.value(value, other);
    return [`source ${side(m.source_value, m.source_text, m.target_value)}`, `target ${side(m.target_value, m.target_text, m.source_value)}`];
  },
  ratioField: 'relative_diff',
};
