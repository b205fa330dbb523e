/** Jobs API 2.2 (and 2.1, which shares the shapes): jobs and runs. */
import { badRequest, queryId, required, requiredId } from '../api-error';
import type { EmulatorContext } from '../context';
import type { JsonObject } from '../jobs/job-settings';
import { queryBool, queryNumber, type Router } from '../router';

/** Offset paging with an opaque token (the offset, base64). */
function page<T>(items: T[], limit: number, token: string | null): { items: T[]; next?: string; prev?: string } {
  const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw badRequest(`Invalid page_token: ${token}`);
  const slice = items.slice(offset, offset + limit);
  return {
    items: slice,
    next: offset + limit < items.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined,
    prev: offset > 0 ? Buffer.from(String(Math.max(0, offset - limit))).toString('base64url') : undefined,
  };
}

export function jobRoutes(router: Router, ctx: EmulatorContext): void {
  for (const version of ['2.1', '2.2']) {
    const base = `/api/${version}/jobs`;
    router.add('POST', `${base}/create`, (req) => ({ job_id: ctx.jobs.create(req.body) }));
    router.add('POST', `${base}/reset`, (req) => {
      ctx.jobs.reset(requiredId(req.body, 'job_id'), required<JsonObject>(req.body, 'new_settings'));
      return {};
    });
    router.add('POST', `${base}/update`, (req) => {
      ctx.jobs.update(requiredId(req.body, 'job_id'), req.body.new_settings as JsonObject | undefined, req.body.fields_to_remove as string[] | undefined);
      return {};
    });
    router.add('POST', `${base}/delete`, (req) => {
      ctx.jobs.delete(requiredId(req.body, 'job_id'));
      return {};
    });
    router.add('GET', `${base}/get`, (req) => ctx.jobs.jobJson(ctx.jobs.require(queryId(req.query, 'job_id'))));
    router.add('GET', `${base}/list`, (req) => {
      const limit = queryNumber(req.query, 'limit') ?? 20;
      if (!(limit >= 1 && limit <= 100)) throw badRequest('limit must be between 1 and 100.');
      const name = req.query.get('name');
      const jobs = [...ctx.jobs.jobs.values()]
        .filter((j) => name === null || String(j.settings.name).toLowerCase() === name.toLowerCase())
        .sort((a, b) => b.createdTime - a.createdTime || (b.jobId > a.jobId ? 1 : b.jobId < a.jobId ? -1 : 0));
      const p = page(jobs, limit, req.query.get('page_token'));
      return {
        ...(p.items.length ? { jobs: p.items.map((j) => ctx.jobs.jobJson(j, queryBool(req.query, 'expand_tasks'))) } : {}),
        has_more: p.next !== undefined,
        ...(p.next ? { next_page_token: p.next } : {}),
        ...(p.prev ? { prev_page_token: p.prev } : {}),
      };
    });
    router.add('POST', `${base}/run-now`, (req) => ctx.jobs.runNow(req.body));
    router.add('GET', `${base}/runs/get`, (req) => {
      const id = queryId(req.query, 'run_id');
      const { run, task } = ctx.jobs.getRun(id);
      if (task) throw badRequest(`Run ${id} is a task run; runs/get takes the job run id ${run.runId}.`);
      return ctx.jobs.runJson(run, { history: queryBool(req.query, 'include_history'), resolved: queryBool(req.query, 'include_resolved_values') });
    });
    router.add('GET', `${base}/runs/get-output`, (req) => {
      return ctx.jobs.outputJson(queryId(req.query, 'run_id'));
    });
    router.add('GET', `${base}/runs/list`, (req) => {
      const limit = queryNumber(req.query, 'limit') ?? 20;
      if (!(limit >= 1 && limit <= 25)) throw badRequest('limit must be between 1 and 25.');
      const jobId = req.query.get('job_id') === null ? undefined : queryId(req.query, 'job_id');
      if (queryBool(req.query, 'active_only') && queryBool(req.query, 'completed_only')) throw badRequest('active_only and completed_only cannot both be true.');
      const runs = [...ctx.jobs.runs.values()]
        .filter((r) => jobId === undefined || r.jobId === jobId)
        .filter((r) => !queryBool(req.query, 'active_only') || r.lifeCycle !== 'TERMINATED')
        .filter((r) => !queryBool(req.query, 'completed_only') || r.lifeCycle === 'TERMINATED')
        .sort((a, b) => b.startTime - a.startTime || (b.runId > a.runId ? 1 : b.runId < a.runId ? -1 : 0));
      const p = page(runs, limit, req.query.get('page_token'));
      return {
        ...(p.items.length ? { runs: p.items.map((r) => ctx.jobs.runJson(r, { tasks: queryBool(req.query, 'expand_tasks') })) } : {}),
        has_more: p.next !== undefined,
        ...(p.next ? { next_page_token: p.next } : {}),
        ...(p.prev ? { prev_page_token: p.prev } : {}),
      };
    });
    router.add('POST', `${base}/runs/cancel`, (req) => {
      ctx.jobs.cancel(requiredId(req.body, 'run_id'));
      return {};
    });
    router.add('POST', `${base}/runs/cancel-all`, (req) => {
      ctx.jobs.cancelAll(requiredId(req.body, 'job_id'));
      return {};
    });
    router.add('POST', `${base}/runs/repair`, (req) => ({ repair_id: ctx.jobs.repair(req.body) }));
  }
}
