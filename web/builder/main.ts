/**
 * The pact builder page: a person picks tables and columns from the live catalog and ticks the checks they want;
 * the page keeps a {@link BuilderState} and asks its host (through the transport) for everything else — catalog
 * lists, the YAML the state writes and its findings, SQL syntax, saving. It decides nothing about pacts itself:
 * core does, behind `handleBuilderRequest`.
 */
import type { BuilderEngine, BuilderFinding, BuilderRunRecord, BuilderRunView, BuilderTable } from '../../core/src/builder/builder-methods';
import type { BuilderState, BuilderTask } from '../../core/src/builder/builder-state';
import { clear, h } from '../shared/dom';
import { createTransport } from '../shared/transport';

interface UiState {
  path?: string;
  state: BuilderState;
  selected: number;
  showPreview: boolean;
  /** Whether the selected task's SQL is shown under the YAML. */
  showSql?: boolean;
  saveAs: string;
  /** What the host asked the page to keep for it (the editor's panel restores itself from it after a reload). */
  host?: unknown;
  /** Counts the changes kept: of two saved states (the webview's, the editor's file), the higher is the newer. */
  revision?: number;
}

const transport = createTransport();
const AGGS = ['SUM', 'AVG', 'MIN', 'MAX'] as const;

let ui: UiState = restoreUi() ?? { state: { tasks: [] }, selected: 0, showPreview: true, saveAs: 'new.pact.yml' };
const tableLists = new Map<string, Promise<BuilderTable[]>>();
/** The engines the host offers, as their plug-ins describe them (the page names none itself). */
let engines: BuilderEngine[] = [];
let defaultEngineType = '';
let catalogNames: string[] = [];
let catalogFiles: string[] = [];
/** Whether the host has a file dialog for catalogs outside the pact folder (the editor's). */
let canBrowseCatalogs = false;
let runView: BuilderRunView | undefined;
let runTimer: ReturnType<typeof setTimeout> | undefined;
/** The saved pact's recorded runs (newest first), and the dashboard set up from this page. */
let pastRuns: BuilderRunRecord[] = [];
/** Why the results history could not be read (only the runs recorded here are listed then). */
let historyUnavailable: string | undefined;
let dashboardUrl: string | undefined;
/** Choices a connection field's engine listed (SQL warehouses), by field key, with the reason when it could not. */
const fieldChoices = new Map<string, { choices: { value: string; label: string; detail?: string }[]; unavailable?: string }>();
const schemaNames = new Map<string, string[]>();
/** Keys core inferred per source table (only asked for tables without a declared key). */
const inferredKeys = new Map<string, Promise<{ key?: string[]; sampled?: boolean; unavailable?: string }>>();

function inferredKeyOf(table: BuilderTable): Promise<{ key?: string[]; sampled?: boolean; unavailable?: string }> {
  const id = JSON.stringify([table.catalog, table.schema, table.name]);
  let found = inferredKeys.get(id);
  if (!found) {
    found = transport.request('inferKey', { engine: ui.state.engine, catalog: table.catalog, schema: table.schema, table: table.name })
      .catch((error: Error) => ({ unavailable: error.message }));
    inferredKeys.set(id, found);
  }
  return found;
}
let previewTimer: ReturnType<typeof setTimeout> | undefined;

const root = document.getElementById('app')!;
const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });

/** The newest state kept for this page: its own (the webview's or the tab's) or the one its host handed it. */
function restoreUi(): UiState | undefined {
  const usable = (saved: unknown): UiState | undefined =>
    saved && typeof saved === 'object' && Array.isArray((saved as UiState).state?.tasks) ? (saved as UiState) : undefined;
  const own = usable(transport.loadUiState());
  let handed: UiState | undefined;
  try {
    const text = document.getElementById('app')?.dataset.state;
    handed = text ? usable(JSON.parse(text)) : undefined;
  } catch {
    handed = undefined;
  }
  if (!own || !handed) return own ?? handed;
  return (handed.revision ?? 0) > (own.revision ?? 0) ? handed : own;
}

/** Keeps the page's state with its host (restored after a reload), one revision further. */
function keepUi(): void {
  ui.revision = (ui.revision ?? 0) + 1;
  transport.saveUiState(ui);
}

function changed(options: { rerender?: boolean } = {}): void {
  keepUi();
  if (options.rerender) render();
  if (previewTimer) clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void refreshPreview(), 150);
}

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = kind;
}

function task(): BuilderTask | undefined {
  return ui.state.tasks[ui.selected];
}

function engineType(): string {
  const type = ui.state.engine?.type;
  return typeof type === 'string' ? type : defaultEngineType;
}

function currentEngine(): BuilderEngine | undefined {
  return engines.find((engine) => engine.type === engineType());
}

// ---------------------------------------------------------------------------------------------- catalog lookups

function tablesOf(catalog: unknown, schema: unknown): Promise<BuilderTable[]> {
  if (typeof catalog !== 'string' || typeof schema !== 'string' || !catalog || !schema) return Promise.resolve([]);
  const key = `${catalog}\u0000${schema}`;
  let found = tableLists.get(key);
  if (!found) {
    found = transport.request('tables', { engine: ui.state.engine, catalog, schema }).then((r) => r.tables, (error: Error) => {
      say(error.message, 'error');
      tableLists.delete(key);
      return [];
    });
    tableLists.set(key, found);
  }
  return found;
}

async function tableInfo(values: Record<string, unknown>, side: 'source' | 'target'): Promise<BuilderTable | undefined> {
  const list = await tablesOf(values[`${side}_catalog`], values[`${side}_schema`]);
  const name = String(values[`${side}_table`] ?? '').toLowerCase();
  return list.find((t) => t.name.toLowerCase() === name);
}

let catalogRefresh = 0;

