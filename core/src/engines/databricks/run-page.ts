/**
 * A Databricks job run's page in the workspace, the one place its address is built: for a run followed live
 * (`job-run.ts`) and for a past run read from run_history (`databricks-history.ts`). The Jobs API's own
 * `run_page_url` uses the legacy `#job/<job>/run/<run>` fragment, which resolves only for workspace admins.
 */
import { localJobId } from '../../engine/run-id';

export function jobRunPageUrl(hostUrl: string, jobId: string, runId: string): string {
  return `${hostUrl.replace(/\/+$/, '')}/jobs/${jobId}/runs/${runId}`;
}

/**
 * The page of a run recorded in run_history, from the row's ids: a job run's row holds the job's id; a direct run
 * (statement by statement, no job) records the local id derived from its job name instead and has no page.
 */
export function recordedRunPageUrl(hostUrl: string, row: { run_id: string; job_id: string | null; job_name: string | null }): string | undefined {
  if (!row.job_id || !/^\d+$/.test(row.job_id) || !/^\d+$/.test(row.run_id)) return undefined;
  if (row.job_name !== null && BigInt(row.job_id) === localJobId(row.job_name)) return undefined;
  return jobRunPageUrl(hostUrl, row.job_id, row.run_id);
}
