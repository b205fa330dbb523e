/**
 * The init seam: what `datapact init` needs from where the tables live — run a read-only query and say where a
 * catalog's information_schema views are — so the same reading code (read-schema.ts, infer-key.ts) runs on DuckDB
 * and on Databricks. Each engine plug-in brings its source (`EnginePlugin.openInitSource`), found through the
 * registry by `open-init-source.ts`: init never names an engine.
 */
import type { Dialect } from '../dialects/dialect';
import type { EngineConfig } from '../model/pact';

/** The information_schema views init reads (present with these columns on DuckDB and on Databricks). */
export type InformationSchemaView = 'tables' | 'columns' | 'table_constraints' | 'key_column_usage';

/** A row as the source returns it: numbers may come as strings (BIGINT on DuckDB, every value on Databricks). */
export type SourceRow = Record<string, unknown>;

export interface InitSource {
  /** The dialect every identifier and literal of init's SQL is quoted with. */
  readonly dialect: Dialect;
  /** The quoted name of an information_schema view that lists `catalog`'s objects. */
  informationSchemaView(catalog: string, view: InformationSchemaView): string;
  /**
   * What the source settled that the engine block left open (e.g. the SQL warehouse it picked): written into the new
   * pact's engine block, so the pact runs where it was read.
   */
  readonly engineAdditions?: Partial<EngineConfig>;
  /** Runs one read-only query and returns its rows. Rejects with the engine's message. */
  query(sql: string): Promise<SourceRow[]>;
  /** Releases connections; the source is not used afterwards. */
  dispose(): Promise<void>;
}

/** A column as init sees it. */
export interface InitColumn {
  name: string;
  /** The engine's type name, e.g. `DECIMAL(10,2)`, `BIGINT`, `STRING`. */
  type: string;
  nullable: boolean;
  /** Digits after the decimal point of a DECIMAL, when the engine reports it. */
  scale?: number;
}

/** A table or view of the schema init reads. */
export interface InitTable {
  catalog: string;
  schema: string;
  name: string;
  columns: InitColumn[];
  /** The declared primary key in key order; empty when none is declared. */
  primaryKey: string[];
}

/** The schema cannot be read as asked (unknown catalog or schema, no tables): a usage error for the CLI. */
export class InitError extends Error {
  override readonly name = 'InitError';
}
