/**
 * `datapact setup-alert` in core: a notification destination and an Alerts v2 alert over alert_history, created
 * once and updated in place when run again (the ids kept in the pact's local state are checked first, then objects
 * of the same name are looked for). `dryRun` reads the workspace but changes nothing and says what it would do.
 */
import type { WorkspaceClient } from '@databricks/sdk-experimental';
import { httpStatusOf, WorkspaceObjectState } from '../dashboard/workspace-state';
import { patchJson } from '../dashboard/workspace-patch';
import type { TableName } from '../sql/compiled';
import { alertBody, alertDisplayName, ALERT_UPDATE_MASK, destinationDisplayName, type AlertBody } from './alert-definition';
import { describeDestination, type AlertDestination } from './alert-destination';
import type { AlertSchedule } from './alert-schedule';

export type AlertsClient = Pick<WorkspaceClient, 'alertsV2' | 'notificationDestinations' | 'apiClient'>;

export interface AlertTarget {
  pactFolder: string;
  host: string;
  jobName: string;
  alertHistory: TableName;
  warehouseId: string;
  destination: AlertDestination;
  schedule: AlertSchedule;
}

export type SetupAction = 'create' | 'update';

export interface AlertSetupOutcome {
  destination: { action: SetupAction; id?: string; description: string };
  alert: { action: SetupAction; id?: string; url?: string; body: AlertBody };
  dryRun: boolean;
}

/** The placeholder a dry run writes where the destination's id would go when it does not exist yet. */
export const PENDING_DESTINATION_ID = '<created with the alert>';

export async function ensureAlert(client: AlertsClient, target: AlertTarget, options: { dryRun: boolean }): Promise<AlertSetupOutcome> {
  const state = new WorkspaceObjectState(target.pactFolder, target.host);
  const destinationName = destinationDisplayName(target.jobName);
  const config = target.destination.kind === 'slack' ? { slack: { url: target.destination.url } } : { email: { addresses: target.destination.addresses } };

  let destinationId = (await destinationByRememberedId(client, state.get('destination', target.jobName))) ?? (await destinationByName(client, destinationName));
  const destinationAction: SetupAction = destinationId ? 'update' : 'create';
  if (!options.dryRun) {
    if (destinationId) {
      await patchJson(client, `/api/2.0/notification-destinations/${encodeURIComponent(destinationId)}`, {}, { display_name: destinationName, config });
    } else {
      const created = await client.notificationDestinations.create({ display_name: destinationName, config });
      if (!created.id) throw new Error('the workspace created the notification destination but returned no id');
      destinationId = created.id;
    }
    state.set('destination', target.jobName, destinationId);
  }

  const body = alertBody({ ...target, destinationId: destinationId ?? PENDING_DESTINATION_ID });
  let alertId = (await alertByRememberedId(client, state.get('alert', target.jobName))) ?? (await alertByName(client, alertDisplayName(target.jobName)));
  const alertAction: SetupAction = alertId ? 'update' : 'create';
  if (!options.dryRun) {
    if (alertId) {
      await patchJson(client, `/api/2.0/alerts/${encodeURIComponent(alertId)}`, { update_mask: ALERT_UPDATE_MASK }, body);
    } else {
      const created = await client.alertsV2.createAlert({ alert: body });
      if (!created.id) throw new Error('the workspace created the alert but returned no id');
      alertId = created.id;
    }
    state.set('alert', target.jobName, alertId);
  }
  return {
    destination: { action: destinationAction, ...(destinationId ? { id: destinationId } : {}), description: describeDestination(target.destination) },
    alert: { action: alertAction, ...(alertId ? { id: alertId, url: alertUrl(target.host, alertId) } : {}), body },
    dryRun: options.dryRun,
  };
}

export function alertUrl(host: string, alertId: string): string {
  return `${host.replace(/\/+$/, '')}/sql/alerts-v2/${encodeURIComponent(alertId)}`;
}

async function ifExists<T>(lookup: () => Promise<T>): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}

async function destinationByRememberedId(client: AlertsClient, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const found = await ifExists(() => client.notificationDestinations.get({ id }));
  return found?.id ? id : undefined;
}

async function destinationByName(client: AlertsClient, name: string): Promise<string | undefined> {
  for await (const destination of client.notificationDestinations.list({ page_size: 100 })) {
    if (destination.display_name === name && destination.id) return destination.id;
  }
  return undefined;
}

async function alertByRememberedId(client: AlertsClient, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const found = await ifExists(() => client.alertsV2.getAlert({ id }));
  return found && found.lifecycle_state !== 'DELETED' ? id : undefined;
}

async function alertByName(client: AlertsClient, name: string): Promise<string | undefined> {
  for await (const alert of client.alertsV2.listAlerts({ page_size: 100 })) {
    if (alert.display_name === name && alert.lifecycle_state !== 'DELETED' && alert.id) return alert.id;
  }
  return undefined;
}
