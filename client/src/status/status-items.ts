/**
 * The status bar item (what runs now or how the last run ended; a click opens the Runs view) and the language
 * status items of a pact editor (its engine with profile/warehouse, the catalog, the last run).
 */
import { basename } from 'node:path';
import { languages, LanguageStatusSeverity, StatusBarAlignment, window, workspace, type Disposable, type LanguageStatusItem, type StatusBarItem } from 'vscode';
import { getEnginePlugin, loadPact, resolveEngineConfig } from '../../../core/src/index';
import { normaliseSettings } from '../config';
import { formatAgo } from '../runs/run-describe';
import { runSummary } from '../runs/run-service';
import type { RunStore } from '../runs/run-store';

const SELECTOR = { language: 'datapact' };

export class StatusItems implements Disposable {
  readonly bar: StatusBarItem = window.createStatusBarItem('datapact.status', StatusBarAlignment.Left, 50);
  readonly engine: LanguageStatusItem = languages.createLanguageStatusItem('datapact.engine', SELECTOR);
  readonly catalog: LanguageStatusItem = languages.createLanguageStatusItem('datapact.catalog', SELECTOR);
  readonly lastRun: LanguageStatusItem = languages.createLanguageStatusItem('datapact.lastRun', SELECTOR);
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly store: RunStore) {
    this.bar.name = 'DataPact';
    this.bar.command = 'datapact.showRuns';
    this.engine.name = 'DataPact engine';
    this.catalog.name = 'DataPact catalog';
    this.catalog.text = 'Catalog';
    this.catalog.command = { command: 'datapact.refreshCatalog', title: 'Refresh' };
    this.lastRun.name = 'DataPact last run';
    this.lastRun.command = { command: 'datapact.showRuns', title: 'Show Runs' };
    this.subscriptions.push(
      this.bar, this.engine, this.catalog, this.lastRun,
      { dispose: store.onDidChange(() => this.update()).dispose },
      window.onDidChangeActiveTextEditor(() => this.update()),
      workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('datapact') && this.update()),
      workspace.onDidSaveTextDocument(() => this.update()),
    );
    this.update();
    this.bar.show();
  }

  /** The catalog's state as the server last reported it (refreshed, refreshing, or its error). */
  setCatalogState(text: string, severity: LanguageStatusSeverity = LanguageStatusSeverity.Information, busy = false): void {
    this.catalog.text = text;
    this.catalog.severity = severity;
    this.catalog.busy = busy;
  }

  update(): void {
    const active = this.store.active();
    if (active.length > 0) {
      const run = active[0]!;
      const done = run.tasks.filter((t) => t.result).length;
      this.bar.text = `$(loading~spin) DataPact: ${basename(run.pactPath)} ${done}/${run.tasks.length}`;
      this.bar.tooltip = `Running ${basename(run.pactPath)} on ${run.engine}${active.length > 1 ? ` (+${active.length - 1} more runs)` : ''}. Click to show the Runs view.`;
    } else {
      const last = this.store.list().find((r) => r.origin !== 'history') ?? this.store.list()[0];
      const icon = !last ? '$(beaker)' : last.status === 'SUCCESS' ? '$(pass)' : last.status === 'FAILURE' ? '$(error)' : '$(warning)';
      this.bar.text = `${icon} DataPact`;
      this.bar.tooltip = last
        ? `Last run: ${basename(last.pactPath)}, ${last.status ?? last.state} (${runSummary(last)}), ${formatAgo(last.startedAt)}. Click to show the Runs view.`
        : 'DataPact: no run yet. Click to show the Runs view.';
    }
    this.updateEditorItems();
  }

  private updateEditorItems(): void {
    const document = window.activeTextEditor?.document;
    if (!document || document.languageId !== 'datapact') return;
    const loaded = loadPact(document.getText(), { path: document.uri.fsPath });
    const config = workspace.getConfiguration('datapact', document.uri);
    const settings = normaliseSettings((key) => config.get(key));
    const engine = resolveEngineConfig(loaded.pact?.engine, document.uri.fsPath, {
      type: settings.engine || undefined,
      profile: settings['databricks.profile'] || undefined,
      warehouse: settings['databricks.warehouse'] || undefined,
    });
    // The plug-in describes its configuration: the status never names an engine itself.
    const plugin = getEnginePlugin(engine.type);
    const described = plugin.describeConfig(engine);
    this.engine.text = [`$(${described.icon}) ${plugin.label}`, ...described.parts].join(' · ');
    this.engine.detail = described.detail;
    this.engine.command = described.usesProfiles
      ? { command: 'datapact.selectProfile', title: 'Select Profile' }
      : { command: 'datapact.showOutput', title: 'Show Output' };
    const runs = this.store.list().filter((r) => r.pactPath === document.uri.fsPath);
    const last = runs[0];
    this.lastRun.text = last ? `Last run: ${last.status ?? last.state.toLowerCase()}` : 'Not run yet';
    this.lastRun.detail = last ? `${runSummary(last)}, ${formatAgo(last.startedAt)}` : undefined;
    this.lastRun.severity = last?.status === 'FAILURE' || last?.status === 'ERROR' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
    this.lastRun.busy = !!last && this.store.active().includes(last);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
