/**
 * "DataPact: New Pact…" / "Open in Pact Builder": the pact builder in a webview. The page is the one
 * `datapact app` serves (dist/web/builder.js); this file only moves its messages to core's `handleBuilderRequest`
 * through a host over the pact's workspace folder. Saving opens the pact beside the builder; running, reading a run
 * back and the history go through the workbench (Run Pact's start and follow, its engine access), so a run started
 * here is in the Runs view with its progress notification, as a run started by Run Pact is. The panel comes back after a window reload
 * (a serializer), with the page's own state.
 */
import { randomUUID } from 'node:crypto';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { Uri, ViewColumn, window, workspace, type Disposable, type WebviewPanel } from 'vscode';
import {
  builderPageHtml,
  getEnginePlugin,
  handleBuilderRequest,
  PactFolderHost,
  processEngineHost,
  resolveEngineConfig,
  type BuilderHost,
  type HistoryEntry,
  type Pact,
  type RunHandle,
} from '../../../core/src/index';
import type { BuilderRequestMessage, BuilderResponseMessage, BuilderUiStateMessage } from '../../../protocol/builder';
import { PanelStateStore } from './panel-state-store';
import { startFollowedRun } from '../commands/run';
import type { RunTarget } from '../runs/engine-access';
import type { Ctx } from '../ctx';

export const BUILDER_VIEW_TYPE = 'datapact.builder';

/** What the panel remembers across a reload (besides the page's own state). */
interface PanelState {
  folder: string;
  /** Names the file the editor keeps the page's newest state in (panel-state-store.ts). */
  panelId: string;
}

export async function openBuilder(ctx: Ctx, pactUri?: Uri): Promise<WebviewPanel> {
  const folder = pactUri ? workspace.getWorkspaceFolder(pactUri)?.uri.fsPath ?? dirname(pactUri.fsPath) : workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('open a folder first: the builder saves pacts in a workspace folder');
  const panel = window.createWebviewPanel(BUILDER_VIEW_TYPE, pactUri ? `Pact Builder: ${workspace.asRelativePath(pactUri)}` : 'Pact Builder', ViewColumn.One, webviewOptions(ctx));
  await attachBuilder(ctx, panel, { folder, panelId: randomUUID() }, pactUri ? toRelative(folder, pactUri.fsPath) : undefined);
  return panel;
}

/** Restores builder panels after a window reload. */
export function registerBuilderSerializer(ctx: Ctx): Disposable {
  return window.registerWebviewPanelSerializer(BUILDER_VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state: unknown) {
      const saved = state as { host?: PanelState } | undefined;
      const folder = saved?.host?.folder ?? workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!folder) {
        panel.dispose();
        return;
      }
      panel.webview.options = webviewOptions(ctx);
      if (PanelStateStore.isPanelId(saved?.host?.panelId)) {
        await attachBuilder(ctx, panel, { folder, panelId: saved.host.panelId }, undefined);
        return;
      }
      // The webview's own state was lost: the newest state the editor kept for a panel on the pact its title names.
      const lost = stateStore(ctx).findLost(heldPanels, (kept) => keptFor(kept, panel.title));
      const keptFolder = (lost?.state as { host?: Partial<PanelState> } | undefined)?.host?.folder;
      await attachBuilder(ctx, panel, { folder: typeof keptFolder === 'string' ? keptFolder : folder, panelId: lost?.panelId ?? randomUUID() }, undefined);
    },
  });
}

/** The panels open in this window, by id: a lost panel is never given the state of one still open. */
const heldPanels = new Set<string>();

/** Whether a kept page state is of the pact a panel's title names ("Pact Builder: <pact>"; a new pact's names none). */
function keptFor(kept: unknown, title: string): boolean {
  const named = /^Pact Builder: (.+)$/.exec(title)?.[1];
  if (named === undefined) return true;
  const { path, host } = (kept ?? {}) as { path?: unknown; host?: Partial<PanelState> };
  if (typeof path !== 'string' || typeof host?.folder !== 'string') return false;
  return workspace.asRelativePath(Uri.file(join(host.folder, path))) === named;
}

function webviewOptions(ctx: Ctx) {
  return { enableScripts: true, localResourceRoots: [Uri.joinPath(ctx.extension.extensionUri, 'dist', 'web')] };
}

function stateStore(ctx: Ctx): PanelStateStore {
  return new PanelStateStore(join(ctx.extension.globalStorageUri.fsPath, 'builder-panels'));
}

