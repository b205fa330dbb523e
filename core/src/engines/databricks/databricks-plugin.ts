/** Databricks as a plug-in: Databricks SQL, runs as jobs (or direct statements) on a SQL warehouse, `plan` offline. */
import { openUnityCatalogProvider, unityCatalogWorkspace } from './catalog/index';
import { resultTablesFor } from '../../engine/result-tables';
import { oneLineEngineMessage } from '../../engine/engine-message';
import { columnListsNote, compileErrorScript, compileTaskScript, getDialect } from '../../sql/index';
import type { EnginePlugin } from '../engine-plugin';
import { DatabricksEngine } from './databricks-engine';
import { openDatabricksInitSource } from './databricks-init-source';
import { buildJobPlan } from './job-plan';
import { listWarehouses } from './warehouse';
import { listProfiles } from './databricks-config-file';
import { dashboardPage } from '../../dashboard/dashboard-page';
import { WorkspaceApi } from './workspace-api';

/** Placeholders of an offline plan: a run signs in to learn the user and resolves a warehouse name to its id. */
export const PLAN_USER = '<me>';
export const PLAN_WAREHOUSE = '<warehouse id>';

export const databricksEnginePlugin: EnginePlugin = {
  type: 'databricks',
  label: 'Databricks',
  dialect: getDialect('databricks'),
  connection: [
    { key: 'profile', label: 'Profile', kind: 'profile', hint: 'a profile of ~/.databrickscfg (empty: the default sign-in)' },
    { key: 'warehouse', label: 'SQL warehouse', kind: 'warehouse', hint: 'the SQL warehouse to run on, by name or id' },
  ],
  open: (config, host) => new DatabricksEngine(config, host),
  openCatalogProvider: openUnityCatalogProvider,
  openInitSource: openDatabricksInitSource,
  catalogKey: (config) => unityCatalogWorkspace(config)?.key,
  // The job task file: what a job task executes, history INSERT included.
  explainTask(task, config) {
    const context = { tables: resultTablesFor(config.results_table), jobName: config.job_name };
    try {
      // Compiled offline, without the tables' column lists: a leading comment says how a run differs.
      const note = columnListsNote(task);
      return `${note ? `-- note: ${note}\n` : ''}${compileTaskScript(task, context)}`;
    } catch (error) {
      return compileErrorScript(task, `cannot generate SQL: ${oneLineEngineMessage(error)}`, context);
    }
  },
  describeConfig(config) {
    return {
      icon: 'cloud',
      parts: [config.profile, config.warehouse].filter((part): part is string => !!part),
      ...(config.profile ? {} : { detail: 'no profile chosen' }),
      usesProfiles: true,
    };
  },
  listWarehouses: (config, host) => listWarehouses(new WorkspaceApi(config, host)),
  listProfiles: (host) => listProfiles(host),
  workspace: true,
  dashboard: dashboardPage,
  planRun(pact, config, options) {
    const warehouseId = config.warehouse && /^[0-9a-f]{16}$/.test(config.warehouse) ? config.warehouse : PLAN_WAREHOUSE;
    const plan = buildJobPlan({ pact, config, userName: PLAN_USER, warehouseId, taskKeys: options.taskKeys });
    const notes = [`${PLAN_USER} is the signed-in user's name, known once a run signs in`];
    if (warehouseId === PLAN_WAREHOUSE) {
      notes.push(config.warehouse ? `${PLAN_WAREHOUSE} is the id of warehouse '${config.warehouse}', looked up by a run` : `${PLAN_WAREHOUSE}: name a warehouse with --warehouse, DATAPACT_WAREHOUSE or engine.warehouse`);
    }
    notes.push('a run creates the job once, then resets it in place with these settings');
    const needColumns = pact.validations.filter((t) => (!options.taskKeys || options.taskKeys.includes(t.task_key)) && columnListsNote(t) !== undefined);
    if (needColumns.length > 0) {
      notes.push(
        `these files were compiled without the tables' column lists (${needColumns.map((t) => t.task_key).join(', ')}): the row hash compares ` +
          "columns by position and SUM/AVG are DOUBLE here; a run reads both tables' columns on the warehouse first and compares by name and canonical value",
      );
    }
    notes.push("after 'datapact dashboard', a run also refreshes the dashboard as the job's last task (refresh_dashboard)");
    return { settings: plan.settings, files: plan.files, notes };
  },
};
