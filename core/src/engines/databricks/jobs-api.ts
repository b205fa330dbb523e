/**
 * The Jobs calls a run makes, with exact ids (see exact-json.ts): sent and read through WorkspaceApi.exactJson
 * instead of the SDK's jobs service, whose JSON.parse rounds int64 ids past 2^53. Ids are decimal strings here.
 */
import type { jobs } from '@databricks/sdk-experimental';
import { idText, idValue } from './exact-json';
import type { CallKind, WorkspaceApi } from './workspace-api';

/** A task of a job run, its run id exact. */
export type JobRunTask = Omit<jobs.RunTask, 'run_id'> & { run_id?: string };

/** A job run as runs/get returns it, its ids exact. */
export type JobRun = Omit<jobs.Run, 'run_id' | 'job_id' | 'tasks'> & { run_id?: string; job_id?: string; tasks?: JobRunTask[] };

type Wire = Record<string, unknown>;

const ids = <T extends Wire>(value: T, keys: readonly string[]): T => {
  const out: Wire = { ...value };
  for (const key of keys) {
    if (out[key] !== undefined) out[key] = idText(out[key]);
  }
  return out as T;
};

export async function getRun(api: WorkspaceApi, runId: string, kind: CallKind = 'poll'): Promise<JobRun> {
  const run = await api.call(kind, () => api.exactJson<Wire>('GET', '/api/2.2/jobs/runs/get', { query: { run_id: idValue(runId).toString() } }));
  const tasks = Array.isArray(run.tasks) ? (run.tasks as Wire[]).map((t) => ids(t, ['run_id'])) : undefined;
  return { ...ids(run, ['run_id', 'job_id']), ...(tasks ? { tasks } : {}) } as JobRun;
}

export async function cancelRun(api: WorkspaceApi, runId: string): Promise<void> {
  await api.call('safe', () => api.exactJson('POST', '/api/2.2/jobs/runs/cancel', { body: { run_id: idValue(runId) } }));
}

/** run-now with an idempotency token (so a retried call never starts a second run); the new run's id. */
export async function runNow(api: WorkspaceApi, jobId: string, idempotencyToken: string): Promise<string> {
  const started = await api.call('safe', () =>
    api.exactJson<Wire>('POST', '/api/2.2/jobs/run-now', { body: { job_id: idValue(jobId), idempotency_token: idempotencyToken } }),
  );
  const runId = idText(started.run_id);
  if (runId === undefined) throw new Error('jobs/run-now returned no run_id');
  return runId;
}

/** The job's settings, or undefined when no job has this id. */
export async function getJob(api: WorkspaceApi, jobId: string): Promise<{ job_id: string; settings?: jobs.JobSettings }> {
  const job = await api.call('safe', () => api.exactJson<Wire>('GET', '/api/2.2/jobs/get', { query: { job_id: idValue(jobId).toString() } }));
  return { job_id: idText(job.job_id) ?? jobId, settings: job.settings as jobs.JobSettings | undefined };
}

/** Ids of the jobs whose name is exactly `name` (every page of jobs/list?name=). */
export async function jobIdsNamed(api: WorkspaceApi, name: string): Promise<string[]> {
  return api.call('safe', async () => {
    const found: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await api.exactJson<Wire>('GET', '/api/2.2/jobs/list', { query: { name, limit: '100', ...(pageToken ? { page_token: pageToken } : {}) } });
      for (const job of (page.jobs as Wire[] | undefined) ?? []) {
        const id = idText(job.job_id);
        if ((job.settings as jobs.JobSettings | undefined)?.name === name && id !== undefined) found.push(id);
      }
      pageToken = page.has_more === true && typeof page.next_page_token === 'string' ? page.next_page_token : undefined;
    } while (pageToken);
    return found;
  });
}

/** jobs/create; the new job's id. Not safe to repeat (the caller looks the name up after a dropped connection). */
export async function createJob(api: WorkspaceApi, settings: jobs.JobSettings): Promise<string> {
  const created = await api.call('unsafe', () => api.exactJson<Wire>('POST', '/api/2.2/jobs/create', { body: settings }));
  const jobId = idText(created.job_id);
  if (jobId === undefined) throw new Error('jobs/create returned no job_id');
  return jobId;
}

export async function resetJob(api: WorkspaceApi, jobId: string, settings: jobs.JobSettings): Promise<void> {
  await api.call('safe', () => api.exactJson('POST', '/api/2.2/jobs/reset', { body: { job_id: idValue(jobId), new_settings: settings } }));
}

/** Ids in numeric order (as decimal strings of equal meaning compare: by length, then by digits). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
