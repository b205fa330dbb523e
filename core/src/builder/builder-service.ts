/**
 * What the builder's pages can ask, answered in one place for both hosts (the VS Code webview and
 * `datapact app`). A host only moves messages and provides file and catalog access through {@link BuilderHost};
 * every request's parameters are checked here, because the app receives them from a network socket.
 */
import type { BuilderFinding, BuilderMethod, BuilderMethods, BuilderRunRecord, BuilderTable } from './builder-methods';
import type { Pact } from '../model/pact';
import { CatalogUnavailableError, type CatalogProvider, type TableInfo } from '../catalog/catalog-provider';
import { isNumericType } from '../catalog/catalog-checks';
import { DEFAULT_ENGINE, resolveEngineConfig } from '../engine/engine-config';
import { EngineConfigError } from '../engine/engine-errors';
import { oneLineEngineMessage } from '../engine/engine-message';
import type { DashboardOutcome } from '../dashboard/ensure-dashboard';
import { processEngineHost } from '../engines/create-engine';
import { getEnginePlugin } from '../engines/registry';
import { requireWorkspaceEngine } from '../dashboard/workspace-session';
import type { LocalRunRecord } from '../runs/local-runs';
import type { RunHandle } from '../engines/engine-plugin';
import { listEnginePlugins } from '../engines/registry';
import { BuilderRuns, historyRunView } from './builder-runs';
import { historyByRun, runStatus } from '../engine/run-status';
import type { HistoryEntry } from '../engine/engine';
import { inferKey } from '../init/infer-key';
import { InitError, type InitSource } from '../init/init-source';
import { checkSqlSyntax } from '../sql-syntax/check-sql-syntax';
import { ENGINE_TYPES, type EngineType } from '../model/pact';
import { loadPact } from '../pact/load-pact';
import { lineColumn } from '../pact/path-at';
import { isPlainObject } from '../pact/task-view';
import { applyBuilderState, pactTextFromState } from './apply-builder-state';
import { builderStateFromText, type BuilderState } from './builder-state';

/** File and catalog access of one host; paths are relative to the host's pact folder and confined to it. */
export interface BuilderHost {
  /** A catalog provider for the catalogs an engine block names (relative paths against the pact folder). */
  catalogProvider(engine: Record<string, unknown> | undefined): Promise<CatalogProvider>;
  listPacts(): Promise<string[]>;
  readPact(path: string): Promise<string>;
  /** Writes atomically; refuses to replace an existing file unless `overwrite`. Returns the path written. */
  writePact(path: string, text: string, options: { overwrite: boolean }): Promise<string>;
  /** DuckDB files and Parquet/CSV folders inside the pact folder. */
  listCatalogFiles(): Promise<string[]>;
  /**
   * Lets the person pick a catalog file or folder in the host's own file dialog (the editor's; `datapact app` has
   * none: its catalogs stay in its folder). The path as the pact names it; undefined when cancelled.
   */
  browseCatalog?(): Promise<string | undefined>;
  /** The init source (read-only queries) for an engine block, to infer keys; confined like the catalog provider. */
  initSource(engine: Record<string, unknown> | undefined): Promise<InitSource>;
  /** Starts a run of a valid pact read from `path`; the handle is kept by the service (one place for both hosts). */
  startRun(path: string, pact: Pact, taskKeys?: string[]): Promise<RunHandle>;
  /** The runs of the pact at `path` its folder recorded (`.datapact/runs.json`), oldest first. */
  runRecords(path: string): Promise<LocalRunRecord[]>;
  /** Follows a recorded run of the pact at `path` again, through its engine (confined like `startRun`). */
  attachRun(path: string, pact: Pact, runId: string): Promise<RunHandle>;
  /**
   * The pact's results history through its engine, newest run first (as `datapact history` reads it; confined like
   * `startRun`). Never starts stopped compute.
   * @throws EngineConfigError (or a BuilderRequestError) when the engine cannot read it
   */
  runHistory(path: string, pact: Pact, limit: number): Promise<HistoryEntry[]>;
  /** Creates or updates the pact's results dashboard in its workspace (its id kept beside the pact). */
  setupDashboard(path: string, pact: Pact): Promise<DashboardOutcome>;
}