async function attachBuilder(ctx: Ctx, panel: WebviewPanel, panelState: PanelState, initialPact: string | undefined): Promise<void> {
  const { folder, panelId } = panelState;
  const host = await EditorBuilderHost.create(ctx, folder);
  const store = stateStore(ctx);
  store.prune();
  const kept = store.read(panelId);
  const web = Uri.joinPath(ctx.extension.extensionUri, 'dist', 'web');
  const page = builderPageHtml({
    scriptUri: panel.webview.asWebviewUri(Uri.joinPath(web, 'builder.js')).toString(),
    styleUri: panel.webview.asWebviewUri(Uri.joinPath(web, 'builder.css')).toString(),
    cspSource: panel.webview.cspSource,
    allowFetch: false,
    ...(initialPact ? { initialPact } : {}),
    ...(kept !== undefined ? { initialState: kept } : {}),
  });
  panel.webview.html = page.html;
  const subscription = panel.webview.onDidReceiveMessage(async (message: BuilderRequestMessage | BuilderUiStateMessage) => {
    if (message && message.kind === 'ui-state') {
      store.write(panelId, message.state);
      return;
    }
    if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
    let response: BuilderResponseMessage;
    try {
      response = { kind: 'response', id: message.id, result: await handleBuilderRequest(host, message.method, message.params) };
    } catch (error) {
      response = { kind: 'response', id: message.id, error: { message: error instanceof Error ? error.message.split('\n')[0]! : String(error) } };
    }
    void panel.webview.postMessage(response);
  });
  heldPanels.add(panelId);
  panel.onDidDispose(() => {
    subscription.dispose();
    heldPanels.delete(panelId);
  });
  // The serializer reads this back: the page keeps its own state; the host needs its folder and the panel's id.
  void panel.webview.postMessage({ kind: 'host-state', host: panelState satisfies PanelState });
}

/**
 * The builder's host in the editor: the workspace folder's files (pacts confined to it; catalogs may live anywhere,
 * as in the pact itself), the engine settings' catalog providers, and runs through the workbench.
 */
class EditorBuilderHost implements BuilderHost {
  private constructor(
    private readonly ctx: Ctx,
    private readonly folder: PactFolderHost,
  ) {}

  static async create(ctx: Ctx, folder: string): Promise<EditorBuilderHost> {
    const files = await PactFolderHost.create(folder, {
      confineCatalogs: false,
      openCatalogProvider(engine, pactFolder) {
        const config = resolveEngineConfig(engine, join(pactFolder, 'builder.pact.yml'));
        return getEnginePlugin(config.type).openCatalogProvider(config, processEngineHost());
      },
    });
    return new EditorBuilderHost(ctx, files);
  }

  catalogProvider(engine: Record<string, unknown> | undefined) {
    return this.folder.catalogProvider(engine);
  }

  initSource(engine: Record<string, unknown> | undefined) {
    return this.folder.initSource(engine);
  }

  listPacts() {
    return this.folder.listPacts();
  }

  listCatalogFiles() {
    return this.folder.listCatalogFiles();
  }

  /** The editor's file dialog: a catalog may live anywhere the person can open (the pact names it as picked). */
  async browseCatalog(): Promise<string | undefined> {
    const [picked] = (await window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: Uri.file(this.folder.root),
      openLabel: 'Use as Catalog',
      title: 'A DuckDB file, or a folder of Parquet/CSV files',
    })) ?? [];
    if (!picked) return undefined;
    const inside = relative(this.folder.root, picked.fsPath);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : picked.fsPath;
  }

  /** An open pact is read as the editor shows it (unsaved edits included). */
  async readPact(path: string): Promise<string> {
    const text = await this.folder.readPact(path);
    const open = workspace.textDocuments.find((d) => d.uri.fsPath === join(this.folder.root, path));
    return open ? open.getText() : text;
  }

  async writePact(path: string, text: string, options: { overwrite: boolean }): Promise<string> {
    const absolute = join(this.folder.root, path);
    const open = workspace.textDocuments.find((d) => d.uri.fsPath === absolute);
    if (open?.isDirty) throw new Error(`${path} has unsaved changes in the editor; save or revert them first`);
    const written = await this.folder.writePact(path, text, options);
    await window.showTextDocument(Uri.file(absolute), { viewColumn: ViewColumn.Beside, preserveFocus: true, preview: false });
    return written;
  }

  runRecords(path: string) {
    return this.folder.runRecords(path);
  }

  /**
   * A run read back for the page: the handle the workbench already follows it with when it is in flight here (a
   * second follower would poll the engine twice), else attached through the workbench's engine access.
   */
  async attachRun(path: string, _pact: Pact, runId: string): Promise<RunHandle> {
    return this.ctx.runs.store.liveHandle(runId) ?? this.ctx.runs.access.attach(await this.target(path), runId);
  }

  /** The results history the Runs view reads, through the same engine access. */
  async runHistory(path: string, _pact: Pact, limit: number): Promise<HistoryEntry[]> {
    return this.ctx.runs.access.history(await this.target(path), limit);
  }

  setupDashboard(path: string, pact: Pact) {
    return this.folder.setupDashboard(path, pact);
  }

  /**
   * Run Pact's own start and follow: the run is in the Runs view and the workbench's store, with the cancellable
   * progress notification and the summary; the page follows the same handle.
   */
  async startRun(path: string, _pact: Pact, taskKeys?: string[]): Promise<RunHandle> {
    const document = await workspace.openTextDocument(Uri.file(join(this.folder.root, path)));
    return startFollowedRun(this.ctx, document, taskKeys);
  }

  /** The run target the workbench resolves for the pact (as the editor shows it, the engine settings applied). */
  private async target(path: string): Promise<RunTarget> {
    await this.folder.readPact(path); // confined to the folder, like every other request
    return this.ctx.runs.target(await workspace.openTextDocument(Uri.file(join(this.folder.root, path))));
  }
}

function toRelative(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}
