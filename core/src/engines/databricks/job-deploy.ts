/**
 * Putting a job plan in place: the files uploaded (a folder created when the job is new or an upload says the folder
 * is missing), then the job created once and reset in place on every later run — found by the stored id (checked:
 * it must still exist under the same name), else by name; never a second job of that name.
 */
import type { EngineHost } from '../engine-plugin';
import type { JobPlan } from './job-plan';
import { storedJobId, storeJobId } from './job-store';
import { compareIds, createJob, getJob, jobIdsNamed, resetJob } from './jobs-api';
import { ConnectionDropped, errorCode, statusCode, type WorkspaceApi } from './workspace-api';

const UPLOADS_AT_ONCE = 4;

/** Uploads every file of the plan, a few at once; on an abort of `signal` no further upload begins. */
export async function uploadFiles(api: WorkspaceApi, plan: JobPlan, folderMayBeMissing: boolean, signal?: AbortSignal): Promise<void> {
  if (folderMayBeMissing) await api.call('safe', (c) => c.workspace.mkdirs({ path: plan.folder }));
  let madeFolder = folderMayBeMissing;
  const upload = async (path: string, content: string) => {
    const request = { path, content: Buffer.from(content, 'utf8').toString('base64'), format: 'RAW' as const, overwrite: true };
    try {
      await api.call('safe', (c) => c.workspace.import(request));
    } catch (error) {
      if (madeFolder || (statusCode(error) !== 404 && errorCode(error) !== 'RESOURCE_DOES_NOT_EXIST')) throw error;
      madeFolder = true;
      await api.call('safe', (c) => c.workspace.mkdirs({ path: plan.folder }));
      await api.call('safe', (c) => c.workspace.import(request));
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < plan.files.length && !signal?.aborted) {
      const file = plan.files[next++]!;
      await upload(file.path, file.content);
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOADS_AT_ONCE, plan.files.length) }, worker));
}

/** The job id a run uses, before its files are uploaded: the stored id when it still names this job, else by name. */
export async function findJob(api: WorkspaceApi, plan: JobPlan, pactPath: string, hostUrl: string, host: EngineHost): Promise<string | undefined> {
  const name = plan.settings.name;
  const stored = storedJobId(pactPath, hostUrl, name);
  if (stored !== undefined) {
    try {
      const job = await getJob(api, stored);
      if (job.settings?.name === name) return stored;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'RESOURCE_DOES_NOT_EXIST' && code !== 'INVALID_PARAMETER_VALUE' && statusCode(error) !== 404) throw error;
    }
  }
  return findByName(api, name, host);
}

async function findByName(api: WorkspaceApi, name: string, host: EngineHost): Promise<string | undefined> {
  const ids = await jobIdsNamed(api, name);
  if (ids.length === 0) return undefined;
  ids.sort(compareIds);
  if (ids.length > 1) host.log?.(`${ids.length} jobs are named '${name}'; updating the oldest (${ids[0]})`);
  return ids[0];
}

/** Resets the job in place or creates it; returns its id and remembers it beside the pact. */
export async function putJob(api: WorkspaceApi, plan: JobPlan, existing: string | undefined, pactPath: string, hostUrl: string, host: EngineHost): Promise<string> {
  let jobId: string;
  if (existing !== undefined) {
    jobId = existing;
    await resetJob(api, jobId, plan.settings);
  } else {
    try {
      jobId = await createJob(api, plan.settings);
    } catch (error) {
      if (!(error instanceof ConnectionDropped)) throw error;
      // The create may have happened: look before trying again, so there is never a second job of this name.
      jobId = (await findByName(api, plan.settings.name, host)) ?? (await createJob(api, plan.settings));
    }
  }
  storeJobId(pactPath, hostUrl, plan.settings.name, jobId);
  return jobId;
}
