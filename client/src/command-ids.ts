/**
 * Every command the extension contributes, with its palette title. Plain data (no `vscode` import) so a unit
 * test can check it against `contributes.commands` in package.json, in both directions.
 */
export const COMMAND_TITLES = {
  'datapact.runPact': 'Run Pact',
  'datapact.runTask': 'Run Task',
  'datapact.cancelRun': 'Cancel Run',
  'datapact.previewSql': 'Preview SQL',
  'datapact.openDashboard': 'Open Dashboard',
  'datapact.showResults': 'Show Results',
  'datapact.selectProfile': 'Select Profile',
  'datapact.selectWarehouse': 'Select Warehouse',
  'datapact.refreshCatalog': 'Refresh Catalog',
  'datapact.showOutput': 'Show Output',
  'datapact.showRuns': 'Show Runs',
  'datapact.refreshRuns': 'Refresh Runs',
  'datapact.newPact': 'New Pact…',
  'datapact.openInBuilder': 'Open in Pact Builder',
  'datapact.initPact': 'Init Pact from Schema…',
  'datapact.setUpAlert': 'Set Up Alert…',
  'datapact.openTaskSql': 'Open Task SQL',
  'datapact.revealTask': 'Reveal Task in Pact',
  'datapact.rerunTask': 'Re-run Task',
  'datapact.openRunPage': 'Open Run Page',
  'datapact.openDemo': 'Open the Demo',
} as const;

export type CommandId = keyof typeof COMMAND_TITLES;
export const COMMAND_CATEGORY = 'DataPact';
