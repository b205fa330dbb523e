/**
 * "DataPact: Init Pact from Schema…": `datapact init` as a guided sequence of quick picks — engine, how to connect
 * (laid out from the plug-in's connection fields, never by engine name), source catalog and schema, target,
 * tables (multi-select), key inference, file name — then core's `initPact` under a progress notification, and the
 * new pact opened in an editor. Escape at any step cancels without writing anything.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ProgressLocation, Uri, window, workspace, type QuickPickItem } from 'vscode';
import {
  getEnginePlugin,
  initPact,
  listEnginePlugins,
  openInitSource,
  PactFolderHost,
  processEngineHost,
  resolveEngineConfig,
  type CatalogProvider,
  type ConnectionField,
  type EngineConfig,
  type EnginePlugin,
  type TaskPlan,
} from '../../../core/src/index';
import type { Ctx } from '../ctx';
import { databricksConfigFile, readDatabricksProfiles } from '../settings/databricks-profiles';

const TITLE = 'DataPact: Init Pact from Schema';

export async function initPactFromSchema(ctx: Ctx): Promise<Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const plugins = listEnginePlugins();
  const engineItem = plugins.length === 1 ? { type: plugins[0]!.type } : await pick(
    plugins.map((p) => ({ label: p.label, type: p.type })), 'Where do the tables live?');
  if (!engineItem) return undefined;
  const plugin = getEnginePlugin(engineItem.type);

  const engine: EngineConfig = { type: plugin.type };
  for (const field of plugin.connection) {
    const value = await askConnectionField(field, folder, plugin, engine);
    if (value === undefined) return undefined;
    if (value !== '') (engine as Record<string, unknown>)[field.key] = value;
  }
  // Catalog paths were picked relative to the folder, where the new pact goes: they resolve as picked.
  const config = resolveEngineConfig(engine, join(folder, 'datapact.pact.yml'));

  const provider = await window.withProgress({ location: ProgressLocation.Notification, title: `${TITLE}: reading the catalog…` },
    () => plugin.openCatalogProvider(config, processEngineHost()));
  let answers: { source: { catalog: string; schema: string }; target: { catalog: string; schema: string }; tables: string[]; inferKeys: boolean } | undefined;
  try {
    answers = await askTables(provider);
  } finally {
    await provider.dispose();
  }
  if (!answers) return undefined;

  const fileName = await window.showInputBox({
    title: TITLE,
    prompt: 'The new pact\'s file, in the workspace folder',
    value: `${answers.source.schema.toLowerCase().replace(/[^a-z0-9_-]+/g, '_')}.pact.yml`,
    validateInput: (value) => {
      if (!/\.ya?ml$/i.test(value.trim())) return 'a pact file name ends in .yml or .yaml';
      if (/(^|[\\/])\.\.([\\/]|$)/.test(value) || value.startsWith('/')) return 'a file inside the workspace folder';
      return existsSync(join(folder, value.trim())) ? `${value.trim()} exists; pick another name` : undefined;
    },
  });
  if (fileName === undefined) return undefined;
  const path = join(folder, fileName.trim());

  const outcome = await window.withProgress({ location: ProgressLocation.Notification, title: `${TITLE}: reading ${answers.tables.length} table(s)…` }, async () => {
    const source = await openInitSource(config, processEngineHost());
    try {
      return await initPact(source, {
        source: answers.source, target: answers.target, tableNames: answers.tables, inferKeys: answers.inferKeys,
        engine, generatedBy: 'DataPact: Init Pact from Schema',
      });
    } finally {
      await source.dispose();
    }
  });
  await writeFile(path, outcome.text, { encoding: 'utf8', flag: 'wx' });
  const uri = Uri.file(path);
  await window.showTextDocument(uri, { preview: false });
  ctx.output.appendLine(`Init Pact from Schema: wrote ${workspace.asRelativePath(uri)} (${summary(outcome.plan)}).`);
  void window.showInformationMessage(`DataPact: wrote ${workspace.asRelativePath(uri)}: ${summary(outcome.plan)}.`);
  return uri;
}

async function pickFolder(): Promise<string | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error('open a folder first: the new pact is written into a workspace folder');
  if (folders.length === 1) return folders[0]!.uri.fsPath;
  return (await window.showWorkspaceFolderPick({ placeHolder: 'The folder the new pact goes into' }))?.uri.fsPath;
}

/** One connection key, entered as its kind asks; '' leaves it unset, undefined cancels. */
async function askConnectionField(field: ConnectionField, folder: string, plugin: EnginePlugin, engine: EngineConfig): Promise<unknown> {
  if (field.kind === 'warehouse') return askWarehouse(field, folder, plugin, engine);
  if (field.kind === 'catalog-files') {
    const host = await PactFolderHost.create(folder, { confineCatalogs: false, openCatalogProvider: () => Promise.reject(new Error('unused')) });
    const files = await host.listCatalogFiles();
    const browse = { label: '$(folder-opened) Browse…', path: '' };
    const picked = await window.showQuickPick([...files.map((path) => ({ label: path, path, picked: files.length === 1 })), browse], {
      title: `${TITLE}: ${field.label}`, placeHolder: field.hint ?? field.label, canPickMany: true, ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) return undefined;
    const paths = picked.filter((p) => p !== browse).map((p) => p.path);
    if (picked.includes(browse)) {
      const uris = await window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: true, defaultUri: Uri.file(folder), openLabel: 'Use as catalog' });
      if (!uris) return undefined;
      paths.push(...uris.map((uri) => portable(folder, uri.fsPath)));
    }
    const catalogs: Record<string, string> = {};
    for (const path of paths) catalogs[freeName(catalogs, path)] = path;
    return catalogs;
  }
  if (field.kind === 'profile') {
    const file = databricksConfigFile(homedir(), process.env);
    const profiles = readDatabricksProfiles(file);
    const none = { label: '(no profile: the environment\'s sign-in)', name: '' };
    const picked = await window.showQuickPick([...profiles.map((p) => ({ label: p.name, description: p.host ?? '', name: p.name })), none], {
      title: `${TITLE}: ${field.label}`, placeHolder: `${field.hint ?? field.label} (${file})`, ignoreFocusOut: true,
    });
    return picked?.name;
  }
  const value = await window.showInputBox({ title: `${TITLE}: ${field.label}`, prompt: field.hint ?? field.label, ignoreFocusOut: true });
  return value?.trim();
}

