/**
 * What the extension's webview panels share: a set of open panels of one view type, brought back after a window
 * reload by a serializer from the state the webview kept, and the page shell every view loads — the extension's
 * own style sheet and script from `dist/`, under a Content-Security-Policy whose only script source is a fresh
 * nonce (no inline script or style, no eval). Each view says what differs: its options, how a saved state is
 * read back, its panel class, and the CSP sources and body of its page.
 */
import { randomBytes } from 'node:crypto';
import { Uri, ViewColumn, window, type Disposable, type ExtensionContext, type Webview, type WebviewPanel, type WebviewPanelOptions, type WebviewOptions } from 'vscode';

/** An open view: its VS Code panel. */
export interface OpenPanel {
  readonly panel: WebviewPanel;
}

export abstract class WebviewPanels<Panel extends OpenPanel, State> implements Disposable {
  private readonly panels = new Set<Panel>();
  protected readonly subscriptions: Disposable[] = [];

  constructor(
    protected readonly extension: ExtensionContext,
    private readonly viewType: string,
  ) {
    this.subscriptions.push(window.registerWebviewPanelSerializer(viewType, {
      deserializeWebviewPanel: async (panel: WebviewPanel, saved: unknown) => {
        const state = this.restore(saved);
        if (state === undefined) panel.dispose();
        else this.adopt(panel, state);
      },
    }));
  }

  /** The panel's options, given when it is created and again when a reload brings it back. */
  protected abstract options(): WebviewPanelOptions & WebviewOptions;
  /** The state a webview kept, checked; undefined when it cannot be shown again (the panel is closed). */
  protected abstract restore(saved: unknown): State | undefined;
  /** The view around a panel, new or brought back. */
  protected abstract create(panel: WebviewPanel, state: State): Panel;

  /** The open views (integration tests read them). */
  list(): Panel[] {
    return [...this.panels];
  }

  /** Opens a new panel in the active column. */
  protected open(title: string, state: State): Panel {
    return this.adopt(window.createWebviewPanel(this.viewType, title, ViewColumn.Active, this.options()), state);
  }

  private adopt(panel: WebviewPanel, state: State): Panel {
    panel.webview.options = this.options();
    const view = this.create(panel, state);
    this.panels.add(view);
    panel.onDidDispose(() => this.panels.delete(view));
    return view;
  }

  dispose(): void {
    for (const view of this.panels) view.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export interface WebviewPage {
  webview: Webview;
  extensionUri: Uri;
  title: string;
  /** The style sheet and the script in `dist/`. */
  styleSheet: string;
  script: string;
  /** CSP directives besides `default-src 'none'` and the nonce's `script-src`, in order. */
  policy: (cspSource: string) => string[];
  /** The body's contents before the script; attributes of the body tag (already escaped). */
  body: string;
  bodyAttributes?: string;
}

/** The page shell of a view: its CSP with a fresh nonce, its style sheet, its body and its one script. */
export function webviewHtml(page: WebviewPage): string {
  const { webview } = page;
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(Uri.joinPath(page.extensionUri, 'dist', name)).toString();
  const csp = ["default-src 'none'", ...page.policy(webview.cspSource), `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(page.styleSheet)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body${page.bodyAttributes ? ` ${page.bodyAttributes}` : ''}>
${page.body}
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
