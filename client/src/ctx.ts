/**
 * The context handed to every command and view: the extension context, the language client (once started)
 * and the output channel. Commands registered through `registerCommands` exist before the server is up and
 * say so instead of failing silently.
 */
import { commands, window, type Disposable, type ExtensionContext, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandId } from './command-ids';
import type { RunService } from './runs/run-service';
import type { DashboardViewState } from '../../protocol/dashboard-view';

export interface Ctx {
  readonly extension: ExtensionContext;
  readonly output: OutputChannel;
  /** Set once the language server has started; undefined while it starts or after it stopped. */
  client: LanguageClient | undefined;
  /** Runs started, attached or read from history; every workbench view follows its store. */
  readonly runs: RunService;
  /** Opens the results view on a run (or on the active pact's history when no run is given). */
  showResults(runId?: string, pactPath?: string): Promise<void>;
  /** Opens (or brings forward) the dashboard view of a pact. */
  showDashboard(state: DashboardViewState): void;
  /** Re-reads history and run records of the workspace's pacts and redraws the views. */
  refreshViews(): Promise<void>;
}

export type CommandHandler = (ctx: Ctx, ...args: unknown[]) => unknown;

/** Registers every command of the table; a handler that throws shows its message, never a stack. */
export function registerCommands(ctx: Ctx, table: Record<CommandId, CommandHandler>): Disposable[] {
  return (Object.keys(table) as CommandId[]).map((id) =>
    commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await table[id](ctx, ...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.output.appendLine(`${id}: ${message}`);
        void window.showErrorMessage(`DataPact: ${message}`);
        return undefined;
      }
    }),
  );
}

/** The client when the server is running; otherwise an error the command table turns into a message. */
export function requireClient(ctx: Ctx): LanguageClient {
  if (!ctx.client) throw new Error('the DataPact language server is not running yet');
  return ctx.client;
}
