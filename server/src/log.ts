/**
 * How the server reports its own failures: one line per failure in the output channel (what failed and the
 * error's first line), and the stack only through LSP tracing (`$/logTrace`, sent by vscode-languageserver only
 * when the client has set the trace to verbose), so a user's log is never flooded with stack traces.
 */
import type { Connection } from 'vscode-languageserver/node';

export function logFailure(connection: Connection, what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').slice(0, 300);
  connection.console.error(`datapact: ${what} failed: ${firstLine}`);
  if (error instanceof Error && error.stack) connection.tracer.log(`datapact: ${what} failed`, error.stack);
}
