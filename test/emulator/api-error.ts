/** A REST failure in Databricks' error shape: `{ error_code, message, details }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'INVALID_PARAMETER_VALUE') => new ApiError(400, code, message);
export const notFound = (message: string, code = 'RESOURCE_DOES_NOT_EXIST') => new ApiError(404, code, message);
export const invalidState = (message: string) => new ApiError(400, 'INVALID_STATE', message);

/** A required field: present and not empty. */
export function required<T>(body: Record<string, unknown>, field: string): T {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw badRequest(`Missing required field: ${field}`);
  return value as T;
}

const INT64_MAX = (1n << 63n) - 1n;

/** An int64 id (a JSON number, exact as bigint past 2^53, or a numeric string), or undefined when it is none. */
export function optionalId(value: unknown): bigint | undefined {
  let id: bigint | undefined;
  if (typeof value === 'bigint') id = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) id = BigInt(value);
  else if (typeof value === 'string' && /^\d{1,19}$/.test(value)) id = BigInt(value);
  return id !== undefined && id >= 0n && id <= INT64_MAX ? id : undefined;
}

/** A required int64 id field. */
export function requiredId(body: Record<string, unknown>, field: string): bigint {
  const value = required<unknown>(body, field);
  const id = optionalId(value);
  if (id === undefined) throw badRequest(`Invalid value for ${field}: ${String(value)}`);
  return id;
}

/** An int64 id from a query parameter (required). */
export function queryId(query: URLSearchParams, field: string): bigint {
  const value = query.get(field);
  if (value === null || value === '') throw badRequest(`Missing required field: ${field}`);
  const id = optionalId(value);
  if (id === undefined) throw badRequest(`Invalid value for ${field}: ${value}`);
  return id;
}
