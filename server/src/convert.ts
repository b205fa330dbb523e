/** The one place where core's offsets become LSP positions and ranges (and back). */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity } from '../../core/src/index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(Math.max(start, end)) };
}

export function toDiagnostic(document: TextDocument, problem: Problem): Diagnostic {
  return {
    range: toRange(document, problem.start, problem.end),
    severity: SEVERITY[problem.severity] ?? DiagnosticSeverity.Error,
    code: problem.code,
    source: 'datapact',
    message: problem.message,
    ...(problem.data ? { data: problem.data } : {}),
  };
}