/** The runs each host started: a page may only ask about its own host's runs. */
const runsByHost = new WeakMap<BuilderHost, BuilderRuns>();

function runsOf(host: BuilderHost): BuilderRuns {
  let runs = runsByHost.get(host);
  if (!runs) runsByHost.set(host, (runs = new BuilderRuns()));
  return runs;
}

/** A request the builder refuses (bad parameters, a path outside the folder): its message is shown as is. */
export class BuilderRequestError extends Error {}

/** Limits on what a request may carry: a pact of the builder's size, not a flood. */
const MAX_TASKS = 2_000;
const MAX_STRING = 100_000;
const MAX_PATH = 500;
/** Runs a history answer lists at most (newest). */
const HISTORY_RUNS = 50;
/** Rows a key inference counts over at most: an answer while the person waits. */
const INFER_MAX_ROWS = 200_000;

type Handlers = { [M in BuilderMethod]: (host: BuilderHost, params: unknown) => Promise<BuilderMethods[M]['result']> };

const handlers: Handlers = {
  async open(host, params) {
    const { path } = object(params, 'open');
    if (path === undefined) {
      const state: BuilderState = { tasks: [] };
      return { state, yaml: pactTextFromState(state) };
    }
    const relative = pathParam(path);
    const yaml = await host.readPact(relative);
    return { state: builderStateFromText(yaml), path: relative, yaml };
  },
  async engines(_host, params) {
    object(params, 'engines');
    const engines = listEnginePlugins().map((plugin) => ({
      type: plugin.type,
      label: plugin.label,
      fields: plugin.connection.map((field) => ({ ...field })),
      dashboards: hasWorkspace(plugin.type),
    }));
    return { engines, defaultType: DEFAULT_ENGINE };
  },
  async listPacts(host, params) {
    object(params, 'listPacts');
    return { paths: await host.listPacts() };
  },
  async catalogs(host, params) {
    const { engine } = object(params, 'catalogs');
    return withProvider(host, engine, { catalogs: [] }, async (provider) => ({ catalogs: await provider.listCatalogs() }));
  },
  async schemas(host, params) {
    const p = object(params, 'schemas');
    const catalog = name(p.catalog, 'catalog');
    return withProvider(host, p.engine, { schemas: [] }, async (provider) => ({ schemas: await provider.listSchemas(catalog) }));
  },
  async tables(host, params) {
    const p = object(params, 'tables');
    const catalog = name(p.catalog, 'catalog');
    const schema = name(p.schema, 'schema');
    return withProvider(host, p.engine, { tables: [] }, async (provider) => ({ tables: (await provider.listTables(catalog, schema)).map(builderTable) }));
  },
  async inferKey(host, params) {
    const p = object(params, 'inferKey');
    const [catalog, schema, tableName] = [name(p.catalog, 'catalog'), name(p.schema, 'schema'), name(p.table, 'table')];
    const found = await withProvider(host, p.engine, { table: undefined }, async (provider) => ({ table: await provider.getTable(catalog, schema, tableName) }));
    if (found.unavailable !== undefined) return { unavailable: found.unavailable };
    if (!found.table) throw new BuilderRequestError(`no table ${catalog}.${schema}.${tableName.slice(0, 80)}`);
    let source: InitSource;
    try {
      source = await host.initSource(p.engine as Record<string, unknown> | undefined);
    } catch (error) {
      if (error instanceof InitError || error instanceof CatalogUnavailableError) return { unavailable: error.message };
      throw error;
    }
    try {
      const key = await inferKey(source, found.table, INFER_MAX_ROWS);
      return key ? { key: key.columns, sampled: key.sampled } : {};
    } finally {
      await source.dispose();
    }
  },
  async preview(host, params) {
    const p = object(params, 'preview');
    const state = stateParam(p.state);
    const yaml = p.path === undefined ? pactTextFromState(state) : applyBuilderState(await host.readPact(pathParam(p.path)), state);
    return { yaml, findings: findingsOf(yaml) };
  },
  async checkSql(_host, params) {
    const p = object(params, 'checkSql');
    const sql = text(p.sql, 'sql');
    if (p.kind !== 'filter' && p.kind !== 'query') throw new BuilderRequestError('kind must be "filter" or "query"');
    if (!ENGINE_TYPES.includes(p.engineType as EngineType)) throw new BuilderRequestError(`engineType must be one of ${ENGINE_TYPES.join(', ')}`);
    return { errors: checkSqlSyntax(sql, p.kind, p.engineType as EngineType) };
  },
  async save(host, params) {
    const p = object(params, 'save');
    const state = stateParam(p.state);
    const path = pathParam(p.path);
    if (!/\.ya?ml$/i.test(path)) throw new BuilderRequestError('a pact file name ends in .yml or .yaml');
    let existing: string | undefined;
    try {
      existing = await host.readPact(path);
    } catch {
      existing = undefined;
    }
    const overwrite = p.overwrite === true;
    if (existing !== undefined && !overwrite) throw new BuilderRequestError(`${path} exists; open it in the builder to edit it`);
    const yaml = existing !== undefined ? applyBuilderState(existing, state) : pactTextFromState(state);
    const written = await host.writePact(path, yaml, { overwrite });
    return { path: written, yaml };
  },
  async catalogFiles(host, params) {
    object(params, 'catalogFiles');
    return { paths: await host.listCatalogFiles(), ...(host.browseCatalog ? { browse: true } : {}) };
  },
  async browseCatalog(host, params) {
    object(params, 'browseCatalog');
    if (!host.browseCatalog) throw new BuilderRequestError('this host has no file dialog: pick a catalog file of the pact folder');
    const path = await host.browseCatalog();
    return path === undefined ? {} : { path };
  },
  async sql(host, params) {
    const p = object(params, 'sql');
    const state = stateParam(p.state);
    const taskKey = name(p.taskKey, 'taskKey');
    const path = p.path === undefined ? undefined : pathParam(p.path);
    const yaml = path === undefined ? pactTextFromState(state) : applyBuilderState(await host.readPact(path), state);
    const loaded = loadPact(yaml, { path: path ?? 'new.pact.yml' });
    if (!loaded.pact) {
      const first = loaded.problems.find((problem) => problem.severity === 'error');
      const where = first ? ` (line ${lineColumn(loaded.source, first.start).line}: ${first.message})` : '';
      return { problem: `The SQL cannot be generated while the pact has errors${where}.` };
    }
    const task = loaded.pact.validations.find((t) => t.task_key === taskKey);
    if (!task) return { problem: `The pact has no task ${JSON.stringify(taskKey.slice(0, 80))}.` };
    try {
      const config = resolveEngineConfig(loaded.pact.engine, path ?? 'new.pact.yml');
      return { sql: getEnginePlugin(config.type).explainTask(task, config) };
    } catch (error) {
      return { problem: `The SQL could not be generated: ${oneLineEngineMessage(error)}` };
    }
  },
  async history(host, params) {
    const path = pathParam(object(params, 'history').path);
    const records = await host.runRecords(path);
    const recordOf = new Map(records.map((record) => [record.run_id, record]));
    const read = await readHistory(host, path);
    const byRun = historyByRun(read.entries);
    const past = [...byRun.values()].map((rows) => {
      const record = recordOf.get(rows[0]!.run_id);
      return pastRun(rows, read.engine ?? record?.engine ?? '', record?.url);
    });
    // Runs recorded here that the history has no row of yet (started moments ago); all of them when it cannot be read.
    const newest = past.reduce((latest, run) => (run.started_at > latest ? run.started_at : latest), '');
    const pending = records
      .filter((record) => !byRun.has(record.run_id) && (read.unavailable !== undefined || record.started_at > newest))
      .map((record) => ({ run_id: record.run_id, engine: record.engine, started_at: record.started_at, ...(record.url ? { url: record.url } : {}) }));
    const runs = [...pending, ...past].sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at) || b.run_id.localeCompare(a.run_id));
    return { runs: runs.slice(0, HISTORY_RUNS), ...(read.unavailable !== undefined ? { unavailable: read.unavailable } : {}) };
  },
  async openRun(host, params) {
    const p = object(params, 'openRun');
    const path = pathParam(p.path);
    const runId = name(p.runId, 'runId');
    // Only a run this pact's folder recorded, or its history lists: the id is never sent to an engine unchecked.
    const recorded = (await host.runRecords(path)).some((record) => record.run_id === runId);
    const read = recorded ? undefined : await readHistory(host, path);
    // In the pact's task order, as a live run lists them (history rows come in the order they were recorded).
    const order = read?.taskKeys ?? [];
    const rows = (read?.entries ?? []).filter((entry) => entry.run_id === runId)
      .sort((a, b) => order.indexOf(a.task_key) - order.indexOf(b.task_key));
    if (!recorded && rows.length === 0) throw new BuilderRequestError(`no run ${JSON.stringify(runId.slice(0, 80))} of ${path} is recorded here`);
    const runs = runsOf(host);
    // A finished run of the history has nothing more to follow: its rows are its results (also a run started elsewhere).
    if (!recorded && !rows.some((row) => row.run_state === 'RUNNING')) return { runId: runs.keepView(historyRunView(rows)) };
    const pact = await validPact(host, path);
    return { runId: runs.track(await host.attachRun(path, pact, runId)) };
  },
  async dashboard(host, params) {
    const path = pathParam(object(params, 'dashboard').path);
    const pact = await validPact(host, path);
    const outcome = await host.setupDashboard(path, pact);
    return { url: outcome.url, action: outcome.action };
  },
  async fieldChoices(_host, params) {
    const p = object(params, 'fieldChoices');
    const key = name(p.key, 'key');
    if (p.engine !== undefined && !isPlainObject(p.engine)) throw new BuilderRequestError('engine must be a mapping');
    const engine = p.engine as Record<string, unknown> | undefined;
    const type = typeof engine?.type === 'string' ? engine.type : DEFAULT_ENGINE;
    if (!ENGINE_TYPES.includes(type as EngineType)) throw new BuilderRequestError(`engine type must be one of ${ENGINE_TYPES.join(', ')}`);
    const plugin = getEnginePlugin(type as EngineType);
    const field = plugin.connection.find((f) => f.key === key);
    if (!field) throw new BuilderRequestError(`${plugin.label} has no connection field ${JSON.stringify(key.slice(0, 80))}`);
    if (field.kind === 'profile' && plugin.listProfiles) {
      return { choices: plugin.listProfiles(processEngineHost()).map((p) => ({ value: p.name, label: p.name, ...(p.host ? { detail: p.host } : {}) })) };
    }
    if (field.kind !== 'warehouse' || !plugin.listWarehouses) return { choices: [] };
    try {
      const config = resolveEngineConfig(engine as Pact['engine'], 'builder.pact.yml');
      const warehouses = await plugin.listWarehouses(config, processEngineHost());
      return { choices: warehouses.map((w) => ({ value: w.id, label: w.name, detail: [w.state, w.size].filter(Boolean).join(', ') })) };
    } catch (error) {
      // A configuration error is written for people whole (sign-in: the method tried and what to set).
      return { choices: [], unavailable: error instanceof EngineConfigError ? error.message.replace(/\s+/g, ' ') : oneLineEngineMessage(error) };
    }
  },
  async run(host, params) {
    const p = object(params, 'run');
    const path = pathParam(p.path);
    let taskKeys: string[] | undefined;
    if (p.taskKeys !== undefined) {
      if (!Array.isArray(p.taskKeys) || p.taskKeys.length > MAX_TASKS) throw new BuilderRequestError('taskKeys must be a list of task keys');
      taskKeys = p.taskKeys.map((key) => name(key, 'task key'));
    }
    const pact = await validPact(host, path);
    const known = new Set(pact.validations.map((task) => task.task_key));
    const unknown = taskKeys?.find((key) => !known.has(key));
    if (unknown !== undefined) throw new BuilderRequestError(`${path} has no task ${JSON.stringify(unknown.slice(0, 80))}`);
    return { runId: runsOf(host).track(await host.startRun(path, pact, taskKeys)) };
  },
  async runStatus(host, params) {
    const runId = name(object(params, 'runStatus').runId, 'runId');
    const view = runsOf(host).view(runId);
    if (!view) throw new BuilderRequestError('no run with this id was started here');
    return view;
  },
};

