/** Resolving which pact document a command acts on: the code lens argument, else the active editor. */
import { Uri, window, workspace, type TextDocument } from 'vscode';

export async function pactDocument(uriArg: unknown): Promise<TextDocument> {
  if (typeof uriArg === 'string' || uriArg instanceof Uri) {
    return workspace.openTextDocument(typeof uriArg === 'string' ? Uri.parse(uriArg) : uriArg);
  }
  const active = window.activeTextEditor?.document;
  if (active?.languageId === 'datapact') return active;
  throw new Error('open a pact file (*.pact.yml) first');
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
