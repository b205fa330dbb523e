/**
 * The results webview's script (bundled by esbuild with uPlot into dist/results-view.js): draws the model the
 * extension posts, with DOM nodes and textContent only (nothing from a result is parsed as HTML), in the theme's
 * colours (VS Code's CSS variables). It saves which pact and run it shows, so the serializer restores it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './results-view.css';
import type { CheckView, ResultsHostMessage, ResultsModel, ResultsViewMessage, ResultsViewState, TaskView } from '../../protocol/results-view';

interface VsCodeApi {
  postMessage(message: ResultsViewMessage): void;
  setState(state: ResultsViewState): void;
  getState(): ResultsViewState | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let chart: uPlot | undefined;

window.addEventListener('message', (event: MessageEvent<ResultsHostMessage>) => {
  if (event.data?.type === 'model') render(event.data.model);
});
vscode.postMessage({ type: 'ready' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: { class?: string; text?: string; title?: string } = {}, ...children: (Node | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs.class) node.className = attrs.class;
  if (attrs.text !== undefined) node.textContent = attrs.text;
  if (attrs.title) node.title = attrs.title;
  for (const child of children) if (child) node.append(child);
  return node;
}

function render(model: ResultsModel): void {
  vscode.setState({ pactPath: model.pactPath, runId: model.run?.runId });
  chart?.destroy();
  chart = undefined;
  app.replaceChildren();
  const header = el('header', {}, el('h1', { text: `${model.pactName}` }), el('span', { class: 'engine', text: model.engine }));
  if (model.dashboardUrl) header.append(linkButton('Open dashboard in browser', model.dashboardUrl));
  app.append(header);
  if (model.history.length === 0 && !model.run) {
    app.append(el('p', { class: 'empty', text: 'No run of this pact yet. Run it with "DataPact: Run Pact".' }));
    return;
  }
  app.append(el('h2', { text: 'Pass rate over time' }));
  const chartBox = el('div', { class: 'chart' });
  app.append(chartBox);
  drawChart(chartBox, model);
  app.append(runPicker(model));
  if (model.failingTasks.length > 0) {
    const list = el('ul', { class: 'failing' });
    for (const task of model.failingTasks) {
      const item = el('li', {}, taskLink(task.taskKey), el('span', { class: 'muted', text: ` failed in ${task.failedRuns} of ${task.runs} runs` }));
      list.append(item);
    }
    app.append(el('h2', { text: 'Failing tasks' }), list);
  }
  if (model.run) {
    const run = model.run;
    const title = el('h2', { text: `Run ${run.runId}` }, el('span', { class: `badge ${badgeClass(run.status ?? run.state)}`, text: run.status ?? run.state }));
    app.append(title, el('p', { class: 'muted', text: `${run.engine}, started ${new Date(run.startedAt).toLocaleString()} — ${run.state.toLowerCase()}` }));
    if (run.url) app.append(linkButton('Open run page', run.url));
    for (const task of run.tasks) app.append(taskSection(task));
  }
}

function runPicker(model: ResultsModel): HTMLElement {
  const select = el('select', { title: 'Run to show' });
  select.id = 'run-picker';
  for (const point of [...model.history].reverse()) {
    const option = el('option', { text: `${new Date(point.startedAt).toLocaleString()} — ${point.passed} passed, ${point.failed} failed, ${point.errored} errored` });
    option.value = point.runId;
    option.selected = point.runId === model.run?.runId;
    select.append(option);
  }
  select.addEventListener('change', () => vscode.postMessage({ type: 'selectRun', runId: select.value }));
  return el('label', { class: 'picker', text: 'Run: ' }, select);
}

function taskSection(task: TaskView): HTMLElement {
  const details = el('details', { class: `task ${badgeClass(task.status)}` });
  details.open = task.status === 'FAILURE' || task.status === 'ERROR';
  const summary = el('summary', {}, el('span', { class: `badge ${badgeClass(task.status)}`, text: task.status }), taskLink(task.taskKey),
    el('span', { class: 'muted', text: ` ${task.figure}${task.durationMs !== undefined ? ` · ${formatMs(task.durationMs)}` : ''}` }));
  details.append(summary);
  if (task.checks.length === 0) details.append(el('p', { class: 'muted', text: 'No check details recorded for this run.' }));
  else details.append(checkTable(task.checks));
  return details;
}

function checkTable(checks: CheckView[]): HTMLElement {
  const table = el('table', { class: 'checks' });
  table.append(el('tr', {}, el('th', { text: 'Check' }), el('th', { text: 'Verdict' }), el('th', { text: 'Numbers' }), el('th', { text: 'Sample keys' })));
  for (const check of checks) {
    const samples = el('td');
    for (const group of check.samples) samples.append(el('div', { class: 'samples' }, el('strong', { text: `${group.kind}: ` }), document.createTextNode(group.keys.join('; '))));
    table.append(el('tr', {}, el('td', { text: check.label, title: check.key }), el('td', {}, el('span', { class: `badge ${badgeClass(check.status ?? 'ERROR')}`, text: check.status ?? 'not computed' })),
      el('td', { text: check.numbers }), samples));
  }
  return table;
}

function taskLink(taskKey: string): HTMLElement {
  const link = el('a', { class: 'task-link', text: taskKey, title: 'Reveal the task in its pact' });
  link.href = '#';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'revealTask', taskKey });
  });
  return link;
}

function linkButton(text: string, url: string): HTMLElement {
  const button = el('button', { text });
  button.addEventListener('click', () => vscode.postMessage({ type: 'openExternal', url }));
  return button;
}

function badgeClass(status: string): string {
  return ({ SUCCESS: 'pass', PASS: 'pass', FAILURE: 'fail', FAIL: 'fail', ERROR: 'error' } as Record<string, string>)[status] ?? 'other';
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function drawChart(box: HTMLElement, model: ResultsModel): void {
  const points = model.history;
  const xs = points.map((p) => Date.parse(p.startedAt) / 1000);
  const rate = points.map((p) => {
    const total = p.passed + p.failed + p.errored;
    return total === 0 ? null : Math.round((p.passed / total) * 1000) / 10;
  });
  const axis = { stroke: themeColor('--vscode-foreground', '#ccc'), grid: { stroke: themeColor('--vscode-editorWidget-border', '#444'), width: 1 }, ticks: { stroke: themeColor('--vscode-editorWidget-border', '#444') } };
  const passed = themeColor('--vscode-testing-iconPassed', '#73c991');
  chart = new uPlot({
    width: Math.max(320, Math.min(900, box.clientWidth || 600)),
    height: 200,
    // One run alone would spread the time axis over years: give it an hour either side. (A range function is not
    // enough: uPlot widens a zero-width x range itself afterwards; only a fixed range with auto off holds.)
    scales: { x: xs.length < 2 ? { time: true, auto: false, range: [xs[0]! - 3600, xs[0]! + 3600] } : { time: true }, y: { range: [0, 100] } },
    legend: { show: false },
    // The time axis's span as drawn (tests read it: one run must not spread the axis over years).
    hooks: { draw: [(u) => void (box.dataset.xSpanSeconds = String((u.scales.x!.max ?? 0) - (u.scales.x!.min ?? 0)))] },
    axes: [axis, { ...axis, values: (_u, values) => values.map((v) => `${v}%`) }],
    series: [
      {},
      { label: 'pass rate', stroke: passed, width: 2, fill: `${passed}33`, points: { show: true, size: 7, fill: passed } },
    ],
  }, [xs, rate], box);
  box.setAttribute('aria-label', `Pass rate over ${points.length} run(s): ${rate.map((r) => (r === null ? '-' : `${r}%`)).join(', ')}`);
}
