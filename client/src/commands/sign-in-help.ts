/**
 * When a run (or a workspace call) cannot sign in and the pact's engine signs in with `~/.databrickscfg` profiles,
 * the error offers "Select Profile", then "Run Again" with the profile picked. The engine plug-in says whether it uses
 * profiles and core says which words mean a sign-in failure: nothing here names an engine.
 */
import { window } from 'vscode';
import { getEnginePlugin, isSignInFailureMessage, type ResolvedEngineConfig } from '../../../core/src/index';
import type { Ctx } from '../ctx';
import { selectProfile } from './settings';

export const SELECT_PROFILE = 'Select Profile';
const RUN_AGAIN = 'Run Again';
const SHOW_OUTPUT = 'Show Output';

/** Whether a failure is one "Select Profile" can fix. */
export function profileCanHelp(engineConfig: ResolvedEngineConfig | undefined, message: string): boolean {
  return !!engineConfig && getEnginePlugin(engineConfig.type).describeConfig(engineConfig).usesProfiles && isSignInFailureMessage(message);
}

/**
 * Shows a sign-in failure with "Select Profile" and "Show Output"; once a profile is picked, offers `again`
 * (what failed, tried once more). Resolves when the person has answered (or dismissed) the message.
 */
export async function offerProfileHelp(ctx: Ctx, what: string, message: string, again?: () => Promise<unknown>): Promise<void> {
  ctx.output.appendLine(`${what}: ${message}`);
  const choice = await window.showErrorMessage(`DataPact: ${what}: ${firstLine(message)}`, SELECT_PROFILE, SHOW_OUTPUT);
  if (choice === SHOW_OUTPUT) ctx.output.show(true);
  if (choice !== SELECT_PROFILE) return;
  const profile = await selectProfile(ctx);
  if (!profile || !again) return;
  const next = await window.showInformationMessage(`DataPact: profile ${profile} selected.`, RUN_AGAIN);
  if (next === RUN_AGAIN) await again();
}

/** A message of several lines (reason, then what to set) on one line, as a notification shows it. */
function firstLine(message: string): string {
  return message.trim().replace(/\s*\n\s*/g, '; ');
}
