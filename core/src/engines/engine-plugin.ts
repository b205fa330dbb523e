/**
 * The engine seam (contract only; implementations live in one folder per engine: `engines/duckdb`,
 * `engines/databricks`). An adapter (CLI, editor, app) resolves the engine configuration, looks the plug-in up by
 * type in the registry and talks to it only through these types: it never branches on an engine's name.
 *
 * A run is long and may outlive the process that started it (a Databricks job runs for minutes; the editor reloads):
 * `start` returns a {@link RunHandle} as soon as the run has an id, and `attach` rebuilds a handle for a run in
 * flight from the engine's own state (DuckDB: the run and task rows of the results store; Databricks: the job run).
 */
import type { CatalogProvider } from '../catalog/catalog-provider';
import type { Dialect } from '../dialects/dialect';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import type { AggregateOutcome, EngineRunResult, HistoryEntry, HistoryQuery } from '../engine/engine';
import type { InitSource } from '../init/init-source';
import type { EngineType, Pact, Task } from '../model/pact';
import type { TaskResult, TaskStatus } from '../model/results';

/** What the process around an engine provides: where it runs, its environment (credentials), a clock for tests. */
export interface EngineHost {
  /** Environment variables to read credentials and overrides from (`process.env` in the CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (for `~/.databrickscfg`); tests pass a temporary one. */
  homeDir: string;
  /** One-line progress notes the engine wants a person to see ("starting warehouse wh-1…"). Never a secret. */
  log?: (line: string) => void;
}

/** Options of one run. */
export interface StartOptions {
  /** The pact file's path, for messages, the run's `pact` field and the local run record. */
  pactPath: string;
  /** Only these tasks (in pact order); all tasks when absent. Unknown keys are the caller's error to report. */
  taskKeys?: readonly string[];
  /**
   * Engine-specific way of running that the engine itself interprets (e.g. Databricks `direct`: statements
   * without a job). Absent: the engine picks what suits the tasks asked for (Databricks: one task asked for by key
   * runs directly, as the editor's Run Task wants quick feedback; a pact or several tasks as a job). Adapters pass
   * the user's choice through; they never act on it.
   */
  mode?: 'job' | 'direct';
  /**
   * false: run without writing to the results store (`--no-history`); the result's `unrecorded` says so. An engine
   * whose tasks cannot run without recording refuses with EngineConfigError. Default true.
   */
  recordHistory?: boolean;
  /**
   * Ctrl-C or the editor's Cancel while the run is being started. An engine stops before anything runs when it is
   * aborted during its preparation (start rejects with RunCancelledError); once the run exists start resolves and
   * core's `startRun` cancels it, so a run is never left going unseen. Adapters pass it; they never poll it.
   */
  signal?: AbortSignal;
}

/** Where a task of a run stands. */
export type TaskState = 'QUEUED' | 'RUNNING' | 'DONE';

/** A task of a run as it stands now; `result` once the task's row is recorded. */
export interface TaskProgress {
  task_key: string;
  state: TaskState;
  /** ISO-8601 UTC; set once the task started running. */
  started_at?: string;
  result?: TaskResult;
}

/** Where a run stands. `CANCELLED` and `INCOMPLETE` (a run whose process died) are final like `FINISHED`. */
export type RunState = 'PENDING' | 'RUNNING' | 'FINISHED' | 'CANCELLED' | 'INCOMPLETE';

/** A snapshot of a run: what the editor's tree and the CLI's progress lines show. */
export interface RunSnapshot {
  run_id: string;
  engine: EngineType;
  pact: string;
  /** ISO-8601 UTC. */
  started_at: string;
  state: RunState;
  /** Once final: the overall verdict (SUCCESS only when every task passed and the aggregate step passed). */
  status?: TaskStatus;
  tasks: TaskProgress[];
  /** A page a person can open for this run (the Databricks job run page); absent for local runs. */
  url?: string;
  /** The engine's job the run belongs to (Databricks: the job id, exact decimal); absent for local runs. */
  job_id?: string;
  /** The results dashboard the run refreshes (set up by `datapact dashboard`); absent when there is none. */
  dashboard_url?: string;
}

/** What a run tells its listeners, in order. */
export type RunEvent =
  | { kind: 'task-queued'; task_key: string }
  | { kind: 'task-running'; task_key: string; at: string }
  | { kind: 'task-finished'; result: TaskResult }
  | { kind: 'aggregate-finished'; aggregate: AggregateOutcome }
  | { kind: 'run-finished'; result: EngineRunResult }
  | { kind: 'note'; message: string };

export interface Disposable {
  dispose(): void;
}

/** One run, started here or attached to by id. */
export interface RunHandle {
  readonly runId: string;
  /** The run as it stands now (never waits). */
  snapshot(): RunSnapshot;
  /**
   * Events from now on. A listener that throws does not disturb the run; the error is reported through
   * `result` once the run is recorded whole (the DuckDB engine's rule today).
   */
  onEvent(listener: (event: RunEvent) => void): Disposable;
  /** Asks the engine to stop the run; resolves once the engine confirms it stopped (queued tasks end as ERROR "cancelled"). */
  cancel(): Promise<void>;
  /** The final result; rejects only for configuration errors (EngineConfigError) or a failing listener. */
  readonly result: Promise<EngineRunResult>;
}

/** A configured engine, ready to run pacts and answer questions about them. */
export interface Engine {
  readonly type: EngineType;
  /** Starts a run; resolves as soon as it has a run id. Throws EngineConfigError when it cannot start. */
  start(pact: Pact, options: StartOptions): Promise<RunHandle>;
  /** A handle for a run started earlier, possibly by another process. Throws EngineConfigError for an unknown id. */
  attach(runId: string, pact: Pact, options: { pactPath: string }): Promise<RunHandle>;
  /** Recent history rows, newest run first (rows of one run in task order). */
  history(options: HistoryQuery): Promise<HistoryEntry[]>;
  /** Releases connections; the engine is not used afterwards. */
  dispose(): Promise<void>;
}

