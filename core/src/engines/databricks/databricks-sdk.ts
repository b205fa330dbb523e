/**
 * The Databricks SDK, loaded on first use: evaluating it takes ≈ 0.2 s (its API classes and their decorators),
 * which work that never reaches a workspace (`datapact validate`, `sql`, the editor's checks of a DuckDB pact)
 * should not pay. The CLI build puts it in a chunk of its own (scripts/build.mjs); types are imported as types.
 */
import type * as Sdk from '@databricks/sdk-experimental';

let sdk: typeof Sdk | undefined;

export function databricksSdk(): typeof Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('@databricks/sdk-experimental') as typeof Sdk;
  return sdk;
}
