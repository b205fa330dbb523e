/**
 * Custom LSP messages between the DataPact client and language server, and the command ids the server's code
 * lenses invoke (commands the client implements). Plain types and RequestType constants only: both sides import
 * this file, so it must not import `vscode` or server code.
 */
import { RequestType } from 'vscode-languageserver-protocol';

export type SqlDialect = 'databricks' | 'duckdb';

/**
 * `datapact/previewSql` — sent by the client, answered by the server.
 * The generated SQL of one task (`taskKey`), or of the whole pact (each task under a `-- task: KEY` header).
 * Databricks shows the job task script; DuckDB the metrics query. `dialect` defaults to the pact's engine
 * (after the `datapact.engine` setting). When the pact has errors, or the task does not exist, the server
 * answers with a ResponseError (code {@link PreviewSqlRequest.invalidPactCode}) whose message says why.
 */
export namespace PreviewSqlRequest {
  export const method = 'datapact/previewSql' as const;
  export const type = new RequestType<PreviewSqlParams, PreviewSqlResult, void>(method);
  /** ResponseError code when no SQL can be generated (pact invalid, unknown task). */
  export const invalidPactCode = -32001;
}

export interface PreviewSqlParams {
  /** The pact document's URI, as the client knows it (the document must be open). */
  uri: string;
  taskKey?: string;
  dialect?: SqlDialect;
}

export interface PreviewSqlResult {
  sql: string;
}

/**
 * `datapact/refreshCatalog` — sent by the client, answered by the server.
 * Drops every cached catalog answer (or only those of the pact at `uri`) and re-checks open pacts.
 */
export namespace RefreshCatalogRequest {
  export const method = 'datapact/refreshCatalog' as const;
  export const type = new RequestType<RefreshCatalogParams, RefreshCatalogResult, void>(method);
}

export interface RefreshCatalogParams {
  /** Refresh only the catalogs of this pact; all catalogs when absent. */
  uri?: string;
}

export interface RefreshCatalogResult {
  /** How many cached catalog configurations were dropped. */
  dropped: number;
}

/** Commands the server's code lenses carry; the client registers them. Arguments are given per id. */
export const LensCommands = {
  /** Arguments: [uri: string, taskKey: string]. */
  runTask: 'datapact.runTask',
  /** Arguments: [uri: string, taskKey: string]. */
  previewSql: 'datapact.previewSql',
  /** Arguments: [uri: string]. */
  runPact: 'datapact.runPact',
} as const;

/** The `workspace/configuration` section the server asks for. */
export const SETTINGS_SECTION = 'datapact';

/** What the server reads from the `datapact` settings section. */
export interface ServerSettings {
  /** `''` = follow the pact's `engine` block. */
  engine: '' | 'duckdb' | 'databricks';
  /** `datapact.databricks.*`: `''` = follow the pact's engine.profile / engine.warehouse. */
  databricks?: { profile: string; warehouse: string };
}
