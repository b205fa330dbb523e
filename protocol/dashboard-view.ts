/**
 * Messages between the dashboard webview (client/webview/dashboard-view.ts) and the extension
 * (client/src/results/dashboard-panel.ts), and the state the webview keeps for a reload. Plain types only.
 */

/** What the view shows (and the serializer restores after a reload, without asking the workspace again). */
export interface DashboardViewState {
  pactPath: string;
  /** The dashboard's name. */
  title: string;
  /** The published page, opened by "Open in Browser". */
  url: string;
  /** The embeddable page the view frames (the only remote address its Content-Security-Policy allows). */
  embedUrl: string;
}

/** Webview → extension. */
export type DashboardViewMessage = { type: 'ready' } | { type: 'openInBrowser' };

export const DASHBOARD_VIEW_TYPE = 'datapact.dashboard';
