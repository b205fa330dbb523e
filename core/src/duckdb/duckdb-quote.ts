/** Quoting for SQL that DuckDB-specific plumbing (attach, results store) writes outside the generator. */
export function quoteDuckDbIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function duckDbStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