async function refreshCatalogs(): Promise<void> {
  const mine = ++catalogRefresh;
  tableLists.clear();
  schemaNames.clear();
  inferredKeys.clear();
  // The engine's lists (SQL warehouses) are asked alongside the catalogs: one render shows both.
  const choices = refreshFieldChoices();
  const files = await transport.request('catalogFiles', {}).catch(() => ({ paths: [], browse: false }));
  if (mine !== catalogRefresh) return; // a newer refresh (the engine changed again) answers instead
  catalogFiles = files.paths;
  canBrowseCatalogs = files.browse === true;
  try {
    const { catalogs, unavailable: why } = await transport.request('catalogs', { engine: ui.state.engine });
    if (mine !== catalogRefresh) return;
    if (why) throw new Error(`The ${currentEngine()?.label ?? engineType()} catalog cannot be read: ${why}`);
    catalogNames = catalogs.filter((c) => !c.unavailable).map((c) => c.name);
    const unavailable = catalogs.filter((c) => c.unavailable);
    say(unavailable.length ? `Not available: ${unavailable.map((c) => `${c.name} (${c.unavailable})`).join('; ')}` : `${catalogNames.length} catalog(s) connected`,
      unavailable.length ? 'error' : 'info');
  } catch (error) {
    catalogNames = [];
    say((error as Error).message, 'error');
  }
  await choices;
  if (mine !== catalogRefresh) return;
  render();
}

