/**
 * The catalog seam: what tooling (the language server, later the CLI) may ask about the tables a pact names.
 * DuckDB catalogs of the `engine` block implement it, and so does Unity Catalog (the Databricks plug-in's
 * `engines/databricks/catalog/`); its users never know which one answers.
 *
 * @example
 *   const provider = await openDuckDbCatalogProvider({ wh: '/data/wh.duckdb' });
 *   const orders = await provider.getTable('wh', 'main', 'orders'); // { columns: [...], primaryKey: ['id'] }
 *   await provider.dispose();
 */

/** One column of a table or view. */
export interface ColumnInfo {
  name: string;
  /** The engine's type name as it reports it, e.g. `DECIMAL(10,2)`, `VARCHAR`. */
  type: string;
  nullable: boolean;
  comment?: string;
}

/** A table or view with everything the checks and the editor show. */
export interface TableInfo {
  catalog: string;
  schema: string;
  name: string;
  kind: 'table' | 'view';
  comment?: string;
  /** In table order. */
  columns: ColumnInfo[];
  /** The declared primary key, in key order; empty when none is declared. */
  primaryKey: string[];
}

/** A catalog the provider knows about, or could not reach. */
export interface CatalogInfo {
  name: string;
  /** Set when the catalog is configured but cannot be read (missing path, no permission, ...). */
  unavailable?: string;
  comment?: string;
}

export interface SchemaInfo {
  catalog: string;
  name: string;
  comment?: string;
}

/** How one question is asked. */
export interface CatalogRequestOptions {
  /**
   * The caller gives up when it aborts (e.g. the document that asked has changed): the answer is then
   * {@link CatalogRequestCancelledError}, and a provider that reads over the network stops the request once no
   * caller waits for it any more. A local provider may answer anyway.
   */
  signal?: AbortSignal;
}

/**
 * Read-only access to a set of catalogs. Every method may take time (files, network); none throws for
 * a missing name (it answers empty/undefined). A provider that cannot work at all rejects with
 * {@link CatalogUnavailableError}.
 */
export interface CatalogProvider {
  listCatalogs(options?: CatalogRequestOptions): Promise<CatalogInfo[]>;
  listSchemas(catalog: string, options?: CatalogRequestOptions): Promise<SchemaInfo[]>;
  /** Tables and views of one schema, with their columns. */
  listTables(catalog: string, schema: string, options?: CatalogRequestOptions): Promise<TableInfo[]>;
  getTable(catalog: string, schema: string, table: string, options?: CatalogRequestOptions): Promise<TableInfo | undefined>;
  /**
   * Forgets answers kept beyond this provider (a cache shared by every provider of one workspace), so the next
   * provider opened reads the source again: the editor's "Refresh Catalog". Absent when nothing outlives dispose.
   */
  refresh?(): void;
  /** Releases connections and files; the provider is not used afterwards. */
  dispose(): Promise<void>;
}

/** The provider as a whole cannot be used (its message is shown to the user as is). */
export class CatalogUnavailableError extends Error {}

/** The caller gave up on a question (its signal aborted): not a failure of the catalog, never shown. */
export class CatalogRequestCancelledError extends Error {
  constructor() {
    super('the catalog request was cancelled');
  }
}
