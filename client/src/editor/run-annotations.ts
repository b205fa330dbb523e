/**
 * Results in the editor: each task's `task_key` line carries its last result at the end of the line
 * ("✘ 2 checks failed · 3 min ago"), and failing checks are diagnostics on it (source "DataPact run").
 * Both go away for a task as soon as it is edited (the result no longer describes it) or run again.
 */
import {
  DiagnosticSeverity, Diagnostic, languages, Range, ThemeColor, window, workspace, type DecorationOptions, type Disposable,
  type TextDocument, type TextEditor,
} from 'vscode';
import { checkOutcomes } from '../../../core/src/index';
import { checkFigure, checkLabel, formatAgo, taskVerdict } from '../runs/run-describe';
import type { LastResult, RunStore } from '../runs/run-store';
import { taskSpans } from './task-spans';

export const RUN_DIAGNOSTIC_SOURCE = 'DataPact run';

export class RunAnnotations implements Disposable {
  readonly diagnostics = languages.createDiagnosticCollection('datapact-run');
  private readonly decoration = window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
  });
  /** pact path → task keys edited since their last result (their annotations are hidden). */
  private readonly stale = new Map<string, Set<string>>();
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly store: RunStore) {
    this.subscriptions.push(
      this.diagnostics,
      this.decoration,
      { dispose: store.onDidChange((change) => {
        if (change.kind === 'run') {
          // A task being run again: its old result no longer stands.
          for (const task of change.run.tasks) if (!task.result) this.markStale(change.run.pactPath, task.task_key);
          this.refreshPact(change.run.pactPath);
        } else if (change.kind === 'task-finished') {
          this.stale.get(change.run.pactPath)?.delete(change.result.task_key);
          this.refreshPact(change.run.pactPath);
        } else if (change.kind === 'history') this.refreshPact(change.pactPath);
        else this.refreshPact(change.run.pactPath);
      }).dispose },
      workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId !== 'datapact' || event.contentChanges.length === 0) return;
        const spans = taskSpans(event.document.getText());
        for (const change of event.contentChanges) {
          const start = change.rangeOffset;
          const end = change.rangeOffset + change.text.length;
          for (const span of spans) if (start <= span.end && end >= span.start) this.markStale(event.document.uri.fsPath, span.taskKey);
        }
        this.refreshDocument(event.document);
      }),
      window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.decorate(editor))),
      workspace.onDidOpenTextDocument((document) => this.refreshDocument(document)),
    );
    for (const document of workspace.textDocuments) this.refreshDocument(document);
  }

  private markStale(pactPath: string, taskKey: string): void {
    const keys = this.stale.get(pactPath) ?? new Set<string>();
    keys.add(taskKey);
    this.stale.set(pactPath, keys);
  }

  private refreshPact(pactPath: string): void {
    for (const document of workspace.textDocuments) if (document.uri.fsPath === pactPath) this.refreshDocument(document);
  }

  /** The results currently shown for a document's tasks, with their `task_key` ranges. */
  shownResults(document: TextDocument): { range: Range; last: LastResult }[] {
    if (document.languageId !== 'datapact' || document.uri.scheme !== 'file') return [];
    const stale = this.stale.get(document.uri.fsPath);
    const results = this.store.lastResults(document.uri.fsPath);
    return taskSpans(document.getText()).flatMap((span) => {
      const last = results.get(span.taskKey);
      if (!last || stale?.has(span.taskKey)) return [];
      return [{ range: new Range(document.positionAt(span.keyStart), document.positionAt(span.keyEnd)), last }];
    });
  }

  private refreshDocument(document: TextDocument): void {
    if (document.languageId !== 'datapact' || document.uri.scheme !== 'file') return;
    const diagnostics: Diagnostic[] = [];
    for (const { range, last } of this.shownResults(document)) {
      const result = last.result;
      if (result.status === 'ERROR') {
        diagnostics.push(runDiagnostic(range, `task ${result.task_key} could not be computed: ${result.error ?? 'no result recorded'}`, DiagnosticSeverity.Error));
        continue;
      }
      for (const check of checkOutcomes(result.payload).filter((c) => c.status !== 'PASS')) {
        diagnostics.push(runDiagnostic(range, `${checkLabel(check)} failed: ${checkFigure(check)}`, DiagnosticSeverity.Error));
      }
    }
    this.diagnostics.set(document.uri, diagnostics);
    for (const editor of window.visibleTextEditors) if (editor.document === document) this.decorate(editor);
  }

  private decorate(editor: TextEditor): void {
    const options: DecorationOptions[] = this.shownResults(editor.document).map(({ range, last }) => ({
      range: new Range(range.end.line, Number.MAX_SAFE_INTEGER, range.end.line, Number.MAX_SAFE_INTEGER),
      renderOptions: { after: { contentText: `${taskVerdict(last.result)} · ${formatAgo(last.result.finished_at)}` } },
    }));
    editor.setDecorations(this.decoration, options);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function runDiagnostic(range: Range, message: string, severity: DiagnosticSeverity): Diagnostic {
  const diagnostic = new Diagnostic(range, message, severity);
  diagnostic.source = RUN_DIAGNOSTIC_SOURCE;
  return diagnostic;
}
