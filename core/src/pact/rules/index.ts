/** Every rule beyond the schema, in the order they run (findings are sorted by position afterwards). */
import { customTestNamesRule } from './custom-test-names';
import { duplicateAggregatesRule } from './duplicate-aggregates';
import { duplicateColumnsRule } from './duplicate-columns';
import { halfConfiguredChecksRule } from './half-configured-checks';
import type { PactRule } from './pact-rule';
import { singleStatementSqlRule } from './single-statement-sql';
import { taskKeysRule } from './task-keys';
import { timeZonesRule } from './time-zones';

export const PACT_RULES: readonly PactRule[] = [
  taskKeysRule,
  halfConfiguredChecksRule,
  duplicateColumnsRule,
  duplicateAggregatesRule,
  singleStatementSqlRule,
  customTestNamesRule,
  timeZonesRule,
];

export type { PactRule, RuleContext } from './pact-rule';
export { RESERVED_TASK_KEYS } from './task-keys';
