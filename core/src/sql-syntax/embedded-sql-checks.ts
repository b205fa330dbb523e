/** Problems for the SQL a pact embeds, placed at the exact characters inside the YAML strings. */
import type { EngineType } from '../model/pact';
import type { Problem } from '../model/problem';
import type { PactSource, PathSegment } from '../pact/load-pact';
import { rawTasks } from '../catalog/pact-tasks';
import { checkSqlSyntax, type EmbeddedSqlKind } from './check-sql-syntax';
import { scalarOffsets, scalarValueSpan } from './scalar-offsets';

export function checkEmbeddedSql(raw: unknown, source: PactSource, dialect: EngineType): Problem[] {
  const problems: Problem[] = [];
  const check = (path: PathSegment[], kind: EmbeddedSqlKind, what: string) => {
    const map = scalarOffsets(source.text, source.yaml, path);
    if (!map || map.value.trim() === '') return; // empty values are the loader's finding
    for (const error of checkSqlSyntax(map.value, kind, dialect)) {
      const span = scalarValueSpan(map, error.start, error.end);
      const grammar = dialect === 'databricks' ? 'Spark SQL' : 'PostgreSQL grammar, closest to DuckDB';
      problems.push({
        code: 'sql-syntax',
        severity: dialect === 'databricks' ? 'error' : 'warning',
        message: `SQL syntax in ${what} (${grammar}): ${error.message}`,
        ...span,
        data: { dialect },
      });
    }
  };
  for (const task of rawTasks(raw)) {
    if (typeof task.data.filter === 'string') check([...task.path, 'filter'], 'filter', 'filter');
    const tests = task.data.custom_sql_tests;
    if (!Array.isArray(tests)) continue;
    tests.forEach((test, i) => {
      if (typeof test === 'object' && test !== null && typeof (test as { sql?: unknown }).sql === 'string') {
        check([...task.path, 'custom_sql_tests', i, 'sql'], 'query', 'custom SQL');
      }
    });
  }
  return problems;
}
