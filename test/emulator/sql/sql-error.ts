/**
 * A statement failure as Databricks reports it: `[ERROR_CLASS] message SQLSTATE: xxxxx`, mapped from DuckDB's
 * errors where the meaning matches, otherwise kept under a generic class so a test sees what went wrong.
 */
export class SqlError extends Error {
  constructor(
    readonly errorClass: string,
    readonly detail: string,
    readonly sqlState: string,
  ) {
    super(`[${errorClass}] ${detail} SQLSTATE: ${sqlState}`);
  }
}

export const USER_RAISED = '[USER_RAISED_EXCEPTION]';

const quoteParts = (name: string) =>
  name
    .split('.')
    .map((p) => `\`${p.replace(/^"|"$/g, '')}\``)
    .join('.');

/** Turns an error thrown by DuckDB (or by the translator) into the Databricks shape. */
export function toSqlError(e: unknown): SqlError {
  if (e instanceof SqlError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const message = raw.split('\n\nLINE ')[0]!.trim();
  const userRaised = message.indexOf(USER_RAISED);
  if (userRaised >= 0) return new SqlError('USER_RAISED_EXCEPTION', message.slice(userRaised + USER_RAISED.length).trim(), 'P0001');
  const classed = /\[([A-Z_.]+)\] (.*) SQLSTATE: (\w+)$/s.exec(message);
  if (classed) return new SqlError(classed[1]!, classed[2]!, classed[3]!);
  let m: RegExpExecArray | null;
  if ((m = /Table with name (\S+) does not exist/.exec(message)))
    return new SqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view ${quoteParts(m[1]!)} cannot be found. Verify the spelling and correctness of the schema and catalog.`, '42P01');
  if ((m = /Catalog "([^"]+)" does not exist/.exec(message)) || (m = /Catalog with name (\S+) does not exist/.exec(message)))
    return new SqlError('NO_SUCH_CATALOG_EXCEPTION', `The catalog '${m[1]}' was not found. Please verify the catalog name and then retry the query or command again.`, '42704');
  if ((m = /Schema with name (\S+) does not exist/.exec(message)))
    return new SqlError('SCHEMA_NOT_FOUND', `The schema ${quoteParts(m[1]!)} cannot be found. Verify the spelling and correctness of the schema and catalog.`, '42704');
  if ((m = /Referenced column "([^"]+)" not found/.exec(message)) || (m = /Referenced table "([^"]+)" not found/.exec(message)) || (m = /Values list "[^"]*" does not have a column named "([^"]+)"/.exec(message)))
    return new SqlError('UNRESOLVED_COLUMN.WITH_SUGGESTION', `A column, variable, or function parameter with name \`${m[1]}\` cannot be resolved. (${message})`, '42703');
  if ((m = /Function with name (\S+) does not exist/.exec(message)))
    return new SqlError('UNRESOLVED_ROUTINE', `Cannot resolve routine \`${m[1]}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`].`, '42883');
  if (/More than one row returned by a subquery/i.test(message))
    return new SqlError('SCALAR_SUBQUERY_TOO_MANY_ROWS', 'More than one row returned by a subquery used as an expression.', '21000');
  if (/^Parser Error/.test(message)) return new SqlError('PARSE_SYNTAX_ERROR', `Syntax error: ${message.replace(/^Parser Error: /, '')}.`, '42601');
  if (/out of range|Overflow in|overflow/i.test(message))
    return new SqlError('ARITHMETIC_OVERFLOW', `${message}. If necessary set ansi_mode to "false" to bypass this error.`, '22003');
  if (/^Conversion Error: Could not convert/.test(message))
    return new SqlError('CAST_INVALID_INPUT', `${message.replace(/^Conversion Error: /, '')}. Use \`try_cast\` to tolerate malformed input and return NULL instead.`, '22018');
  if (/already exists/.test(message)) return new SqlError('TABLE_OR_VIEW_ALREADY_EXISTS', message, '42P07');
  if (/^Binder Error|^Catalog Error/.test(message)) return new SqlError('DATATYPE_MISMATCH', message, '42K09');
  if (/^Constraint Error/.test(message)) return new SqlError('DELTA_VIOLATE_CONSTRAINT', message, '23001');
  return new SqlError('INTERNAL_ERROR', message, 'XX000');
}
