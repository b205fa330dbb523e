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

/** `problems` defaults to the loader's findings (what `run`, `sql` and `history` refuse a pact for). */
export function toJsonFindings(file: ReadPact, problems: readonly Problem[] = file.loaded.problems): JsonFinding[] {
  const { lines } = file.loaded.source;
  return problems.map((p) => {
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

export function formatProblems(file: ReadPact, _format: 'text', problems?: readonly Problem[]): string {
  return toJsonFindings(file, problems)
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${oneLine(f.message)} [${f.code}]\n`)
    .join('');
}

/** A message may quote a value with a line break; CI annotators read one finding per line, so breaks are escaped. */
function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u0008\u000A-\u001F\u007F\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