async function schemasOf(catalog: string): Promise<string[]> {
  if (!catalog) return [];
  const known = schemaNames.get(catalog);
  if (known) return known;
  try {
    const { schemas } = await transport.request('schemas', { engine: ui.state.engine, catalog });
    const names = schemas.map((s) => s.name);
    schemaNames.set(catalog, names);
    return names;
  } catch (error) {
    say((error as Error).message, 'error');
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------- render

/**
 * Redraws the page from the state. Answers arrive while a person works (catalogs, warehouses, a re-render after each
 * choice), so the control that had the focus gets it back after the redraw — with what was typed in it and where the
 * caret was — and keyboard users never land back at the top of the page. The task editor draws later (it waits
 * for catalog answers), so a control inside it is refocused once it is drawn.
 */
function render(): void {
  pendingFocus = focusMemo() ?? pendingFocus;
  draw();
  restoreFocus();
}

/**
 * Where the focus was: the control's id or test id, else what it says (its label, value or text) and which of the
 * controls saying that it was, inside the nearest container with an id or test id.
 */
interface FocusMemo {
  selector?: string;
  container?: string;
  tag: string;
  says: string;
  nth: number;
  value?: string;
  start: number | null;
  end: number | null;
}

let pendingFocus: FocusMemo | undefined;

function says(element: Element): string {
  return element.getAttribute('aria-label') ?? (element instanceof HTMLInputElement ? `${element.type}:${element.value}` : element.textContent ?? '');
}

function focusMemo(): FocusMemo | undefined {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || focused === document.body || !root.contains(focused)) return undefined;
  const text = focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement ? focused : undefined;
  const typed = text && text.type !== 'checkbox' && text.type !== 'range' ? { value: text.value, start: caret(text, 'start'), end: caret(text, 'end') } : { start: null, end: null };
  const own = focused.id ? `#${CSS.escape(focused.id)}` : focused.dataset.testid ? `[data-testid="${CSS.escape(focused.dataset.testid)}"]` : undefined;
  const holder = focused.parentElement?.closest<HTMLElement>('[id], [data-testid]');
  const container = holder?.id ? `#${CSS.escape(holder.id)}` : holder ? `[data-testid="${CSS.escape(holder.dataset.testid ?? '')}"]` : undefined;
  const said = says(focused);
  const nth = Array.from((holder ?? root).querySelectorAll(focused.tagName)).filter((e) => says(e) === said).indexOf(focused);
  return { ...(own ? { selector: own } : {}), ...(container ? { container } : {}), tag: focused.tagName, says: said, nth, ...typed };
}

function restoreFocus(): void {
  const memo = pendingFocus;
  if (!memo) return;
  // Someone moved on meanwhile (clicked or tabbed elsewhere): their focus wins.
  if (document.activeElement && document.activeElement !== document.body && root.contains(document.activeElement)) {
    pendingFocus = undefined;
    return;
  }
  const scope = memo.container ? root.querySelector(memo.container) : root;
  const found = memo.selector
    ? root.querySelector(memo.selector)
    : Array.from(scope?.querySelectorAll(memo.tag) ?? []).filter((e) => says(e) === memo.says)[memo.nth];
  if (!(found instanceof HTMLElement) || found.tagName !== memo.tag) return; // not drawn yet (the task editor waits for answers)
  pendingFocus = undefined;
  const text = found instanceof HTMLInputElement || found instanceof HTMLTextAreaElement ? found : undefined;
  if (memo.value !== undefined && text) text.value = memo.value;
  found.focus();
  if (memo.start !== null && memo.end !== null && text) {
    try {
      text.setSelectionRange(memo.start, memo.end);
    } catch {
      // a kind of input without a caret
    }
  }
}

/** The caret of a text control (null for kinds without one, such as number inputs). */
function caret(control: HTMLInputElement | HTMLTextAreaElement, which: 'start' | 'end'): number | null {
  try {
    return which === 'start' ? control.selectionStart : control.selectionEnd;
  } catch {
    return null;
  }
}

function draw(): void {
  clear(root);
  root.append(
    h('header', {},
      h('h1', {}, 'DataPact pact builder'),
      h('span', { class: 'file', 'data-testid': 'file' }, ui.path ? ui.path : 'new pact'),
      h('button', { type: 'button', onclick: () => { ui.showPreview = !ui.showPreview; changed({ rerender: true }); }, 'aria-pressed': String(ui.showPreview) }, 'Preview YAML'),
      h('button', { type: 'button', 'data-testid': 'preview-sql', onclick: () => { ui.showSql = !ui.showSql; if (ui.showSql) ui.showPreview = true; changed({ rerender: true }); }, 'aria-pressed': String(ui.showSql === true) }, 'Preview SQL'),
      // A browser has no editor to open the file in: the app offers the pact as a download (what Create would write).
      transport.host === 'app' ? h('button', { type: 'button', 'data-testid': 'download', onclick: () => void download() }, 'Download') : null,
      ui.path
        ? h('button', { type: 'button', class: 'primary', 'data-testid': 'save', onclick: () => void save(ui.path!, true) }, 'Save')
        : h('span', { class: 'save-as' },
            h('label', { for: 'save-as' }, 'File name'),
            h('input', { id: 'save-as', value: ui.saveAs, oninput: (e) => { ui.saveAs = (e.target as HTMLInputElement).value; keepUi(); } }),
            h('button', { type: 'button', class: 'primary', 'data-testid': 'create', onclick: () => void save(ui.saveAs, false) }, 'Create')),
      h('button', { type: 'button', 'data-testid': 'run', disabled: !ui.path, title: ui.path ? 'Run the saved pact' : 'Create the pact first', onclick: () => void run() }, 'Run'),
      currentEngine()?.dashboards
        ? h('button', { type: 'button', 'data-testid': 'dashboard', disabled: !ui.path, title: ui.path ? 'Create or update the results dashboard in the workspace' : 'Create the pact first', onclick: () => void setUpDashboard() }, 'Dashboard')
        : null,
    ),
    connectionSection(),
    h('div', { class: 'columns' }, taskList(), h('section', { id: 'editor', 'aria-label': 'Task' }), previewPane()),
    status,
    h('section', { id: 'results', 'aria-label': 'Run results', 'data-testid': 'results' }),
    h('section', { id: 'history', 'aria-label': 'Past runs', 'data-testid': 'history' }),
  );
  paintPreview();
  renderResults();
  renderHistory();
  void renderEditor();
}

function setEngine(key: string, value: unknown, options: { catalogsChanged?: boolean } = {}): void {
  const next = { ...(ui.state.engine ?? {}) };
  if (value === '' || value === undefined) delete next[key];
  else next[key] = value;
  ui.state.engine = next;
  changed({ rerender: true });
  if (options.catalogsChanged) void refreshCatalogs();
}

/** A typed connection value takes effect on Enter or when the field is left, once (the catalogs are asked again). */
function commitEngineField(key: string, typed: string): void {
  const value = typed.trim();
  if (value === String(ui.state.engine?.[key] ?? '')) return;
  setEngine(key, value, { catalogsChanged: true });
}

/** Switching engines drops the connection keys only another engine uses (one engine's catalog map means nothing to another). */
function setEngineType(type: string): void {
  const next: Record<string, unknown> = { ...(ui.state.engine ?? {}), type };
  const mine = new Set(engines.find((e) => e.type === type)?.fields.map((f) => f.key) ?? []);
  for (const other of engines) for (const field of other.fields) if (!mine.has(field.key)) delete next[field.key];
  ui.state.engine = next;
  changed({ rerender: true });
  void refreshCatalogs();
}

function connectionSection(): HTMLElement {
  const engine = ui.state.engine ?? {};
  const type = engineType();
  const fields = currentEngine()?.fields ?? [];
  return h('section', { id: 'connection', 'aria-label': 'Connection' },
    h('h2', {}, 'Connection'),
    h('label', { for: 'engine-type' }, 'Engine'),
    h('select', { id: 'engine-type', onchange: (e) => setEngineType((e.target as HTMLSelectElement).value) },
      ...unique([...engines.map((e) => e.type), type]).filter(Boolean).map((name) =>
        h('option', { value: name, selected: name === type }, engines.find((e) => e.type === name)?.label ?? name))),
    ...fields.map((field) => {
      if (field.kind === 'catalog-files') return catalogFilesField(field.key, field.hint);
      const listed = fieldChoices.get(field.key);
      return h('div', { class: 'row' },
        h('label', { for: `engine-${field.key}` }, field.label),
        h('input', { id: `engine-${field.key}`, value: String(engine[field.key] ?? ''), title: field.hint ?? '', placeholder: field.hint ?? '',
          ...(listed ? { list: `choices-${field.key}` } : {}),
          onchange: (e) => commitEngineField(field.key, (e.target as HTMLInputElement).value),
          onkeydown: (e) => { if ((e as KeyboardEvent).key === 'Enter') commitEngineField(field.key, (e.target as HTMLInputElement).value); } }),
        listed
          ? h('datalist', { id: `choices-${field.key}`, 'data-testid': `choices-${field.key}` },
              ...listed.choices.map((choice) => h('option', { value: choice.value, label: choice.detail ? `${choice.label} (${choice.detail})` : choice.label })))
          : null,
        listed?.unavailable ? h('span', { class: 'hint' }, `No list: ${listed.unavailable}`) : null,
        listed && !listed.unavailable ? h('span', { class: 'hint' }, listed.choices.map((c) => c.label).join(', ') || 'none listed') : null);
    }),
  );
}

/** Lists what the engine's choice fields can be set to (sign-in profiles, SQL warehouses), once per connection change. */
async function refreshFieldChoices(): Promise<void> {
  const engine = ui.state.engine;
  const listed = new Map<string, { choices: { value: string; label: string; detail?: string }[]; unavailable?: string }>();
  for (const field of currentEngine()?.fields ?? []) {
    if (field.kind !== 'warehouse' && field.kind !== 'profile') continue;
    listed.set(field.key, await transport.request('fieldChoices', { engine, key: field.key }).catch((error: Error) => ({ choices: [], unavailable: error.message })));
  }
  if (engine !== ui.state.engine) return; // the connection changed meanwhile: a newer refresh answers
  fieldChoices.clear();
  for (const [key, answer] of listed) fieldChoices.set(key, answer);
}

/** A map of catalog names to DuckDB files or Parquet/CSV folders inside the pact folder, picked from a list. */
function catalogFilesField(key: string, hint: string | undefined): HTMLElement {
  const current = (): Record<string, string> => {
    const map = ui.state.engine?.[key];
    return map && typeof map === 'object' ? { ...(map as Record<string, string>) } : {};
  };
  const rows = Object.entries(current()).map(([name, path], index) =>
    h('div', { class: 'row', 'data-testid': 'catalog-row' },
      h('input', { 'aria-label': `catalog ${index + 1} name`, value: name, onchange: (e) => renameCatalog(name, (e.target as HTMLInputElement).value) }),
      h('input', { 'aria-label': `catalog ${index + 1} path`, value: path, class: 'wide', onchange: (e) => setEngine(key, { ...current(), [name]: (e.target as HTMLInputElement).value }, { catalogsChanged: true }) }),
      h('button', { type: 'button', onclick: () => { const next = current(); delete next[name]; setEngine(key, next, { catalogsChanged: true }); } }, 'Remove'),
    ));
  const renameCatalog = (from: string, to: string) => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(current())) next[k === from ? to : k] = v;
    setEngine(key, next, { catalogsChanged: true });
  };
  // Picking a file adds it at once: one action, so a re-render (catalog answers arriving) cannot lose the pick.
  const addCatalog = (picked: string) => {
    if (!picked) return;
    const catalogs = current();
    let name = picked.split('/').pop()!.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_') || 'catalog';
    for (let n = 2; name in catalogs; n++) name = `${name.replace(/_\d+$/, '')}_${n}`;
    setEngine(key, { ...catalogs, [name]: picked }, { catalogsChanged: true });
  };
  const dropCatalog = (path: string) => {
    const next = current();
    for (const [name, used] of Object.entries(next)) if (used === path) delete next[name];
    setEngine(key, next, { catalogsChanged: true });
  };
  // Ticked files are the pact's catalogs: a checkbox acts only when pressed, where a select would act on every
  // option a keyboard user moves through.
  const used = new Set(Object.values(current()));
  return h('div', { class: 'catalogs' },
    hint ? h('p', { class: 'hint' }, `Catalogs: ${hint}.`) : null,
    ...rows,
    h('fieldset', { class: 'columns-choice', 'data-testid': 'catalog-file' },
      h('legend', {}, 'Catalog files and folders in the pact folder'),
      catalogFiles.length === 0 ? h('span', { class: 'hint' }, 'None found in the pact folder.') : null,
      ...catalogFiles.map((path) => h('label', { class: 'column' },
        h('input', { type: 'checkbox', value: path, checked: used.has(path), onchange: (e) => ((e.target as HTMLInputElement).checked ? addCatalog(path) : dropCatalog(path)) }),
        path)),
      canBrowseCatalogs
        ? h('button', { type: 'button', 'data-testid': 'browse-catalog', onclick: () => void browseCatalog(addCatalog) }, 'Browse…')
        : null));
}

