/** Builds what the results view shows from the RunStore: a pact's history, its failing tasks, one run in detail. */
import { basename } from 'node:path';
import { checkOutcomes, durationMs } from '../../../core/src/index';
import type { ResultsModel, RunDetailView, TaskView } from '../../../protocol/results-view';
import { checkLabel, checkNumbers, sampleGroups, taskFigure } from '../runs/run-describe';
import type { RunStore, RunView } from '../runs/run-store';

export function resultsModel(store: RunStore, pactPath: string, runId?: string, dashboardUrl?: string): ResultsModel {
  const runs = store.list().filter((run) => run.pactPath === pactPath);
  const shown = (runId ? runs.find((run) => run.runId === runId) : undefined) ?? runs[0];
  const history = runs
    .filter((run) => run.tasks.some((task) => task.result))
    .map((run) => ({
      runId: run.runId,
      startedAt: run.startedAt,
      passed: count(run, 'SUCCESS'),
      failed: count(run, 'FAILURE'),
      errored: count(run, 'ERROR'),
    }))
    .reverse();
  const failing = shown ? shown.tasks.filter((t) => t.result && t.result.status !== 'SUCCESS').map((t) => t.task_key) : [];
  const failingTasks = failing.map((taskKey) => {
    const withTask = runs.filter((run) => run.tasks.some((t) => t.task_key === taskKey && t.result));
    return {
      taskKey,
      runs: withTask.length,
      failedRuns: withTask.filter((run) => run.tasks.some((t) => t.task_key === taskKey && t.result && t.result.status !== 'SUCCESS')).length,
    };
  });
  return {
    pactPath,
    pactName: basename(pactPath),
    engine: shown?.engine ?? runs[0]?.engine ?? '',
    history,
    failingTasks,
    run: shown ? runDetail(shown) : undefined,
    dashboardUrl,
  };
}

function count(run: RunView, status: string): number {
  return run.tasks.filter((task) => task.result?.status === status).length;
}

function runDetail(run: RunView): RunDetailView {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    state: run.state,
    status: run.status,
    engine: run.engine,
    url: run.url,
    tasks: run.tasks.map((task): TaskView => {
      const result = task.result;
      if (!result) return { taskKey: task.task_key, status: task.state === 'QUEUED' ? 'QUEUED' : 'RUNNING', figure: task.state.toLowerCase(), checks: [] };
      return {
        taskKey: task.task_key,
        status: result.status,
        figure: taskFigure(result),
        durationMs: durationMs(result),
        checks: checkOutcomes(result.payload).map((check) => ({
          key: check.key,
          label: checkLabel(check),
          status: check.status,
          numbers: checkNumbers(check),
          samples: sampleGroups(check),
        })),
      };
    }),
  };
}
