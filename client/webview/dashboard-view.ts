/**
 * The dashboard webview's script (dist/dashboard-view.js): keeps the view's state for the serializer and turns the
 * "Open in Browser" button into a typed message. The frame itself is in the page the extension writes; this script
 * never touches it (it is another origin).
 */
import './dashboard-view.css';
import type { DashboardViewMessage, DashboardViewState } from '../../protocol/dashboard-view';

interface VsCodeApi {
  postMessage(message: DashboardViewMessage): void;
  setState(state: DashboardViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = document.body.dataset.state;
if (saved) vscode.setState(JSON.parse(saved) as DashboardViewState);
document.getElementById('open-in-browser')?.addEventListener('click', () => vscode.postMessage({ type: 'openInBrowser' }));
vscode.postMessage({ type: 'ready' });
