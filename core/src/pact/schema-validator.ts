/**
 * The pact JSON Schema's validator, compiled ahead of time (`schema-validate.generated.js`, written by
 * scripts/generate-schema-validator.mjs with ajv's standalone code): compiling at start-up cost ≈ 0.2–0.3 s of
 * every CLI command and server start, loading the generated code ≈ 15 ms. A test regenerates it and compares,
 * and checks that it reports what a freshly compiled validator reports. Validating a 1,000-task pact takes a
 * few milliseconds.
 */
import type { ErrorObject } from 'ajv/dist/2020';
import schema from '../../../schemas/pact.schema.json';

/** The schema as data: the language server reads descriptions, defaults and enums from it. */
export const PACT_SCHEMA: Record<string, unknown> = schema as Record<string, unknown>;

interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require('./schema-validate.generated.js') as GeneratedValidator;

/** Validates plain data against the pact schema; returns ajv's errors (empty when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  try {
    return validate(data) ? [] : [...(validate.errors ?? [])];
  } catch {
    // Defensive: ajv does not throw on data, but nothing here may throw on any input.
    return [];
  }
}
