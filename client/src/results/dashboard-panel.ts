/**
 * "DataPact: Open Dashboard" shows the pact's workspace dashboard (a Lakeview dashboard on Databricks) in a webview:
 * the dashboard's embeddable page in a frame, where the workspace allows embedding, and "Open in Browser", which
 * always works. The page is the extension's own (a style sheet and a small script, under a Content-Security-Policy
 * with a nonce); the one remote address it may load is the dashboard's, as a frame. A serializer brings it back
 * after a window reload from the state the webview kept (no workspace call).
 */
import { env, Uri, ViewColumn, type ExtensionContext, type WebviewPanel } from 'vscode';
import { DASHBOARD_VIEW_TYPE, type DashboardViewMessage, type DashboardViewState } from '../../../protocol/dashboard-view';
import { escapeHtml, webviewHtml, WebviewPanels } from './webview-panels';

export class DashboardPanels extends WebviewPanels<DashboardPanel, DashboardViewState> {
  constructor(extension: ExtensionContext) {
    super(extension, DASHBOARD_VIEW_TYPE);
  }

  /** Shows a pact's dashboard, reusing an open view of the same pact. */
  show(state: DashboardViewState): DashboardPanel {
    if (!isWebPage(state.url) || !isWebPage(state.embedUrl)) throw new Error(`the workspace named a dashboard page that is not a web address: ${state.url}`);
    const open = this.list().find((p) => p.state.pactPath === state.pactPath);
    if (open) {
      open.render(state);
      open.panel.reveal(ViewColumn.Active);
      return open;
    }
    return this.open(state.title, state);
  }

  protected options() {
    // retainContextWhenHidden: the framed dashboard would otherwise reload (and sign in again) on every tab switch.
    return { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [Uri.joinPath(this.extension.extensionUri, 'dist')] };
  }

  protected restore(state: unknown): DashboardViewState | undefined {
    const saved = state as Partial<DashboardViewState> | undefined;
    if (!saved || typeof saved.pactPath !== 'string' || !isWebPage(saved.url) || !isWebPage(saved.embedUrl)) return undefined;
    return { pactPath: saved.pactPath, title: String(saved.title ?? 'Dashboard'), url: saved.url, embedUrl: saved.embedUrl };
  }

  protected create(panel: WebviewPanel, state: DashboardViewState): DashboardPanel {
    return new DashboardPanel(panel, state, this.extension.extensionUri);
  }
}

export class DashboardPanel {
  /** Messages the webview sent, newest last (integration tests read them). */
  readonly received: DashboardViewMessage[] = [];
  /** Pages "Open in Browser" opened (integration tests read them). */
  readonly opened: string[] = [];
  state: DashboardViewState;

  constructor(readonly panel: WebviewPanel, state: DashboardViewState, private readonly extensionUri: Uri) {
    this.state = state;
    panel.webview.onDidReceiveMessage((message: DashboardViewMessage) => void this.receive(message));
    this.render(state);
  }

  render(state: DashboardViewState): void {
    this.state = state;
    this.panel.title = state.title;
    this.panel.webview.html = dashboardHtml(this.panel, this.extensionUri, state);
  }

  private async receive(message: DashboardViewMessage): Promise<void> {
    this.received.push(message);
    if (message.type === 'openInBrowser') {
      // The page the extension holds, never an address the webview names.
      this.opened.push(this.state.url);
      await env.openExternal(Uri.parse(this.state.url));
    }
  }
}

/** http(s) only: a frame or a browser is never pointed at a file, a script or a command. */
function isWebPage(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function dashboardHtml(panel: WebviewPanel, extensionUri: Uri, state: DashboardViewState): string {
  return webviewHtml({
    webview: panel.webview,
    extensionUri,
    title: state.title,
    styleSheet: 'dashboard-view.css',
    script: 'dashboard-view.js',
    policy: (own) => [
      // The dashboard's own origin, as a frame: the only remote address the view may load.
      `frame-src ${new URL(state.embedUrl).origin}`,
      `style-src ${own}`,
    ],
    bodyAttributes: `data-state="${escapeHtml(JSON.stringify(state))}"`,
    body: `<header><h1>${escapeHtml(state.title)}</h1><button id="open-in-browser" type="button">Open in Browser</button></header>
<p class="hint">The dashboard shows below where your workspace allows embedding it here; otherwise open it in your browser.</p>
<iframe id="dashboard" src="${escapeHtml(state.embedUrl)}" title="${escapeHtml(state.title)}"></iframe>`,
  });
}