/** Answers one request; rejects with a one-line message a person can act on (never a stack). */
export async function handleBuilderRequest<M extends BuilderMethod>(host: BuilderHost, method: M, params: unknown): Promise<BuilderMethods[M]['result']> {
  const handler = Object.prototype.hasOwnProperty.call(handlers, method) ? handlers[method] : undefined;
  if (!handler) throw new BuilderRequestError(`unknown builder method ${JSON.stringify(String(method).slice(0, 40))}`);
  return (handler as (host: BuilderHost, params: unknown) => Promise<BuilderMethods[M]['result']>)(host, params);
}

/**
 * The pact's results history through its engine, or why it cannot be read (a pact with errors, an engine that
 * cannot sign in or whose warehouse is stopped): the answer the page shows beside the recorded runs.
 */
async function readHistory(host: BuilderHost, path: string): Promise<{ entries: HistoryEntry[]; engine?: string; taskKeys?: string[]; unavailable?: string }> {
  const loaded = loadPact(await host.readPact(path), { path });
  if (!loaded.pact) return { entries: [], unavailable: `${path} has errors; its results history is read once they are fixed` };
  try {
    const entries = await host.runHistory(path, loaded.pact, HISTORY_RUNS);
    return { entries, engine: resolveEngineConfig(loaded.pact.engine, path).type, taskKeys: loaded.pact.validations.map((task) => task.task_key) };
  } catch (error) {
    if (error instanceof BuilderRequestError || error instanceof EngineConfigError) return { entries: [], unavailable: error.message.replace(/\s+/g, ' ') };
    return { entries: [], unavailable: `the results history could not be read: ${oneLineEngineMessage(error)}` };
  }
}

