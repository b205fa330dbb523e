/** Findings as `path:line:column: severity: message` (the form editors and CI annotate) or as JSON. */
import type { Problem } from '../../core/src/index';
import type { ReadPact } from './read-pact';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Problem['severity'];
  code: string;
  message: string;
}

export function toJsonFindings(file: ReadPact): JsonFinding[] {
  const { lines } = file.loaded.source;
  return file.loaded.problems.map((p) => {
    const start = lines.linePos(p.start);
    const end = lines.linePos(p.end);
    return {
      file: file.displayPath,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      severity: p.severity,
      code: p.code,
      message: p.message,
    };
  });
}

export function formatProblems(file: ReadPact, _format: 'text'): string {
  return toJsonFindings(file)
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.code}]\n`)
    .join('');
}
