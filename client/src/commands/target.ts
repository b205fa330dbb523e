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

/** The pact a command is about: a view item's, a URI, else the active pact editor's, else the workspace's only pact. */
export async function pactPathOf(_ctx: unknown, arg: unknown): Promise<string> {
  if (arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri) return (await pactDocument((arg as { uri: unknown }).uri)).uri.fsPath;
  if (typeof arg === 'string' && !/^\d+$/.test(arg)) return (await pactDocument(arg)).uri.fsPath;
  if (arg instanceof Uri) return (await pactDocument(arg)).uri.fsPath;
  const active = window.activeTextEditor?.document;
  if (active?.languageId === 'datapact') return active.uri.fsPath;
  const files = await workspace.findFiles('**/{*.pact.yml,*.pact.yaml,datapact*.yml,datapact*.yaml}', '**/node_modules/**', 2);
  if (files.length === 1) return files[0]!.fsPath;
  throw new Error('open a pact file (*.pact.yml) first');
}
