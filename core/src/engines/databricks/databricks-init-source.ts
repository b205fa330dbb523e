/**
 * The Databricks init source: init's queries as statements on a SQL warehouse (Statement Execution API, the same
 * sign-in and retries as runs). Each catalog has its own information_schema (`<catalog>.information_schema.<view>`).
 * The warehouse is the configuration's (`--warehouse`, else DATAPACT_WAREHOUSE), else the workspace's only one, which
 * init then writes into the new pact so it runs on the warehouse it was read with.
 */
import type { ResolvedEngineConfig } from '../../engine/engine-config';
import { EngineConfigError } from '../../engine/engine-errors';
import { getDialect } from '../../dialects/registry';
import { resolveWarehouseId } from '../../dashboard/workspace-session';
import { InitError, type InformationSchemaView, type InitSource, type SourceRow } from '../../init/init-source';
import type { EngineHost } from '../engine-plugin';
import { runStatement, StatementFailed } from './statements';
import { resolveWarehouse } from './warehouse';
import { WorkspaceApi } from './workspace-api';

export async function openDatabricksInitSource(config: ResolvedEngineConfig, host: EngineHost): Promise<InitSource> {
  const api = new WorkspaceApi(config, host);
  const named = config.warehouse ?? nonEmpty(host.env.DATAPACT_WAREHOUSE);
  let chosen: string | undefined;
  if (named === undefined) {
    try {
      chosen = await api.call('safe', (c) => resolveWarehouseId(c, undefined));
    } catch (error) {
      // "name the SQL warehouse …": said as init's own flag.
      if (error instanceof EngineConfigError) throw new InitError(`pass --warehouse <name or id>: ${error.message.replace(/^name the SQL warehouse in the pact \(engine\.warehouse\):?\s*/, 'the workspace has ')}`);
      throw error;
    }
  }
  const warehouse = await resolveWarehouse(api, named ?? chosen, host);
  const dialect = getDialect('databricks');
  const q = (name: string) => dialect.quoteIdentifier(name);
  return {
    dialect,
    ...(named === undefined ? { engineAdditions: { warehouse: warehouse.name } } : {}),
    informationSchemaView: (catalog: string, view: InformationSchemaView) => `${q(catalog)}.${q('information_schema')}.${q(view)}`,
    async query(sql: string): Promise<SourceRow[]> {
      try {
        return await runStatement(api, warehouse.id, sql);
      } catch (error) {
        // The warehouse's own words (an unknown catalog, a missing permission): a configuration error to show.
        if (error instanceof StatementFailed) throw new InitError(`the SQL warehouse '${warehouse.name}' refused init's query: ${error.message}`);
        throw error;
      }
    },
    async dispose() {
      // Statements end with their answer; nothing stays open.
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