/**
 * The compute to run on, picked from what the plug-in lists with the connection chosen so far (a typed name or id
 * when it lists nothing or cannot sign in: the reason is shown).
 */
async function askWarehouse(field: ConnectionField, folder: string, plugin: EnginePlugin, engine: EngineConfig): Promise<string | undefined> {
  let reason = '';
  let choices: { label: string; description?: string; detail?: string; value: string }[] = [];
  if (plugin.listWarehouses) {
    const list = plugin.listWarehouses.bind(plugin);
    try {
      const config = resolveEngineConfig(engine, join(folder, 'datapact.pact.yml'));
      const warehouses = await window.withProgress({ location: ProgressLocation.Notification, title: `${TITLE}: listing SQL warehouses…` },
        () => list(config, processEngineHost()));
      choices = warehouses.map((w) => ({ label: w.name, description: [w.state, w.size].filter(Boolean).join(', '), detail: w.id, value: w.id }));
    } catch (error) {
      reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
  }
  const typeIt = { label: '$(edit) Type a name or id…', value: '' };
  const picked = choices.length === 0 ? typeIt : await window.showQuickPick([...choices, typeIt], {
    title: `${TITLE}: ${field.label}`, placeHolder: field.hint ?? field.label, ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked !== typeIt) return picked.value;
  const value = await window.showInputBox({
    title: `${TITLE}: ${field.label}`, prompt: reason ? `${field.hint ?? field.label} (the list is unavailable: ${reason})` : field.hint ?? field.label, ignoreFocusOut: true,
  });
  return value?.trim();
}

async function askTables(provider: CatalogProvider) {
  const listed = await provider.listCatalogs();
  const catalogs = listed.filter((c) => !c.unavailable);
  const unavailable = listed.filter((c) => c.unavailable);
  if (catalogs.length === 0) {
    throw new Error(`no catalog can be read${unavailable.length ? `: ${unavailable.map((c) => `${c.name} (${c.unavailable})`).join('; ')}` : ''}`);
  }
  const sourceCatalog = await pickName(catalogs.map((c) => c.name), 'Source catalog');
  if (!sourceCatalog) return undefined;
  const sourceSchema = await pickName((await provider.listSchemas(sourceCatalog)).map((s) => s.name), `Source schema in ${sourceCatalog}`);
  if (!sourceSchema) return undefined;
  const others = catalogs.map((c) => c.name).filter((name) => name !== sourceCatalog);
  const targetCatalog = await pickName([...others, sourceCatalog], 'Target catalog (the copy to check)');
  if (!targetCatalog) return undefined;
  const targetSchemas = (await provider.listSchemas(targetCatalog)).map((s) => s.name);
  const targetSchema = await pickName(targetSchemas.includes(sourceSchema) ? [sourceSchema, ...targetSchemas.filter((s) => s !== sourceSchema)] : targetSchemas,
    `Target schema in ${targetCatalog}`);
  if (!targetSchema) return undefined;
  const targetNames = new Set((await provider.listTables(targetCatalog, targetSchema)).map((t) => t.name.toLowerCase()));
  const tables = await window.showQuickPick(
    (await provider.listTables(sourceCatalog, sourceSchema)).map((t) => {
      const matched = targetNames.has(t.name.toLowerCase());
      return {
        label: t.name,
        description: `${t.columns.length} columns${t.primaryKey.length ? `, key (${t.primaryKey.join(', ')})` : ''}`,
        detail: matched ? undefined : `no ${t.name} in ${targetCatalog}.${targetSchema}`,
        picked: matched,
      };
    }),
    { title: `${TITLE}: tables`, placeHolder: 'The tables to check (one task each)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!tables || tables.length === 0) return undefined;
  const infer = await pick([
    { label: 'Infer keys', detail: 'where no primary key is declared, look for a non-NULL unique column or pair (one bounded query per table)', infer: true },
    { label: 'Declared keys only', detail: 'tables without a declared key get no key (row count and aggregates only)', infer: false },
  ], 'Primary keys');
  if (!infer) return undefined;
  return {
    source: { catalog: sourceCatalog, schema: sourceSchema },
    target: { catalog: targetCatalog, schema: targetSchema },
    tables: tables.map((t) => t.label),
    inferKeys: infer.infer,
  };
}

async function pickName(names: string[], placeHolder: string): Promise<string | undefined> {
  if (names.length === 0) throw new Error(`${placeHolder}: none found`);
  return (await window.showQuickPick(names, { title: TITLE, placeHolder, ignoreFocusOut: true })) ?? undefined;
}

async function pick<T extends QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined> {
  return window.showQuickPick(items, { title: TITLE, placeHolder, ignoreFocusOut: true });
}

/** A catalog name from a file or folder name: `legacy.duckdb` → `legacy`, unique among `taken`. */
function freeName(taken: Record<string, string>, path: string): string {
  const base = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'catalog';
  if (!(base in taken)) return base;
  for (let n = 2; ; n++) if (!(`${base}_${n}` in taken)) return `${base}_${n}`;
}

/** A picked path as the pact writes it: relative to the folder with forward slashes, or absolute outside it. */
function portable(folder: string, path: string): string {
  const rel = relative(folder, path);
  return rel.startsWith('..') || rel === '' ? path : rel.split(sep).join('/');
}

function summary(plan: TaskPlan): string {
  const inferred = plan.tasks.filter((t) => t.keyOrigin === 'inferred').length;
  const none = plan.tasks.filter((t) => t.keyOrigin === 'none').length;
  return `${plan.tasks.length} task${plan.tasks.length === 1 ? '' : 's'}` +
    (inferred ? `, ${inferred} with an inferred key` : '') + (none ? `, ${none} without a key` : '');
}
