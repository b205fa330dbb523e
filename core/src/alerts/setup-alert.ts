/** `datapact setup-alert <pact>` in core: sign in, find the warehouse, then create or update destination and alert. */
import { dirname } from 'node:path';
import type { ResolvedEngineConfig } from '../engine/engine-config';
import { resultTablesFor } from '../engine/result-tables';
import { requireWorkspaceEngine, resolveWarehouseId, type WorkspaceSession } from '../dashboard/workspace-session';
import { ensureAlert, type AlertSetupOutcome } from './ensure-alert';
import type { AlertDestination } from './alert-destination';
import type { AlertSchedule } from './alert-schedule';

export async function setupAlert(
  session: WorkspaceSession,
  config: ResolvedEngineConfig,
  pactPath: string,
  options: { destination: AlertDestination; schedule: AlertSchedule; dryRun: boolean },
): Promise<AlertSetupOutcome> {
  requireWorkspaceEngine(config, 'Alerts');
  const host = await session.hostUrl();
  const warehouseId = await resolveWarehouseId(session.client, config.warehouse);
  return ensureAlert(
    session.client,
    {
      pactFolder: dirname(pactPath),
      host,
      jobName: config.job_name,
      alertHistory: resultTablesFor(config.results_table).alertHistory,
      warehouseId,
      destination: options.destination,
      schedule: options.schedule,
    },
    { dryRun: options.dryRun },
  );
}
