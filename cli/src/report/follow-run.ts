/**
 * Following a run handle to its end the way `run` and `attach` both do: a line per task as it finishes (text to
 * stdout), Ctrl-C (the command's `interrupt`) cancelling the run, then the summary or the JSON / JUnit report, and
 * the exit code (130 once the engine confirmed the cancel).
 */
import type { EngineRunResult, LabelTask, RunHandle, TaskResult } from '../../../core/src/index';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from '../command';
import { jsonReport } from './json-report';
import { junitReport } from './junit-report';
import type { ReportFormat, RunReport } from './run-report';
import { summaryText, taskLine, textReport } from './text-report';
import { writeFileAtomically } from './write-output';
import { Progress, progressTiming } from './progress';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), once the engine confirmed it stopped. */
export const EXIT_CANCELLED = 130;

export interface FollowOptions {
  command: string;
  format: ReportFormat;
  /** Absolute path of --output, and the path as the user wrote it. */
  output?: { path: string; shown: string };
  /** Why no row was recorded, as the user asked for it (`--no-history`). */
  notRecordedBecause?: string;
  startedAt: number;
  /** No progress lines (`--quiet`). */
  quiet?: boolean;
  /** Where in the pact an ERROR task's message traces to (`  at file:line:col (key)`), when it does. */
  locate?: (result: TaskResult) => string | undefined;
  /** The pact's tasks by key (`tasksByKey`): check names read from them where a payload key is ambiguous. */
  tasks?: ReadonlyMap<string, LabelTask>;
  /** Ctrl-C (aborted on the first one, possibly before following began): cancels the run. */
  interrupt: AbortSignal;
}

export async function followRun(handle: RunHandle, io: CliIo, options: FollowOptions): Promise<number> {
  const streamLines = options.format === 'text' && options.output === undefined;
  // Tasks that finished before we started following (an attached run): their lines first, as `run` printed them.
  const line = (result: TaskResult) => taskLine(result, options.tasks?.get(result.task_key)) + placeLine(result, options);
  if (streamLines) for (const task of handle.snapshot().tasks) if (task.result) io.out(line(task.result));
  const progress = options.quiet ? undefined : new Progress(io, options.command, progressTiming(io.env ?? {}));
  // Tasks already finished when we started following count as finished before any Ctrl-C.
  let finished = handle.snapshot().tasks.filter((t) => t.result).length;
  let finishedBeforeCancel = 0;
  const listener = handle.onEvent((event) => {
    progress?.onEvent(event);
    if (event.kind !== 'task-finished') return;
    finished++;
    if (!streamLines) return;
    progress?.clear();
    io.out(line(event.result));
  });
  let cancelled = false;
  const onInterrupt = () => {
    if (cancelled) return;
    cancelled = true;
    finishedBeforeCancel = finished;
    void handle.cancel().catch(() => undefined);
  };
  if (options.interrupt.aborted) onInterrupt();
  else options.interrupt.addEventListener('abort', onInterrupt, { once: true });
  let run: EngineRunResult;
  try {
    run = await handle.result;
  } finally {
    options.interrupt.removeEventListener('abort', onInterrupt);
    listener.dispose();
    progress?.stop();
  }
  if (cancelled) {
    // One line: what finished, and that the rest is on record (as cancelled), not lost.
    const total = run.tasks.length;
    const rest = total - finishedBeforeCancel;
    io.err(`datapact ${options.command}: interrupted: ${finishedBeforeCancel} of ${total} tasks finished; the other ${rest} ${rest === 1 ? 'is' : 'are'} recorded as cancelled (run ${handle.runId})\n`);
  }
  const report: RunReport = { run, durationMs: Date.now() - options.startedAt, notRecordedBecause: options.notRecordedBecause, tasks: options.tasks };
  if (streamLines) io.out(summaryText(report));
  else {
    const content = options.format === 'json' ? jsonReport(report) : options.format === 'junit' ? junitReport(report) : textReport(report);
    if (options.output) {
      try {
        writeFileAtomically(options.output.path, content);
      } catch (error) {
        // The run happened and is recorded; its report goes to stdout rather than being lost.
        io.out(content);
        io.err(`datapact ${options.command}: ${run.status}; the report could not be written to ${options.output.shown} (${(error as Error).message}), so it was printed instead\n`);
        return EXIT_USAGE;
      }
      io.err(`datapact ${options.command}: ${run.status}; report written to ${options.output.shown}\n`);
    } else io.out(content);
  }
  if (cancelled || handle.snapshot().state === 'CANCELLED') return EXIT_CANCELLED;
  return run.status === 'SUCCESS' && run.aggregate.passed ? EXIT_OK : EXIT_FINDINGS;
}

/** `  at pact.yml:12:7 (null_validation_columns)` under an ERROR task whose message traces to the pact. */
function placeLine(result: TaskResult, options: FollowOptions): string {
  if (result.status !== 'ERROR' || !options.locate) return '';
  const place = options.locate(result);
  return place ? `  at ${place}\n` : '';
}
