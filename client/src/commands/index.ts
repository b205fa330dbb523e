/** The command table: every `datapact.*` command and its handler. Titles live in ../command-ids.ts. */
import type { CommandId } from '../command-ids';
import type { CommandHandler } from '../ctx';
import { requireClient } from '../ctx';
import { RefreshCatalogRequest } from '../../../protocol/protocol';
import { previewSql } from './preview-sql';
import { runPact, runTask } from './run';

export const COMMANDS: Record<CommandId, CommandHandler> = {
  'datapact.runPact': runPact,
  'datapact.runTask': runTask,
  'datapact.previewSql': previewSql,
  'datapact.refreshCatalog': async (ctx) => {
    await requireClient(ctx).sendRequest(RefreshCatalogRequest.type, {});
  },
  'datapact.showOutput': (ctx) => ctx.output.show(),
};
