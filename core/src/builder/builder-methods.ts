/**
 * What the builder's pages can ask their host, method by method (the wire envelope is in `protocol/builder.ts`).
 * Plain types only.
 */
import type { CatalogInfo, ColumnInfo, SchemaInfo, TableInfo } from '../catalog/catalog-provider';
import type { ConnectionField } from '../engines/engine-plugin';
import type { BuilderState } from './builder-state';

/** A finding shown in the builder, placed in the YAML preview (1-based line and column). */
export interface BuilderFinding {
  severity: 'error' | 'warning' | 'information';
  message: string;
  line: number;
  column: number;
}

/** Each method's parameters and result. `engine` is the pact's `engine` block as the builder holds it. */
export interface BuilderMethods {
  /** The pact at `path` (relative to the host's pact folder) as builder state, or an empty state for a new pact. */
  open: { params: { path?: string }; result: { state: BuilderState; path?: string; yaml: string } };
  /** The engines the builder can connect with, as their plug-ins describe them; `defaultType` when a pact names none. */
  engines: { params: Record<string, never>; result: { engines: BuilderEngine[]; defaultType: string } };
  /** The pact files the host can open (relative paths). */
  listPacts: { params: Record<string, never>; result: { paths: string[] } };
  /** Lookups answer `unavailable` (the reason, e.g. a sign-in to do) when the engine's catalog cannot be read. */
  catalogs: { params: { engine?: Record<string, unknown> }; result: { catalogs: CatalogInfo[]; unavailable?: string } };
  schemas: { params: { engine?: Record<string, unknown>; catalog: string }; result: { schemas: SchemaInfo[]; unavailable?: string } };
  tables: { params: { engine?: Record<string, unknown>; catalog: string; schema: string }; result: { tables: BuilderTable[]; unavailable?: string } };
  /**
   * A key inferred for a table without a declared one (core's init rule: a non-NULL unique column, else pair, on at
   * most a bounded number of rows); `key` absent when none qualifies, `unavailable` when the engine cannot say.
   */
  inferKey: {
    params: { engine?: Record<string, unknown>; catalog: string; schema: string; table: string };
    result: { key?: string[]; sampled?: boolean; unavailable?: string };
  };
  /** The YAML the state writes (the opened file edited in place, or a new pact) and every finding on it. */
  preview: { params: { state: BuilderState; path?: string }; result: { yaml: string; findings: BuilderFinding[] } };
  /** Syntax of a filter or custom SQL query for the engine of the state (0-based offsets into `sql`). */
  checkSql: {
    params: { sql: string; kind: 'filter' | 'query'; engineType: string };
    result: { errors: { start: number; end: number; message: string }[] };
  };
  /** Writes the state to `path` (relative to the pact folder): the opened file edited in place, or a new file. */
  save: { params: { state: BuilderState; path: string; overwrite?: boolean }; result: { path: string; yaml: string } };
  /**
   * DuckDB files and folders inside the pact folder a catalog can point at (relative paths); `browse` when the host
   * also has a file dialog (`browseCatalog`) for catalogs elsewhere.
   */
  catalogFiles: { params: Record<string, never>; result: { paths: string[]; browse?: boolean } };
  /**
   * A DuckDB file or a folder of Parquet/CSV files picked in the host's own file dialog (the editor's): relative to the
   * pact folder when inside it, else absolute; absent when the person cancelled. Refused by a host without one.
   */
  browseCatalog: { params: Record<string, never>; result: { path?: string } };
  /** Runs the saved pact at `path` (a pact with errors is refused); answers at once with the run id. */
  run: { params: { path: string; taskKeys?: string[] }; result: { runId: string } };
  /** A run started from the builder, or a recorded run reopened with `openRun`, as it stands. */
  runStatus: { params: { runId: string }; result: BuilderRunView };
  /**
   * The SQL one task of the state runs on its engine (what "Preview SQL" and `datapact sql` show), or why it cannot
   * be generated yet (the pact has errors).
   */
  sql: { params: { state: BuilderState; path?: string; taskKey: string }; result: { sql?: string; problem?: string } };
  /**
   * The recent runs of the saved pact at `path`, newest first: its engine's results history (what `datapact history`
   * lists: the local results file, run_history on a Databricks warehouse), with the runs its folder recorded
   * (`.datapact/runs.json`) that have no row there yet. `unavailable` says why the history could not be read (then
   * only the recorded runs are listed).
   */
  history: { params: { path: string }; result: { runs: BuilderRunRecord[]; unavailable?: string } };
  /**
   * Opens a run of the pact at `path` that `history` lists: a finished run as its history rows show it, a recorded or
   * unfinished one followed through its engine; then `runStatus`.
   */
  openRun: { params: { path: string; runId: string }; result: { runId: string } };
  /**
   * Creates the saved pact's results dashboard in its workspace, or updates it in place, and answers its page;
   * refused with the reason for an engine without a workspace.
   */
  dashboard: { params: { path: string }; result: { url: string; action: 'created' | 'updated' } };
  /**
   * What a connection field can be set to, when its engine can list them: the sign-in profiles of the host (names and
   * workspaces only), the workspace's SQL warehouses.
   */
  fieldChoices: {
    params: { engine?: Record<string, unknown>; key: string };
    result: { choices: { value: string; label: string; detail?: string }[]; unavailable?: string };
  };
}

/** A past or current run of a pact, from its results history or its folder's run records. */
export interface BuilderRunRecord {
  run_id: string;
  engine: string;
  /** ISO-8601 UTC. */
  started_at: string;
  url?: string;
  /** The run's verdict from the tasks the history recorded (absent: no row recorded yet). */
  status?: string;
  /** Where the run stands when it is not simply finished: RUNNING, CANCELLED, INCOMPLETE. */
  state?: string;
  /** Each task the history recorded, with its status. */
  tasks?: { task_key: string; status: string }[];
}

/** An engine as the builder offers it: its type, people's name and what a person fills in to connect. */
export interface BuilderEngine {
  type: string;
  label: string;
  fields: ConnectionField[];
  /** Whether its pacts can have a results dashboard in a workspace (the `dashboard` method). */
  dashboards: boolean;
}

/** A table with each column marked numeric or not by core (aggregates are offered on numeric columns only). */
export interface BuilderTable extends TableInfo {
  columns: (ColumnInfo & { numeric: boolean })[];
}

/** A run as the builder shows it: checks are described by core (`describeCheck`), the page only lays them out. */
export interface BuilderRunView {
  run_id: string;
  state: string;
  status?: string;
  url?: string;
  /** The results dashboard this run refreshes (a workspace run whose pact has one set up). */
  dashboard_url?: string;
  tasks: {
    task_key: string;
    state: string;
    status?: string;
    error?: string;
    checks: { status: string; text: string }[];
  }[];
}

export type BuilderMethod = keyof BuilderMethods;

export const BUILDER_METHODS: readonly BuilderMethod[] = [
  'open', 'engines', 'listPacts', 'catalogs', 'schemas', 'tables', 'inferKey', 'preview', 'checkSql', 'save', 'catalogFiles', 'browseCatalog', 'run', 'runStatus',
  'sql', 'history', 'openRun', 'dashboard', 'fieldChoices',
];
