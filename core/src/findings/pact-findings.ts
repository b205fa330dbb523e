/**
 * The one engine of findings about a pact file, shared by the language server (diagnostics) and the CLI
 * (`datapact validate`): the loader's findings (YAML, schema, rules), the SQL syntax of `filter` and custom `sql`,
 * and, when catalog answers are given, the catalog checks (unknown catalogs, schemas, tables, columns on either
 * side, non-numeric aggregates). Adapters only choose when to ask (the editor in two steps so typing never waits
 * on a catalog; the CLI at once) and how to show the answers.
 */
import { catalogQuestions, type CatalogMemo, type CatalogAnswers } from '../catalog/catalog-answers';
import { checkAgainstCatalog } from '../catalog/catalog-checks';
import type { EngineType } from '../model/pact';
import type { Problem } from '../model/problem';
import type { LoadedPact } from '../pact/load-pact';
import { checkEmbeddedSql } from '../sql-syntax/embedded-sql-checks';

/** Findings that need only the text: the loader's, then the embedded SQL's (checked in `engine`'s grammar). */
export function offlineFindings(loaded: LoadedPact, engine: EngineType): Problem[] {
  let sql: Problem[] = [];
  try {
    sql = checkEmbeddedSql(loaded.raw, loaded.source, engine);
  } catch {
    sql = []; // a checker bug must not cost the user the other findings
  }
  return [...loaded.problems, ...sql];
}

/** Findings against catalog answers already loaded (`answers.load(catalogQuestions(raw))` settled). */
export function catalogFindings(loaded: LoadedPact, answers: CatalogAnswers): Problem[] {
  try {
    return checkAgainstCatalog(loaded.raw, loaded.source, answers);
  } catch {
    return [];
  }
}

/**
 * Every finding, in document order: asks the catalog what the pact needs first when `catalog` is given
 * (offline, or an engine without a catalog provider: no catalog findings).
 */
export async function pactFindings(loaded: LoadedPact, options: { engine: EngineType; catalog?: CatalogMemo }): Promise<Problem[]> {
  const found = offlineFindings(loaded, options.engine);
  if (options.catalog) {
    await options.catalog.load(catalogQuestions(loaded.raw));
    found.push(...catalogFindings(loaded, options.catalog));
  }
  return inDocumentOrder(found);
}

/** Sorted by position (stable: findings at one place keep the order they were found in). */
export function inDocumentOrder(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start);
}
