/** Problems for the SQL a pact embeds, placed at the exact characters inside the YAML strings. */
import { getDialect } from '../dialects/registry';
import type { EngineType } from '../model/pact';
import type { Problem } from '../model/problem';
import type { PactSource, PathSegment } from '../pact/load-pact';
import { rawTasks } from '../catalog/pact-tasks';
import { checkSqlSyntax, type EmbeddedSqlKind } from './check-sql-syntax';
import { scalarOffsets, scalarValueSpan } from './scalar-offsets';

export function checkEmbeddedSql(raw: unknown, source: PactSource, dialect: EngineType): Problem[] {
  const problems: Problem[] = [];
  const syntax = getDialect(dialect).syntaxCheck;
  const check = (path: PathSegment[], kind: EmbeddedSqlKind, what: string) => {
    const map = scalarOffsets(source.text, source.yaml, path);
    if (!map || map.value.trim() === '') return; // empty values are the loader's finding
    for (const error of checkSqlSyntax(map.value, kind, dialect)) {
      const span = scalarValueSpan(map, error.start, error.end);
      problems.push({
        code: 'sql-syntax',
        severity: syntax.severity,
        message: `SQL syntax in ${what} (${syntax.grammarLabel}): ${error.message}`,
        ...span,
        data: { dialect },
      });
    }
  };
  // A value inherited from `defaults` is written once; it is checked once, where it is written.
  const checked = new Set<string>();
  const once = (path: PathSegment[], kind: EmbeddedSqlKind, what: string) => {
    const key = JSON.stringify(path);
    if (checked.has(key)) return;
    checked.add(key);
    check(path, kind, what);
  };
  for (const task of rawTasks(raw)) {
    const filter = task.get('filter');
    if (filter && typeof filter.value === 'string') once(filter.path, 'filter', 'filter');
    const tests = task.get('custom_sql_tests');
    if (!tests || !Array.isArray(tests.value)) continue;
    tests.value.forEach((test, i) => {
      if (typeof test === 'object' && test !== null && typeof (test as { sql?: unknown }).sql === 'string') {
        once([...tests.path, i, 'sql'], 'query', 'custom SQL');
      }
    });
  }
  return problems;
}
