/**
 * The results view: a webview showing a pact's pass rate over time, the shown run's failing tasks and every
 * check with its numbers and sample keys. It loads only files of this extension (a script bundled with its chart
 * library, a style sheet) under a Content-Security-Policy with a nonce: no remote content, no inline script or
 * style, no eval. It follows the RunStore live, and a serializer brings it back after a window reload.
 */
import { env, Uri, ViewColumn, type ExtensionContext, type WebviewPanel } from 'vscode';
import { RESULTS_VIEW_TYPE, type ResultsHostMessage, type ResultsViewMessage, type ResultsViewState } from '../../../protocol/results-view';
import type { RunStore } from '../runs/run-store';
import { resultsModel } from './results-model';
import { webviewHtml, WebviewPanels } from './webview-panels';

interface ResultsActions {
  revealTask(pactPath: string, taskKey: string): Promise<void>;
  dashboardUrl(pactPath: string): Promise<string | undefined>;
}

export class ResultsPanels extends WebviewPanels<ResultsPanel, ResultsViewState> {
  constructor(
    extension: ExtensionContext,
    private readonly store: RunStore,
    private readonly actions: ResultsActions,
  ) {
    super(extension, RESULTS_VIEW_TYPE);
    this.subscriptions.push({ dispose: store.onDidChange(() => this.list().forEach((p) => p.post())).dispose });
  }

  /** Shows the results of a pact (its newest run, or `runId`), reusing an open view of the same pact. */
  async show(pactPath: string, runId?: string): Promise<ResultsPanel> {
    const open = this.list().find((p) => p.state.pactPath === pactPath);
    if (open) {
      open.state.runId = runId;
      open.panel.reveal(ViewColumn.Active);
      await open.post();
      return open;
    }
    return this.open('DataPact results', { pactPath, runId });
  }

  protected options() {
    return { enableScripts: true, localResourceRoots: [Uri.joinPath(this.extension.extensionUri, 'dist'), Uri.joinPath(this.extension.extensionUri, 'media')] };
  }

  protected restore(state: unknown): ResultsViewState | undefined {
    const saved = state as Partial<ResultsViewState> | undefined;
    if (!saved || typeof saved.pactPath !== 'string') return undefined;
    return { pactPath: saved.pactPath, runId: saved.runId };
  }

  protected create(panel: WebviewPanel, state: ResultsViewState): ResultsPanel {
    return new ResultsPanel(panel, state, this.extension.extensionUri, this.store, this.actions);
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
    private readonly actions: ResultsActions,
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
  return webviewHtml({
    webview: panel.webview,
    extensionUri,
    title: 'DataPact results',
    styleSheet: 'results-view.css',
    script: 'results-view.js',
    policy: (own) => [`img-src ${own} data:`, `style-src ${own}`, `font-src ${own}`],
    body: '<main id="app"><p class="empty">Loading results…</p></main>',
  });
}