/** One run of the history as the page lists it: its verdict, where it stands when unfinished, its tasks. */
function pastRun(rows: readonly HistoryEntry[], engine: string, url: string | undefined): BuilderRunRecord {
  const unfinished = rows.find((row) => row.run_state !== undefined && row.run_state !== 'FINISHED')?.run_state;
  return {
    run_id: rows[0]!.run_id,
    engine,
    started_at: rows[0]!.job_start_ts ?? '',
    ...(url ? { url } : {}),
    status: runStatus(rows),
    ...(unfinished ? { state: unfinished } : {}),
    tasks: rows.map((row) => ({ task_key: row.task_key, status: row.status })),
  };
}

/** Whether pacts on this engine live in a workspace (dashboards, alerts): asked of the one rule that decides it. */
function hasWorkspace(type: EngineType): boolean {
  try {
    requireWorkspaceEngine(resolveEngineConfig({ type }, 'builder.pact.yml'), 'Dashboards');
    return true;
  } catch {
    return false;
  }
}

/** The pact saved at `path`, refused while it has errors (running or setting up needs a valid pact). */
async function validPact(host: BuilderHost, path: string): Promise<Pact> {
  const loaded = loadPact(await host.readPact(path), { path });
  if (!loaded.pact) {
    const errors = loaded.problems.filter((problem) => problem.severity === 'error').length;
    throw new BuilderRequestError(`${path} has ${errors} error(s); fix them before running`);
  }
  return loaded.pact;
}

