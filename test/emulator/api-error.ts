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

/** An int64 id field (a JSON number or a numeric string). */
export function requiredId(body: Record<string, unknown>, field: string): number {
  const value = required<unknown>(body, field);
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw badRequest(`Invalid value for ${field}: ${JSON.stringify(value)}`);
  return id;
}
