/**
 * `datapact validate` with the catalog checks: the engine's plug-in opens its catalog provider (as in the editor).
 * The command itself is defined in validate-command.ts; offline.ts builds it without engines.
 */
import { CatalogMemo, engineTypes, getEnginePlugin, pactFindings, processEngineHost, type ResolvedEngineConfig, type Problem } from '../../../core/src/index';
import type { CliIo } from '../command';
import type { ReadPact } from '../read-pact';
import { validateCommandOf } from './validate-command';

export const validateCommand = validateCommandOf({ engineTypes, online: async () => ({ findings: withCatalogs }) });

async function withCatalogs(file: ReadPact, config: ResolvedEngineConfig, io: CliIo): Promise<Problem[]> {
  const { loaded } = file;
  // The engine's plug-in says whether this configuration reads any catalog, and opens it (as in the editor).
  const plugin = getEnginePlugin(config.type);
  if (plugin.catalogKey(config) === undefined) {
    io.err(`datapact validate: ${file.displayPath}: catalog checks skipped: no ${plugin.label} catalogs to read for this pact\n`);
    return pactFindings(loaded, { engine: config.type });
  }
  const memo = new CatalogMemo(plugin.openCatalogProvider(config, processEngineHost()));
  try {
    return await pactFindings(loaded, { engine: config.type, catalog: memo });
  } finally {
    await memo.dispose();
  }
}