/**
 * Answers a lookup from the engine's catalog provider. A catalog that cannot be read (not signed in, no catalog
 * configured) is an answer, not a failure: the empty list with the reason, which the page shows.
 */
async function withProvider<T extends object>(
  host: BuilderHost,
  engine: unknown,
  empty: T,
  use: (provider: CatalogProvider) => Promise<T>,
): Promise<T & { unavailable?: string }> {
  if (engine !== undefined && !isPlainObject(engine)) throw new BuilderRequestError('engine must be a mapping');
  let provider: CatalogProvider;
  try {
    provider = await host.catalogProvider(engine);
  } catch (error) {
    if (error instanceof CatalogUnavailableError) return { ...empty, unavailable: error.message };
    throw error;
  }
  try {
    return await use(provider);
  } finally {
    await provider.dispose();
  }
}

function builderTable(table: TableInfo): BuilderTable {
  return { ...table, columns: table.columns.map((column) => ({ ...column, numeric: isNumericType(column.type) })) };
}

function findingsOf(yaml: string): BuilderFinding[] {
  const loaded = loadPact(yaml);
  return loaded.problems
    .filter((p) => p.severity !== 'hint')
    .map((p) => ({ severity: p.severity as BuilderFinding['severity'], message: p.message, ...lineColumn(loaded.source, p.start) }));
}

