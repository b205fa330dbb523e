/** The known dialects by name. Built-ins are registered here; a new dialect file calls registerDialect. */
import type { DialectName } from '../sql/compiled';
import type { Dialect } from './dialect';
import { DatabricksDialect } from './databricks/databricks-dialect';
import { DuckDbDialect } from './duckdb/duckdb-dialect';

const dialects = new Map<string, Dialect>();

/** Adds (or replaces) a dialect; its `name` becomes usable wherever a dialect is named. */
export function registerDialect(dialect: Dialect): void {
  dialects.set(dialect.name, dialect);
}

registerDialect(new DatabricksDialect());
registerDialect(new DuckDbDialect());

/** Names of every registered dialect, built-ins first. */
export function listDialects(): DialectName[] {
  return [...dialects.keys()] as DialectName[];
}

export function findDialect(name: string): Dialect | undefined {
  return dialects.get(name);
}

/** The dialect called `name`; built-in names always resolve. */
export function getDialect(name: DialectName): Dialect {
  const found = dialects.get(name);
  if (found) return found;
  // Unreachable for built-in names: they are registered above.
  throw new Error(`Unknown SQL dialect: ${name}`);
}

/** A dialect given by name or as an object (plug-ins not in DialectName). */
export type DialectRef = DialectName | Dialect;

export function resolveDialect(ref: DialectRef): Dialect {
  return typeof ref === 'string' ? getDialect(ref) : ref;
}
