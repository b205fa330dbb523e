/**
 * The results view: a webview showing a pact's pass rate over time, the shown run's failing tasks and every
 * check with its numbers and sample keys. It loads only files of this extension (a script bundled with its chart
 * library, a style sheet) under a Content-Security-Policy with a nonce: no remote content, no inline script or
 * style, no eval. It follows the RunStore live, and a serializer brings it back after a window reload.
 */
import { randomBytes } from 'node:crypto';
import { env, Uri, ViewColumn, window, type Disposable, type ExtensionContext, type WebviewPanel } from 'vscode';
import { RESULTS_VIEW_TYPE, type ResultsHostMessage, type ResultsViewMessage, type ResultsViewState } from '../../../protocol/results-view';
import type { RunStore } from '../runs/run-store';
import { resultsModel } from './results-model';

export class ResultsPanels implements Disposable {
  private readonly panels = new Set<ResultsPanel>();
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly extension: ExtensionContext,
    private readonly store: RunStore,
    private readonly actions: { revealTask(pactPath: string, taskKey: string): Promise<void>; dashboardUrl(pactPath: string): Promise<string | undefined> },
  ) {
    this.subscriptions.push(
      window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: WebviewPanel, state: unknown) => {
          const saved = state as Partial<ResultsViewState> | undefined;
          if (!saved || typeof saved.pactPath !== 'string') {
            panel.dispose();
            return;
          }
          this.adopt(panel, { pactPath: saved.pactPath, runId: saved.runId });
        },
      }),
      { dispose: store.onDidChange(() => this.panels.forEach((p) => p.post())).dispose },
    );
  }

  /** Shows the results of a pact (its newest run, or `runId`), reusing an open view of the same pact. */
  async show(pactPath: string, runId?: string): Promise<ResultsPanel> {
    const open = [...this.panels].find((p) => p.state.pactPath === pactPath);
    if (open) {
      open.state.runId = runId;
      open.panel.reveal(ViewColumn.Active);
      await open.post();
      return open;
    }
    const panel = window.createWebviewPanel(RESULTS_VIEW_TYPE, 'DataPact results', ViewColumn.Active, this.options());
    return this.adopt(panel, { pactPath, runId });
  }

  /** The open views (for tests and the Open Dashboard command). */
  list(): ResultsPanel[] {
    return [...this.panels];
  }

  private options() {
    return { enableScripts: true, localResourceRoots: [Uri.joinPath(this.extension.extensionUri, 'dist'), Uri.joinPath(this.extension.extensionUri, 'media')] };
  }

  private adopt(panel: WebviewPanel, state: ResultsViewState): ResultsPanel {
    panel.webview.options = this.options();
    const results = new ResultsPanel(panel, state, this.extension.extensionUri, this.store, this.actions);
    this.panels.add(results);
    panel.onDidDispose(() => this.panels.delete(results));
    return results;
  }

  dispose(): void {
    for (const panel of this.panels) panel.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export class ResultsPanel {
  /** Messages the webview sent, newest last (integration tests read them). */
  readonly received: ResultsViewMessage[] = [];
  private ready = false;
  private dashboardUrl: string | undefined;

  constructor(
    readonly panel: WebviewPanel,
    readonly state: ResultsViewState,
    extensionUri: Uri,
    private readonly store: RunStore,
    private readonly actions: { revealTask(pactPath: string, taskKey: string): Promise<void>; dashboardUrl(pactPath: string): Promise<string | undefined> },
  ) {
    panel.webview.html = html(panel, extensionUri);
    panel.title = `Results: ${state.pactPath.split(/[\\/]/).pop()}`;
    panel.webview.onDidReceiveMessage((message: ResultsViewMessage) => void this.receive(message));
    void actions.dashboardUrl(state.pactPath).then((url) => {
      this.dashboardUrl = url;
      if (url) void this.post();
    }, () => undefined);
  }

  private async receive(message: ResultsViewMessage): Promise<void> {
    this.received.push(message);
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.post();
        break;
      case 'selectRun':
        this.state.runId = message.runId;
        await this.post();
        break;
      case 'revealTask':
        await this.actions.revealTask(this.state.pactPath, message.taskKey);
        break;
      case 'openExternal':
        // Only pages the model offered (a run page, a dashboard) open; the webview cannot name others.
        if (message.url === this.dashboardUrl || this.store.list().some((run) => run.url === message.url)) await env.openExternal(Uri.parse(message.url));
        break;
    }
  }

  /** Sends the current model; the webview saves `state` for a reload. */
  async post(): Promise<boolean> {
    if (!this.ready) return false;
    const model = resultsModel(this.store, this.state.pactPath, this.state.runId, this.dashboardUrl);
    const message: ResultsHostMessage = { type: 'model', model };
    return this.panel.webview.postMessage(message);
  }
}

function html(panel: WebviewPanel, extensionUri: Uri): string {
  const webview = panel.webview;
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(Uri.joinPath(extensionUri, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('results-view.css')}">
<title>DataPact results</title>
</head>
<body>
<main id="app"><p class="empty">Loading results…</p></main>
<script nonce="${nonce}" src="${asset('results-view.js')}"></script>
</body>
</html>`;
}