function object(value: unknown, method: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new BuilderRequestError(`${method}: parameters must be an object`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new BuilderRequestError(`${what} must be a string`);
  if (value.length > MAX_STRING) throw new BuilderRequestError(`${what} is longer than ${MAX_STRING} characters`);
  return value;
}

function name(value: unknown, what: string): string {
  const s = text(value, what);
  if (s === '' || s.length > 255) throw new BuilderRequestError(`${what} must be a name of 1 to 255 characters`);
  return s;
}

function pathParam(value: unknown): string {
  const s = text(value, 'path');
  if (s === '' || s.length > MAX_PATH || s.includes('\u0000')) throw new BuilderRequestError('path must be a file name inside the pact folder');
  return s;
}

/** A state as the builder sends it: checked for shape only (the pact's own rules report the rest as findings). */
function stateParam(value: unknown): BuilderState {
  if (!isPlainObject(value) || !Array.isArray(value.tasks)) throw new BuilderRequestError('state must be an object with a tasks list');
  if (value.tasks.length > MAX_TASKS) throw new BuilderRequestError(`a pact in the builder has at most ${MAX_TASKS} tasks`);
  const tasks = value.tasks.map((task, index) => {
    if (!isPlainObject(task) || !isPlainObject(task.values)) throw new BuilderRequestError(`task ${index + 1} must be an object with values`);
    const origin = task.origin;
    if (origin !== undefined && !(Number.isSafeInteger(origin) && (origin as number) >= 0)) {
      throw new BuilderRequestError(`task ${index + 1}: origin must be a task position`);
    }
    return origin === undefined ? { values: task.values } : { origin: origin as number, values: task.values };
  });
  const state: BuilderState = { tasks };
  if (value.engine !== undefined) {
    if (!isPlainObject(value.engine)) throw new BuilderRequestError('engine must be a mapping');
    state.engine = value.engine;
  }
  if (value.defaults !== undefined) {
    if (!isPlainObject(value.defaults)) throw new BuilderRequestError('defaults must be a mapping');
    state.defaults = value.defaults;
  }
  return state;
}
