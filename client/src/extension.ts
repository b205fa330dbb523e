/**
 * The VS Code extension entry: registers the command table, then starts the pact language server.
 * Activation failures are shown to the user instead of being swallowed by VS Code.
 */
import { window, workspace, type ExtensionContext } from 'vscode';
import { COMMANDS } from './commands';
import { registerCommands, type Ctx } from './ctx';
import { createLanguageClient } from './lsp-client';
import { PREVIEW_SCHEME, SqlPreviewProvider } from './commands/preview-sql';

let ctx: Ctx | undefined;

export async function activate(extension: ExtensionContext): Promise<Ctx> {
  const output = window.createOutputChannel('DataPact');
  ctx = { extension, output, client: undefined };
  const previews = new SqlPreviewProvider(ctx);
  extension.subscriptions.push(
    output,
    previews,
    workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    ...registerCommands(ctx, COMMANDS),
  );
  try {
    const client = createLanguageClient(extension);
    await client.start();
    ctx.client = client;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`The DataPact language server did not start: ${message}`);
    void window.showErrorMessage(`DataPact: the language server did not start (${message}). See the DataPact output.`);
  }
  return ctx;
}

export async function deactivate(): Promise<void> {
  const client = ctx?.client;
  if (ctx) ctx.client = undefined;
  await client?.stop();
}
