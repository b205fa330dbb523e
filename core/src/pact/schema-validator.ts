/**
 * The pact JSON Schema, compiled once when the module loads (compiling is the slow part; validating a
 * 1,000-task pact takes a few milliseconds).
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import schema from '../../../schemas/pact.schema.json';

/** The schema as data: the language server reads descriptions, defaults and enums from it. */
export const PACT_SCHEMA: Record<string, unknown> = schema as Record<string, unknown>;

const ajv = new Ajv2020({
  allErrors: true,
  // `verbose` puts the offending value and the schema node on each error: messages quote both.
  verbose: true,
  strictTypes: false,
  allowUnionTypes: true,
});
const validate = ajv.compile(schema);

/** Validates plain data against the pact schema; returns ajv's errors (empty when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  try {
    return validate(data) ? [] : [...(validate.errors ?? [])];
  } catch {
    // Defensive: ajv does not throw on data, but nothing here may throw on any input.
    return [];
  }
}
