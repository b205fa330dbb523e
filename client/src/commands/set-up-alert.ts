/**
 * "DataPact: Set Up Alert…": `datapact setup-alert` guided — the pact (the active one, else picked), where the alert
 * goes (a Slack webhook URL or e-mail addresses, checked by core as typed) and how often it looks — then core's
 * `setupAlert` under a progress notification, and what it created or updated, with a link to the alert.
 * The engine's own rule refuses pacts whose engine has no workspace (core's `requireWorkspaceEngine`).
 */
import { env, ProgressLocation, Uri, window, workspace } from 'vscode';
import {
  DEFAULT_ALERT_EVERY,
  DestinationError,
  describeDestination,
  openWorkspaceSession,
  parseDestination,
  parseSchedule,
  processEngineHost,
  requireWorkspaceEngine,
  setupAlert,
  type AlertSetupOutcome,
} from '../../../core/src/index';
import type { Ctx } from '../ctx';
import { targetFor } from '../runs/run-service';
import { pactDocument } from './target';

const TITLE = 'DataPact: Set Up Alert';
const EVERY = ['5m', '15m', '1h', '1d'];

export async function setUpAlert(ctx: Ctx, arg?: unknown): Promise<AlertSetupOutcome | undefined> {
  const document = await pactToAlertOn(arg);
  if (!document) return undefined;
  const { pactPath, engineConfig } = targetFor(document.uri, document.getText());
  requireWorkspaceEngine(engineConfig, 'Alerts');

  const destinationText = await window.showInputBox({
    title: TITLE,
    prompt: `Where the alert goes when a run of ${workspace.asRelativePath(document.uri)} fails: a Slack incoming-webhook URL, or e-mail addresses separated by commas`,
    placeHolder: 'https://hooks.slack.com/services/… or data-team@example.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return 'a Slack webhook URL or e-mail addresses';
      try {
        parseDestination(value);
        return undefined;
      } catch (error) {
        return error instanceof DestinationError ? error.message : String(error);
      }
    },
  });
  if (destinationText === undefined) return undefined;
  const destination = parseDestination(destinationText);
  const every = await window.showQuickPick(EVERY.map((text) => ({ label: text, description: text === DEFAULT_ALERT_EVERY ? 'default' : '' })), {
    title: TITLE, placeHolder: 'How often the alert checks for failed runs', ignoreFocusOut: true,
  });
  if (!every) return undefined;

  const outcome = await window.withProgress({ location: ProgressLocation.Notification, title: `${TITLE}: ${describeDestination(destination)}…` }, async () => {
    const session = await openWorkspaceSession(engineConfig, processEngineHost());
    return setupAlert(session, engineConfig, pactPath, { destination, schedule: parseSchedule(every.label), dryRun: false });
  });
  const done = (action: 'create' | 'update') => (action === 'create' ? 'created' : 'updated');
  const message = `DataPact: ${done(outcome.alert.action)} alert '${outcome.alert.body.display_name}' (every ${every.label}) and ` +
    `${done(outcome.destination.action)} its notification destination (${outcome.destination.description}).`;
  ctx.output.appendLine(`${message}${outcome.alert.url ? ` ${outcome.alert.url}` : ''}`);
  const open = 'Open Alert';
  void window.showInformationMessage(message, ...(outcome.alert.url ? [open] : [])).then((choice) => {
    if (choice === open && outcome.alert.url) void env.openExternal(Uri.parse(outcome.alert.url));
  });
  return outcome;
}

/** The pact of the argument (a view item or URI), else the active pact editor's, else one picked from the workspace. */
async function pactToAlertOn(arg: unknown) {
  const uri = arg && typeof arg === 'object' && 'uri' in arg ? (arg as { uri: unknown }).uri : arg;
  if (uri instanceof Uri || typeof uri === 'string') return pactDocument(uri);
  const active = window.activeTextEditor?.document;
  if (active?.languageId === 'datapact') return active;
  const files = await workspace.findFiles('**/{*.pact.yml,*.pact.yaml,datapact*.yml,datapact*.yaml}', '**/node_modules/**', 200);
  if (files.length === 0) throw new Error('no pact file (*.pact.yml) in the workspace');
  const picked = files.length === 1 ? { uri: files[0]! } : await window.showQuickPick(
    files.map((file) => ({ label: workspace.asRelativePath(file), uri: file })), { title: TITLE, placeHolder: 'The pact whose failed runs raise the alert' });
  return picked ? workspace.openTextDocument(picked.uri) : undefined;
}