/** A catalog file or folder picked in the host's file dialog (anywhere, not only in the pact folder). */
async function browseCatalog(addCatalog: (path: string) => void): Promise<void> {
  try {
    const { path } = await transport.request('browseCatalog', {});
    if (path) addCatalog(path);
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

function taskList(): HTMLElement {
  return h('nav', { id: 'tasks', 'aria-label': 'Tasks' },
    h('h2', {}, 'Tasks'),
    h('ul', { role: 'listbox', 'aria-label': 'Tasks' },
      ...ui.state.tasks.map((t, index) =>
        h('li', {},
          h('button', {
            type: 'button', role: 'option', 'aria-selected': String(index === ui.selected), class: index === ui.selected ? 'selected' : '',
            onclick: () => { ui.selected = index; changed({ rerender: true }); },
          }, String(t.values.task_key ?? `task ${index + 1}`))))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-testid': 'add-task', onclick: addTask }, 'Add task'),
      h('button', { type: 'button', disabled: !task(), onclick: duplicateTask }, 'Duplicate'),
      h('button', { type: 'button', disabled: !task(), onclick: removeTask }, 'Remove')),
  );
}

function addTask(): void {
  const last = ui.state.tasks[ui.state.tasks.length - 1]?.values;
  const values: Record<string, unknown> = { ...(ui.state.defaults ?? {}) };
  values.task_key = freeKey('task');
  for (const side of ['source', 'target']) {
    for (const part of ['catalog', 'schema']) {
      const key = `${side}_${part}`;
      if (values[key] === undefined && last?.[key] !== undefined) values[key] = last[key];
    }
  }
  values.count_tolerance ??= 0;
  ui.state.tasks.push({ values });
  ui.selected = ui.state.tasks.length - 1;
  changed({ rerender: true });
}

function duplicateTask(): void {
  const current = task();
  if (!current) return;
  const values = JSON.parse(JSON.stringify(current.values)) as Record<string, unknown>;
  values.task_key = freeKey(`${String(current.values.task_key ?? 'task')}_copy`);
  ui.state.tasks.splice(ui.selected + 1, 0, { values });
  ui.selected += 1;
  changed({ rerender: true });
}

function removeTask(): void {
  ui.state.tasks.splice(ui.selected, 1);
  ui.selected = Math.max(0, Math.min(ui.selected, ui.state.tasks.length - 1));
  changed({ rerender: true });
}

function freeKey(base: string): string {
  const taken = new Set(ui.state.tasks.map((t) => String(t.values.task_key)));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

function previewPane(): HTMLElement {
  return h('aside', { id: 'preview', hidden: !ui.showPreview, 'aria-label': 'YAML preview' },
    h('h2', {}, 'YAML'),
    h('ul', { id: 'findings', 'aria-label': 'Findings' }),
    h('pre', { id: 'yaml', 'data-testid': 'yaml', tabindex: 0, 'aria-label': 'The pact as YAML' }),
    ui.showSql ? h('h2', {}, `SQL of ${String(task()?.values.task_key ?? 'the task')}`) : null,
    ui.showSql ? h('pre', { id: 'sql', 'data-testid': 'sql', tabindex: 0, 'aria-label': 'The task\'s SQL' }) : null);
}

/** The last preview core answered: a redraw paints it again at once (it would otherwise blank the panes until the next answer). */
let shownPreview: { yaml: string; findings: BuilderFinding[]; sql?: { text: string; ok: boolean } } | undefined;
let previewRequest = 0;

async function refreshPreview(): Promise<void> {
  const mine = ++previewRequest;
  try {
    const { yaml, findings } = await transport.request('preview', { state: ui.state, path: ui.path });
    let sql: { text: string; ok: boolean } | undefined;
    const taskKey = task()?.values.task_key;
    if (ui.showSql) {
      if (typeof taskKey !== 'string' || taskKey === '') sql = { text: 'Give the task a key to see its SQL.', ok: false };
      else {
        const answer = await transport.request('sql', { state: ui.state, path: ui.path, taskKey });
        sql = { text: answer.sql ?? answer.problem ?? '', ok: answer.sql !== undefined };
      }
    }
    if (mine !== previewRequest) return; // a newer state is being previewed: its answer is the one to show
    shownPreview = { yaml, findings, ...(sql ? { sql } : {}) };
    paintPreview();
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

function paintPreview(): void {
  if (!shownPreview) return;
  const pre = document.getElementById('yaml');
  if (pre) pre.textContent = shownPreview.yaml;
  showFindings(shownPreview.findings);
  const sqlPane = document.getElementById('sql');
  if (sqlPane && shownPreview.sql) {
    sqlPane.textContent = shownPreview.sql.text;
    sqlPane.className = shownPreview.sql.ok ? '' : 'error';
  }
}

function showFindings(findings: BuilderFinding[]): void {
  const list = document.getElementById('findings');
  if (!list) return;
  clear(list);
  if (findings.length === 0) list.append(h('li', { class: 'ok', 'data-testid': 'valid' }, 'The pact is valid.'));
  for (const f of findings) list.append(h('li', { class: f.severity }, `${f.line}:${f.column} ${f.severity}: ${f.message}`));
}

async function save(path: string, overwrite: boolean): Promise<void> {
  try {
    const saved = await transport.request('save', { state: ui.state, path, overwrite });
    ui.path = saved.path;
    ui.state = (await transport.request('open', { path: saved.path })).state;
    say(`Saved ${saved.path}`);
    changed({ rerender: true });
    void refreshHistory();
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

/** The pact as Create or Save would write it, offered as a file (a Blob made here: nothing leaves the page). */
async function download(): Promise<void> {
  try {
    const { yaml } = await transport.request('preview', { state: ui.state, path: ui.path });
    const name = (ui.path ?? ui.saveAs).split('/').pop() || 'new.pact.yml';
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(`Downloaded ${name}`);
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

async function setUpDashboard(): Promise<void> {
  if (!ui.path) return;
  say('Setting up the dashboard…');
  try {
    const outcome = await transport.request('dashboard', { path: ui.path });
    dashboardUrl = outcome.url;
    say(`Dashboard ${outcome.action}; the pact's runs refresh it`);
    renderResults();
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

// ------------------------------------------------------------------------------------------------------- runs

async function run(): Promise<void> {
  if (!ui.path) return;
  try {
    await transport.request('save', { state: ui.state, path: ui.path, overwrite: true });
    const { runId } = await transport.request('run', { path: ui.path });
    say(`Run ${runId} started`);
    if (runTimer) clearTimeout(runTimer);
    void poll(runId, 500);
    void refreshHistory();
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

async function poll(runId: string, delayMs: number): Promise<void> {
  try {
    runView = await transport.request('runStatus', { runId });
    renderResults();
    const final = runView.state !== 'PENDING' && runView.state !== 'RUNNING';
    if (final) {
      say(`Run ${runId}: ${runView.status ?? runView.state}`);
      void refreshHistory();
      return;
    }
  } catch (error) {
    say((error as Error).message, 'error');
    return;
  }
  if (runTimer) clearTimeout(runTimer);
  runTimer = setTimeout(() => void poll(runId, Math.min(delayMs * 1.5, 5000)), delayMs);
}

function renderResults(): void {
  const section = document.getElementById('results');
  if (!section) return;
  clear(section);
  const dashboard = runView?.dashboard_url ?? dashboardUrl;
  if (dashboard) section.append(h('p', {}, h('a', { href: dashboard, target: '_blank', rel: 'noopener', 'data-testid': 'dashboard-link' }, 'Open the dashboard')));
  if (!runView) return;
  // A run that stopped before its end says so (its tasks' verdict alone would read as an ordinary ERROR).
  const stopped = runView.state === 'CANCELLED' || runView.state === 'INCOMPLETE';
  section.append(h('h2', {}, `Run ${runView.run_id} — ${stopped ? runView.state : runView.status ?? runView.state}`));
  if (runView.url) section.append(h('a', { href: runView.url, target: '_blank', rel: 'noopener' }, 'Open the run page'));
  section.append(
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Task'), h('th', {}, 'Status'), h('th', {}, 'Checks'))),
      h('tbody', {}, ...runView.tasks.map((t) =>
        h('tr', { class: (t.status ?? t.state).toLowerCase(), 'data-task': t.task_key },
          h('td', {}, t.task_key),
          h('td', { class: 'status' }, t.status ?? t.state),
          h('td', {}, t.error ? h('div', { class: 'error' }, t.error) : null,
            h('ul', {}, ...t.checks.map((c) => h('li', { class: c.status === 'PASS' ? 'ok' : 'error' }, `${c.status} ${c.text}`)))))))),
  );
}

/** The saved pact's recorded runs, newest first: each can be opened again to read its results. */
async function refreshHistory(): Promise<void> {
  const path = ui.path;
  if (!path) {
    pastRuns = [];
    historyUnavailable = undefined;
    renderHistory();
    return;
  }
  try {
    const { runs, unavailable } = await transport.request('history', { path });
    if (path !== ui.path) return;
    pastRuns = runs;
    historyUnavailable = unavailable;
  } catch (error) {
    say((error as Error).message, 'error');
  }
  renderHistory();
}

function renderHistory(): void {
  const section = document.getElementById('history');
  if (!section) return;
  clear(section);
  if (!ui.path || (pastRuns.length === 0 && historyUnavailable === undefined)) return;
  section.append(h('h2', {}, 'Past runs'));
  if (historyUnavailable !== undefined) section.append(h('p', { class: 'hint', 'data-testid': 'history-unavailable' }, historyUnavailable));
  section.append(
    h('ul', {}, ...pastRuns.map((record) => h('li', { 'data-testid': 'past-run' },
      h('button', { type: 'button', 'data-run': record.run_id, 'aria-current': runView?.run_id === record.run_id ? 'true' : undefined, onclick: () => void openPastRun(record.run_id) },
        `Run ${record.run_id}`),
      record.status ? h('span', { class: `verdict ${(record.state ?? record.status).toLowerCase()}` }, ` ${record.state && record.state !== 'FINISHED' ? `${record.state} ` : ''}${record.status}`) : null,
      ` started ${new Date(record.started_at).toLocaleString()} on ${engines.find((e) => e.type === record.engine)?.label ?? record.engine}`,
      record.tasks?.length ? ` (${pastTaskSummary(record.tasks)})` : '',
      record.url ? h('span', {}, ' — ', h('a', { href: record.url, target: '_blank', rel: 'noopener' }, 'run page')) : null))));
}

/** `2 tasks: 1 passed, 1 failed`. */
function pastTaskSummary(tasks: NonNullable<BuilderRunRecord['tasks']>): string {
  const count = (status: string) => tasks.filter((t) => t.status === status).length;
  const parts = [['SUCCESS', 'passed'], ['FAILURE', 'failed'], ['ERROR', 'errored']].filter(([status]) => count(status!) > 0).map(([status, word]) => `${count(status!)} ${word}`);
  return `${tasks.length} task${tasks.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

async function openPastRun(runId: string): Promise<void> {
  if (!ui.path) return;
  try {
    if (runTimer) clearTimeout(runTimer);
    await transport.request('openRun', { path: ui.path, runId });
    say(`Reading run ${runId}…`);
    void poll(runId, 300);
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

// ------------------------------------------------------------------------------------------------ task editor

let editorGeneration = 0;

async function renderEditor(): Promise<void> {
  const generation = ++editorGeneration;
  const editor = document.getElementById('editor');
  if (!editor) return;
  const current = task();
  if (!current) {
    clear(editor);
    editor.append(h('p', { class: 'hint' }, 'Add a task: pick a source table and the checks it must pass.'));
    restoreFocus(); // the page is whole already (the editor draws last)
    pendingFocus = undefined;
    return;
  }
  const values = current.values;
  const set = (key: string, value: unknown, rerender = false) => {
    if (value === undefined) delete values[key];
    else values[key] = value;
    changed({ rerender });
  };
  const [source, target] = await Promise.all([tableInfo(values, 'source'), tableInfo(values, 'target')]);
  const sourceColumns = source?.columns ?? [];
  const targetNames = new Set((target?.columns ?? []).map((c) => c.name.toLowerCase()));
  const sourceNames = new Set(sourceColumns.map((c) => c.name.toLowerCase()));
  const onlySource = sourceColumns.filter((c) => target && !targetNames.has(c.name.toLowerCase())).map((c) => c.name);
  const onlyTarget = (target?.columns ?? []).filter((c) => source && !sourceNames.has(c.name.toLowerCase())).map((c) => c.name);
  const columnNames = sourceColumns.map((c) => c.name);
  const numeric = sourceColumns.filter((c) => c.numeric).map((c) => c.name);
  const inferred = source && source.primaryKey.length === 0 ? await inferredKeyOf(source) : undefined;

  const parts: (HTMLElement | null)[] = [
    field('Task key', h('input', { id: 'task-key', value: String(values.task_key ?? ''), onchange: (e) => set('task_key', (e.target as HTMLInputElement).value, true) })),
    await tablePicker('source', values, set),
    await tablePicker('target', values, set),
    onlySource.length || onlyTarget.length
      ? h('p', { class: 'warning', 'data-testid': 'one-sided' },
          [onlySource.length ? `Only in source: ${onlySource.join(', ')}.` : '', onlyTarget.length ? ` Only in target: ${onlyTarget.join(', ')}.` : ''].join(''))
      : null,
    columnChoice('Primary keys', 'primary_keys', columnNames, values, set, source?.primaryKey ?? [], inferred?.key ?? []),
    inferred?.key && !Array.isArray(values.primary_keys)
      ? h('p', { class: 'hint', 'data-testid': 'inferred-key' },
          `No key is declared; ${inferred.key.join(', ')} ${inferred.key.length === 1 ? 'is' : 'are'} non-NULL and unique${inferred.sampled ? ' in the rows read' : ''}. `,
          h('button', { type: 'button', 'data-testid': 'use-inferred-key', onclick: () => set('primary_keys', [...inferred.key!], true) }, 'Use the inferred key'))
      : null,
    sqlField('Filter (SQL condition on both sides)', 'filter', values, set, 'filter'),
    check('Compare row counts', 'count', values.count_tolerance !== undefined, (on) => set('count_tolerance', on ? 0 : undefined, true),
      tolerance('count_tolerance', values, set)),
    check('Row hash on the primary keys', 'row-hash', values.pk_row_hash_check === true, (on) => {
      set('pk_row_hash_check', on ? true : undefined);
      set('pk_hash_tolerance', on ? 0 : undefined, true);
    }, tolerance('pk_hash_tolerance', values, set), columnChoice('Hash only these columns (none: all shared columns)', 'hash_columns', columnNames, values, set, [])),
    check('Null counts', 'nulls', Array.isArray(values.null_validation_columns), (on) => {
      set('null_validation_columns', on ? [] : undefined);
      set('null_validation_tolerance', on ? 0 : undefined, true);
    }, tolerance('null_validation_tolerance', values, set), columnChoice('Columns', 'null_validation_columns', columnNames, values, set, [])),
    check('Uniqueness', 'uniqueness', Array.isArray(values.uniqueness_columns), (on) => {
      set('uniqueness_columns', on ? [...((values.primary_keys as string[] | undefined) ?? [])] : undefined);
      set('uniqueness_tolerance', on ? 0 : undefined, true);
    }, tolerance('uniqueness_tolerance', values, set), columnChoice('Columns', 'uniqueness_columns', columnNames, values, set, [])),
    aggregates(numeric, values, set),
    customTests(values, set),
  ];
  // Lookups took time: only the newest render may draw (an older one would show stale tables or draw twice).
  if (generation !== editorGeneration || document.getElementById('editor') !== editor) return;
  clear(editor);
  editor.append(...parts.filter((part): part is HTMLElement => part !== null));
  restoreFocus();
  pendingFocus = undefined; // the page is whole: a control no longer drawn keeps no claim on the focus
}

function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

async function tablePicker(side: 'source' | 'target', values: Record<string, unknown>, set: (key: string, value: unknown, rerender?: boolean) => void): Promise<HTMLElement> {
  const catalog = String(values[`${side}_catalog`] ?? '');
  const schema = String(values[`${side}_schema`] ?? '');
  const schemas = await schemasOf(catalog);
  const tables = await tablesOf(catalog, schema);
  const table = String(values[`${side}_table`] ?? '');
  const choose = (key: string, value: string) => {
    const previousSource = typeof values.source_table === 'string' ? values.source_table : undefined;
    set(`${side}_${key}`, value === '' ? undefined : value, false);
    if (key === 'table' && side === 'source') {
      // What follows the source table (the target of the same name, the task key, the declared key) follows it
      // again on the next pick unless it was changed by hand: so moving through the tables with the arrow keys
      // ends where picking the last one directly would.
      if (!values.target_table || values.target_table === previousSource) values.target_table = value;
      const before = tables.find((t) => t.name === previousSource);
      const info = tables.find((t) => t.name === value);
      const keyFollowed = !Array.isArray(values.primary_keys) || (before !== undefined && sameList(values.primary_keys as unknown[], before.primaryKey));
      if (keyFollowed) {
        if (info && info.primaryKey.length) values.primary_keys = [...info.primaryKey];
        else delete values.primary_keys;
      }
      if (values.target_catalog === undefined) values.target_catalog = values.source_catalog;
      if (values.target_schema === undefined) values.target_schema = values.source_schema;
      const keyOf = (table: string) => table.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
      const taskKey = values.task_key;
      if (typeof taskKey !== 'string' || /^task(_\d+)?$/.test(taskKey) || (previousSource !== undefined && new RegExp(`^${keyOf(previousSource)}(_\\d+)?$`).test(taskKey))) {
        delete values.task_key; // its own key is free for the new name
        values.task_key = value ? freeKey(keyOf(value)) : freeKey('task');
      }
    }
    changed({ rerender: true });
  };
  const label = side === 'source' ? 'Source' : 'Target';
  return h('fieldset', { class: 'table-picker', 'data-testid': `${side}-picker` },
    h('legend', {}, label),
    h('label', { for: `${side}-catalog` }, 'Catalog'),
    h('select', { id: `${side}-catalog`, onchange: (e) => choose('catalog', (e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, '—'),
      ...unique([...catalogNames, catalog]).filter(Boolean).map((name) => h('option', { value: name, selected: name === catalog }, name))),
    h('label', { for: `${side}-schema` }, 'Schema'),
    h('select', { id: `${side}-schema`, onchange: (e) => choose('schema', (e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, '—'),
      ...unique([...schemas, schema]).filter(Boolean).map((name) => h('option', { value: name, selected: name === schema }, name))),
    h('label', { for: `${side}-table` }, 'Table'),
    h('div', { class: 'row' },
      h('input', { id: `${side}-table-search`, type: 'search', placeholder: 'search', 'aria-label': `search ${side} tables`, oninput: (e) => filterOptions(`${side}-table`, (e.target as HTMLInputElement).value) }),
      h('select', { id: `${side}-table`, onchange: (e) => choose('table', (e.target as HTMLSelectElement).value) },
        h('option', { value: '' }, tables.length ? '— pick a table —' : '—'),
        ...unique([...tables.map((t) => t.name), table]).filter(Boolean).map((name) => {
          const info = tables.find((t) => t.name === name);
          return h('option', { value: name, selected: name === table }, info ? `${name} (${info.columns.length} columns)` : `${name} (not found)`);
        }))),
  );
}

/** Hides the options of a select that do not contain `text` (case-insensitive); the chosen one stays. */
function filterOptions(selectId: string, text: string): void {
  const select = document.getElementById(selectId) as HTMLSelectElement | null;
  if (!select) return;
  const wanted = text.trim().toLowerCase();
  for (const option of Array.from(select.options)) option.hidden = option.value !== '' && !option.selected && !option.value.toLowerCase().includes(wanted);
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function check(label: string, id: string, on: boolean, toggle: (on: boolean) => void, ...details: HTMLElement[]): HTMLElement {
  return h('fieldset', { class: 'check', 'data-testid': `check-${id}` },
    h('legend', {},
      h('input', { type: 'checkbox', id: `check-${id}`, checked: on, onchange: (e) => toggle((e.target as HTMLInputElement).checked) }),
      h('label', { for: `check-${id}` }, label)),
    on ? h('div', { class: 'details' }, ...details) : null);
}

/** A tolerance as a fraction (0–1), with a slider and a number box kept in step. */
function tolerance(key: string, values: Record<string, unknown>, set: (key: string, value: unknown) => void): HTMLElement {
  const value = Number(values[key] ?? 0);
  const number = h('input', { type: 'number', id: `${key}-value`, min: 0, max: 1, step: 0.0001, value: String(value), 'aria-label': `${key} (fraction)` });
  const slider = h('input', { type: 'range', min: 0, max: 0.1, step: 0.0005, value: String(Math.min(value, 0.1)), 'aria-label': `${key} slider` });
  const apply = () => {
    const next = Number(number.value);
    if (Number.isFinite(next) && next !== values[key]) { set(key, next); slider.value = String(Math.min(next, 0.1)); }
  };
  // Enter applies too: a redraw while typing keeps the typed text, but a browser fires no change for it then.
  number.addEventListener('change', apply);
  number.addEventListener('keydown', (event) => { if (event.key === 'Enter') apply(); });
  slider.addEventListener('input', () => { number.value = slider.value; set(key, Number(slider.value)); });
  return h('div', { class: 'tolerance' }, h('label', { for: `${key}-value` }, 'Tolerance'), slider, number, h('span', { class: 'hint' }, 'fraction: 0.01 = 1%'));
}

function columnChoice(label: string, key: string, columns: string[], values: Record<string, unknown>, set: (key: string, value: unknown, rerender?: boolean) => void, declared: string[], inferred: string[] = []): HTMLElement {
  const chosen = new Set(Array.isArray(values[key]) ? (values[key] as string[]) : []);
  const all = unique([...columns, ...chosen]);
  const toggle = (name: string, on: boolean) => {
    const next = all.filter((c) => (c === name ? on : chosen.has(c)));
    set(key, next.length || key === 'null_validation_columns' || key === 'uniqueness_columns' ? next : undefined);
  };
  return h('fieldset', { class: 'columns-choice', 'data-testid': `columns-${key}` },
    h('legend', {}, label),
    all.length === 0 ? h('span', { class: 'hint' }, 'Pick a source table to choose its columns.') : null,
    ...all.map((name) => h('label', { class: 'column' },
      h('input', { type: 'checkbox', value: name, checked: chosen.has(name), onchange: (e) => toggle(name, (e.target as HTMLInputElement).checked) }),
      name,
      declared.includes(name) ? h('span', { class: 'badge' }, 'declared key') : null,
      inferred.includes(name) ? h('span', { class: 'badge inferred' }, 'inferred key') : null,
      columns.includes(name) ? null : h('span', { class: 'badge warning' }, 'not in table'))));
}

function sqlField(label: string, key: string, values: Record<string, unknown>, set: (key: string, value: unknown) => void, kind: 'filter' | 'query'): HTMLElement {
  const messages = h('span', { class: 'sql-errors', role: 'status' });
  const input = kind === 'filter'
    ? h('input', { id: `sql-${key}`, class: 'wide code', value: String(values[key] ?? '') })
    : h('textarea', { id: `sql-${key}`, class: 'wide code', rows: 4, value: String(values[key] ?? '') });
  input.addEventListener('input', () => {
    const text = input.value;
    set(key, text.trim() === '' ? undefined : text);
    void checkSql(text, kind, messages);
  });
  if (values[key]) void checkSql(String(values[key]), kind, messages);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, messages);
}

async function checkSql(sql: string, kind: 'filter' | 'query', into: HTMLElement): Promise<void> {
  if (sql.trim() === '') { into.textContent = ''; return; }
  try {
    const { errors } = await transport.request('checkSql', { sql, kind, engineType: engineType() });
    into.textContent = errors.length ? `SQL: ${errors[0]!.message} (at character ${errors[0]!.start + 1})` : 'SQL syntax OK';
    into.className = errors.length ? 'sql-errors error' : 'sql-errors ok';
  } catch (error) {
    into.textContent = (error as Error).message;
  }
}

function aggregates(numeric: string[], values: Record<string, unknown>, set: (key: string, value: unknown, rerender?: boolean) => void): HTMLElement {
  type Agg = { column: string; validations: { agg: string; tolerance: number }[] };
  const current = (Array.isArray(values.agg_validations) ? values.agg_validations : []) as Agg[];
  const columns = unique([...numeric, ...current.map((a) => a.column)]);
  const write = (next: Agg[]) => set('agg_validations', next.length ? next : undefined);
  const rowFor = (column: string) => current.find((a) => a.column === column);
  return h('fieldset', { class: 'check', 'data-testid': 'aggregates' },
    h('legend', {}, 'Aggregates of numeric columns'),
    columns.length === 0 ? h('span', { class: 'hint' }, 'No numeric column in the source table.') : null,
    ...columns.map((column) => {
      const row = rowFor(column);
      const toggle = (agg: string, on: boolean) => {
        const next = current.filter((a) => a.column !== column);
        const kept = (row?.validations ?? []).filter((v) => v.agg.toUpperCase() !== agg);
        const validations = on ? [...kept, { agg, tolerance: kept[0]?.tolerance ?? 0 }] : kept;
        if (validations.length) next.push({ column, validations });
        write(next);
      };
      return h('div', { class: 'agg-row' },
        h('span', { class: 'column-name' }, column),
        ...AGGS.map((agg) => h('label', {},
          h('input', { type: 'checkbox', 'aria-label': `${agg}(${column})`, checked: Boolean(row?.validations.some((v) => v.agg.toUpperCase() === agg)), onchange: (e) => toggle(agg, (e.target as HTMLInputElement).checked) }),
          agg)));
    }));
}

function customTests(values: Record<string, unknown>, set: (key: string, value: unknown, rerender?: boolean) => void): HTMLElement {
  type Custom = { name: string; sql: string; description?: string };
  const tests = (Array.isArray(values.custom_sql_tests) ? values.custom_sql_tests : []) as Custom[];
  const write = (next: Custom[], rerender = false) => set('custom_sql_tests', next.length ? next : undefined, rerender);
  return h('fieldset', { class: 'check', 'data-testid': 'custom-sql' },
    h('legend', {}, 'Custom SQL tests (the query runs on both sides; its rows must match)'),
    ...tests.map((test, index) => {
      const holder: Record<string, unknown> = { sql: test.sql };
      return h('div', { class: 'custom' },
        field('Name', h('input', { value: test.name, onchange: (e) => { tests[index] = { ...test, name: (e.target as HTMLInputElement).value }; write(tests); } })),
        sqlField('Query ({{ table_fqn }} names each side\'s table)', 'sql', holder, (_key, value) => { tests[index] = { ...tests[index]!, sql: String(value ?? '') }; write(tests); }, 'query'),
        h('button', { type: 'button', onclick: () => { tests.splice(index, 1); write(tests, true); } }, 'Remove test'));
    }),
    h('button', { type: 'button', onclick: () => write([...tests, { name: `test ${tests.length + 1}`, sql: 'SELECT COUNT(*) AS n FROM {{ table_fqn }}' }], true) }, 'Add custom SQL test'));
}

// ------------------------------------------------------------------------------------------------------ start

transport.onHostMessage((message) => {
  const m = message as { kind?: string; path?: string; host?: unknown };
  if (m.kind === 'open') void openPact(m.path);
  if (m.kind === 'host-state') {
    ui.host = m.host;
    keepUi();
  }
});

async function openPact(path: string | undefined): Promise<void> {
  try {
    const opened = await transport.request('open', { path });
    ui = { ...ui, path: opened.path, state: opened.state, selected: 0 };
    changed();
    await refreshCatalogs();
    void refreshHistory();
  } catch (error) {
    say((error as Error).message, 'error');
  }
}

async function start(): Promise<void> {
  try {
    ({ engines, defaultType: defaultEngineType } = await transport.request('engines', {}));
  } catch (error) {
    say((error as Error).message, 'error');
  }
  const requested = new URLSearchParams(location.search).get('pact') ?? (root.dataset.pact || null);
  if (requested && requested !== ui.path) await openPact(requested);
  else {
    render();
    void refreshCatalogs();
    void refreshHistory();
    changed();
  }
}

void start();