/** What one engine brings: found by type through the registry, so no adapter names an engine. */
export interface EnginePlugin {
  readonly type: EngineType;
  /** People's name for it ("DuckDB", "Databricks"). */
  readonly label: string;
  /** The SQL dialect its statements are written in. */
  readonly dialect: Dialect;
  /**
   * What a person fills in to connect (the builder's connection section, "Init Pact from Schema…"), in the order
   * shown: the pages and commands lay these out by kind and never name an engine.
   */
  readonly connection: readonly ConnectionField[];
  /** Opens the engine for a resolved configuration. Throws EngineConfigError when it is not usable. */
  open(config: ResolvedEngineConfig, host: EngineHost): Engine;
  /** The catalog provider for the editor and `validate` (DuckDB files, Unity Catalog). */
  openCatalogProvider(config: ResolvedEngineConfig, host: EngineHost): Promise<CatalogProvider>;
  /**
   * A key identifying the catalogs a configuration reads (cache key for catalog answers); undefined when the
   * configuration names no catalog to look up (then the editor asks no provider).
   */
  catalogKey(config: ResolvedEngineConfig): string | undefined;
  /**
   * Where `datapact init` reads information_schema: how to run its read-only queries on this engine and where each
   * catalog's views are. Absent for engines init cannot read.
   */
  openInitSource?(config: ResolvedEngineConfig, host: EngineHost): Promise<InitSource>;
  /** The SQL a task runs on this engine, as the preview and `datapact sql` show it. */
  explainTask(task: Task, config: ResolvedEngineConfig): string;
  /**
   * What a run would deploy, computed without any network call (`datapact plan`): e.g. a Databricks job's settings
   * and the files it uploads. Absent for engines that deploy nothing.
   */
  planRun?(pact: Pact, config: ResolvedEngineConfig, options: { taskKeys?: readonly string[] }): RunPlan;
  /** How an editor shows a configuration (status items): the plug-in's own words, so no adapter names an engine. */
  describeConfig(config: ResolvedEngineConfig): EngineConfigDescription;
  /**
   * The compute a run can be sent to (Databricks: the workspace's SQL warehouses), for a picker; absent for engines
   * that run where they are.
   */
  listWarehouses?(config: ResolvedEngineConfig, host: EngineHost): Promise<WarehouseChoice[]>;
  /** The sign-in profiles a `profile` connection field can name (their names and workspaces, never a secret). */
  listProfiles?(host: EngineHost): { name: string; host?: string }[];
  /**
   * The engine keeps a workspace where DataPact sets up dashboards and alerts for a pact's runs (`datapact
   * dashboard`, `setup-alert`). Absent: those commands refuse the engine, naming the engines that have one.
   */
  readonly workspace?: true;
  /**
   * The engine's dashboard of a pact's results (Databricks: the Lakeview dashboard `datapact dashboard` set up for
   * the pact's job), or undefined when none is set up yet; with `create`, one is set up first when missing (never a
   * second one). Absent for engines without dashboards: an editor shows its own results view instead.
   */
  dashboard?(config: ResolvedEngineConfig, host: EngineHost, pactPath: string, options?: { create?: boolean }): Promise<DashboardPage | undefined>;
}

/** A dashboard a person can open: its page, and the address a frame embeds where the workspace allows it. */
export interface DashboardPage {
  /** The published dashboard's page (opens in a browser, always). */
  url: string;
  /** The embeddable page (an iframe's src); it shows only where the workspace allows embedding. */
  embedUrl: string;
  /** The dashboard's name. */
  title: string;
  /** created: set up by this call; found: it existed. */
  action: 'found' | 'created' | 'updated';
}

/** A configuration as an editor's status shows it. */
export interface EngineConfigDescription {
  /** A codicon name for the engine (`database`, `cloud`). */
  icon: string;
  /** What the configuration runs with, after the engine's label (a profile, a warehouse); may be empty. */
  parts: string[];
  /** One line more ("2 catalogs", "no profile chosen"). */
  detail?: string;
  /** Signs in with `~/.databrickscfg` profiles: the editor offers Select Profile. */
  usesProfiles: boolean;
}

/** A warehouse a run can use, as a picker lists it. */
export interface WarehouseChoice {
  id: string;
  name: string;
  /** RUNNING, STOPPED, STARTING, … as the workspace reports it. */
  state: string;
  /** The cluster size (`2X-Small`, …), when known. */
  size?: string;
}

/** One key of an engine block a person sets when connecting. */
export interface ConnectionField {
  /** The engine block key it writes (`catalogs`, `profile`, `warehouse`). */
  key: string;
  /** People's name for it. */
  label: string;
  /**
   * How it is entered: `catalog-files` a map of catalog names to DuckDB files or Parquet/CSV folders (file pickers);
   * `profile` a profile of `~/.databrickscfg`; `warehouse` the compute a run is sent to, picked from the plug-in's
   * `listWarehouses` (or typed); `text` free text.
   */
  kind: 'catalog-files' | 'profile' | 'warehouse' | 'text';
  hint?: string;
}

/** A run's deployment as `datapact plan` shows it. */
export interface RunPlan {
  /** What is created or updated (e.g. the job settings exactly as jobs/create receives them). */
  settings: unknown;
  /** Every file uploaded, with its path and content. */
  files: Array<{ path: string; content: string }>;
  /** What a run fills in that an offline plan cannot know (e.g. the signed-in user). */
  notes: string[];
}
