/**
 * The VS Code extension entry: the run service and the workbench (Runs and Pacts views, editor annotations,
 * Test Explorer, status bar, results view), the command table, then the pact language server.
 * Activation failures are shown to the user instead of being swallowed by VS Code.
 */
import { commands, Uri, window, workspace, type ExtensionContext } from 'vscode';
import { registerBuilderSerializer } from './builder/builder-panel';
import { COMMANDS } from './commands';
import { registerCommands, type Ctx } from './ctx';
import { createLanguageClient } from './lsp-client';
import { PREVIEW_SCHEME, SqlPreviewProvider } from './commands/preview-sql';
import { followReattached, startRun } from './commands/run';
import { openPendingDemo } from './commands/open-demo';
import { revealTask } from './commands/workbench';
import { RunAnnotations } from './editor/run-annotations';
import { ResultsPanels } from './results/results-panel';
import { DashboardPanels } from './results/dashboard-panel';
import { PACT_GLOB, RunService, targetFor } from './runs/run-service';
import { StatusItems } from './status/status-items';
import { PactTests } from './testing/test-controller';
import { PactsTreeProvider } from './views/pacts-tree';
import { RunsTreeProvider } from './views/runs-tree';

/** What activation returns: the integration tests inside the extension host read the workbench through it. */
export interface DataPactApi {
  ctx: Ctx;
  runsTree: RunsTreeProvider;
  pactsTree: PactsTreeProvider;
  annotations: RunAnnotations;
  tests: PactTests;
  status: StatusItems;
  results: ResultsPanels;
  dashboards: DashboardPanels;
  /** Resolves once the workspace's history and run records are read (re-attached runs included). */
  loaded: Promise<void>;
}

const LAST_RESULTS_KEY = 'datapact.lastResults';
let ctx: Ctx | undefined;

export async function activate(extension: ExtensionContext): Promise<DataPactApi> {
  const output = window.createOutputChannel('DataPact');
  // Runs go on in the extension's own CLI bundle, in a process of their own (they outlive a window reload).
  const runs = new RunService(output, extension.asAbsolutePath('dist/cli.js'));
  runs.store.importLastResults(extension.workspaceState.get(LAST_RESULTS_KEY));
  let results: ResultsPanels | undefined;
  const dashboards = new DashboardPanels(extension);
  const context: Ctx = {
    extension,
    output,
    client: undefined,
    runs,
    showResults: async (runId, pactPath) => {
      const path = pactPath ?? (runId ? runs.store.get(runId)?.pactPath : undefined);
      if (!path) throw new Error('no run or pact to show results of');
      await results!.show(path, runId);
    },
    showDashboard: (state) => void dashboards.show(state),
    refreshViews: async () => {
      await runs.loadWorkspace();
      pactsTree.refresh();
      runsTree.refresh();
      await tests.discover();
    },
  };
  ctx = context;
  const previews = new SqlPreviewProvider(context);
  const runsTree = new RunsTreeProvider(runs.store);
  const pactsTree = new PactsTreeProvider(runs.store);
  const annotations = new RunAnnotations(runs.store);
  const tests = new PactTests(runs, async (uri, taskKeys) => startRun(context, await workspace.openTextDocument(uri), taskKeys));
  const status = new StatusItems(runs.store);
  results = new ResultsPanels(extension, runs.store, {
    revealTask: (pactPath, taskKey) => revealTask(context, { uri: Uri.file(pactPath), taskKey }),
    dashboardUrl: async (pactPath) => {
      const text = Buffer.from(await workspace.fs.readFile(Uri.file(pactPath))).toString('utf8');
      const target = targetFor(Uri.file(pactPath), text);
      // Only a dashboard already set up is linked: opening results never signs in just to create one.
      return runs.access.hasDashboards(target) ? (await runs.access.dashboard(target))?.url : undefined;
    },
  });
  extension.subscriptions.push(
    registerBuilderSerializer(context),
    output,
    runs,
    previews,
    runsTree,
    pactsTree,
    annotations,
    tests,
    status,
    results,
    dashboards,
    runs.onDidReattach((run, done) => void followReattached(context, run, done)),
    window.createTreeView('datapact.runs', { treeDataProvider: runsTree, showCollapseAll: true }),
    window.createTreeView('datapact.pacts', { treeDataProvider: pactsTree, showCollapseAll: true }),
    workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    ...registerCommands(context, COMMANDS),
    { dispose: runs.store.onDidChange((change) => {
      if (change.kind === 'task-finished' || change.kind === 'run-finished') void extension.workspaceState.update(LAST_RESULTS_KEY, runs.store.exportLastResults());
      void commands.executeCommand('setContext', 'datapact.runActive', runs.store.active().length > 0);
    }).dispose },
  );
  const loaded = runs.loadWorkspace().catch((error: unknown) => {
    output.appendLine(`Reading the workspace's runs failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  void updateHasPacts();
  // New Pact, Init Pact and Open the Demo create pacts; the welcome content gives way to the views then.
  const pactFiles = workspace.createFileSystemWatcher(PACT_GLOB, false, true, false);
  extension.subscriptions.push(pactFiles, pactFiles.onDidCreate(() => void updateHasPacts()), pactFiles.onDidDelete(() => void updateHasPacts()));
  void openPendingDemo(context);
  try {
    const client = createLanguageClient(extension);
    await client.start();
    context.client = client;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`The DataPact language server did not start: ${message}`);
    void window.showErrorMessage(`DataPact: the language server did not start (${message}). See the DataPact output.`);
  }
  return { ctx: context, runsTree, pactsTree, annotations, tests, status, results, dashboards, loaded };
}

/** `datapact.hasPacts` drives the views' welcome content. */
async function updateHasPacts(): Promise<void> {
  const files = await workspace.findFiles(PACT_GLOB, '**/node_modules/**', 1);
  await commands.executeCommand('setContext', 'datapact.hasPacts', files.length > 0);
}

export async function deactivate(): Promise<void> {
  const client = ctx?.client;
  if (ctx) ctx.client = undefined;
  await client?.stop();
}
