/**
 * Every command the extension contributes, with its palette title. Plain data (no `vscode` import) so a unit
 * test can check it against `contributes.commands` in package.json, in both directions.
 */
export const COMMAND_TITLES = {
  'datapact.runPact': 'Run Pact',
  'datapact.runTask': 'Run Task',
  'datapact.previewSql': 'Preview SQL',
  'datapact.refreshCatalog': 'Refresh Catalog',
  'datapact.showOutput': 'Show Output',
} as const;

export type CommandId = keyof typeof COMMAND_TITLES;
export const COMMAND_CATEGORY = 'DataPact';
