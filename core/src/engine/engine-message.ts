/**
 * Engine error text reduced to one clear line. DuckDB messages carry a caret diagram of the statement
 * (`LINE 12: ...` and a `^` line) and candidate lists that mean nothing to someone who never saw the generated
 * SQL; we keep the first line and a "Did you mean" hint when DuckDB offers one.
 */
export function oneLineEngineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const first = lines[0] ?? 'unknown engine error';
  const hint = lines.find((l) => /^Did you mean/i.test(l));
  const message = hint ? `${first} ${hint}` : first;
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
