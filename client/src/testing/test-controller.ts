/**
 * Test Explorer: each workspace pact is a test suite, its tasks are tests and their checks are children.
 * Running a test runs that task (a pact runs the file); results and failure messages land on the task's line;
 * cancelling the test run cancels the DataPact run. Runs started elsewhere (palette, code lens, Runs view, a
 * re-attached run) show as test runs too, and so do the results history's last results when the tree is built.
 */
import {
  Location, Range, TestMessage, TestRunProfileKind, TestRunRequest, tests, Uri, workspace,
  type Disposable, type TestController, type TestItem, type TestRun, type TestRunProfile,
} from 'vscode';
import { checkOutcomes, durationMs, type TaskResult } from '../../../core/src/index';
import { checkFigure, checkLabel, checkNumbers, taskFigure } from '../runs/run-describe';
import { PACT_GLOB, type RunService } from '../runs/run-service';
import type { RunView } from '../runs/run-store';
import { taskSpans } from '../editor/task-spans';
import { readText } from '../views/pacts-tree';

export const TEST_CONTROLLER_ID = 'datapact';

export class PactTests implements Disposable {
  readonly controller: TestController = tests.createTestController(TEST_CONTROLLER_ID, 'DataPact');
  private readonly subscriptions: Disposable[] = [];
  /** Runs that a test run of this controller follows (started from the Test Explorer). */
  private readonly followed = new Map<RunView, TestRun>();
  /** Every outcome reported to a test run, newest last: the integration suite reads it (VS Code offers no API to). */
  readonly reported: { testRun: string; item: string; outcome: 'passed' | 'failed' | 'errored' | 'skipped' }[] = [];
  readonly runProfile: TestRunProfile;
  /** Pacts whose run this controller is starting: their run is followed by that test run, not as one from elsewhere. */
  private readonly starting = new Set<string>();

  constructor(
    private readonly runs: RunService,
    private readonly startRun: (uri: Uri, taskKeys: string[] | undefined) => Promise<{ run: RunView; done: Promise<void> } | undefined>,
  ) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
      else if (item.uri && !item.parent) await this.readPact(item.uri);
    };
    this.controller.refreshHandler = () => this.discover();
    this.runProfile = this.controller.createRunProfile('Run', TestRunProfileKind.Run, (request, token) => this.runTests(request, token), true);
    const watcher = workspace.createFileSystemWatcher(PACT_GLOB);
    this.subscriptions.push(
      this.controller,
      watcher,
      watcher.onDidCreate((uri) => void this.readPact(uri)),
      watcher.onDidChange((uri) => void this.readPact(uri)),
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
      workspace.onDidSaveTextDocument((doc) => doc.languageId === 'datapact' && void this.readPact(doc.uri)),
      { dispose: runs.store.onDidChange((change) => {
        if (change.kind === 'run' && !this.followed.has(change.run) && !this.starting.has(change.run.pactPath)) this.followElsewhere(change.run);
        if (change.kind === 'task-finished') {
          const testRun = this.followed.get(change.run);
          if (testRun) this.report(testRun, change.run.pactPath, change.result);
        }
        if (change.kind === 'run-finished') {
          const testRun = this.followed.get(change.run);
          if (testRun) {
            this.endRun(testRun, change.run);
            this.followed.delete(change.run);
          }
        }
      }).dispose },
    );
  }

  async discover(): Promise<void> {
    const files = await workspace.findFiles(PACT_GLOB, '**/node_modules/**', 500);
    await Promise.all(files.map((uri) => this.readPact(uri)));
  }

  /** (Re)builds a pact's item and its tasks; tasks that had checks keep them. */
  async readPact(uri: Uri): Promise<TestItem> {
    const id = uri.toString();
    const pact = this.controller.items.get(id) ?? this.controller.createTestItem(id, workspace.asRelativePath(uri), uri);
    this.controller.items.add(pact);
    const document = workspace.textDocuments.find((doc) => doc.uri.toString() === id);
    const text = await readText(uri);
    const lineAt = (offset: number) => (document ? document.positionAt(offset).line : text.slice(0, offset).split('\n').length - 1);
    const tasks: TestItem[] = taskSpans(text).map((span) => {
      const task = pact.children.get(taskId(uri, span.taskKey)) ?? this.controller.createTestItem(taskId(uri, span.taskKey), span.taskKey, uri);
      const line = lineAt(span.keyStart);
      task.range = new Range(line, 0, line, 0);
      const last = this.runs.store.lastResult(uri.fsPath, span.taskKey);
      if (last) this.setChecks(task, last.result);
      return task;
    });
    pact.children.replace(tasks);
    return pact;
  }

  private setChecks(task: TestItem, result: TaskResult): void {
    const checks = checkOutcomes(result.payload);
    if (checks.length === 0) return;
    task.children.replace(checks.map((check) => {
      const item = task.children.get(`${task.id}#${check.key}`) ?? this.controller.createTestItem(`${task.id}#${check.key}`, checkLabel(check), task.uri);
      item.range = task.range;
      return item;
    }));
  }

  private async runTests(request: TestRunRequest, token: { isCancellationRequested: boolean; onCancellationRequested: (l: () => void) => Disposable }): Promise<void> {
    // Group what was asked for by pact: a pact item runs the file, task or check items run their tasks.
    const byPact = new Map<string, { uri: Uri; taskKeys: Set<string> | undefined }>();
    const include = request.include ?? [...iterate(this.controller.items)];
    for (const item of include) {
      if (!item.uri) continue;
      const key = item.uri.toString();
      const task = taskOf(item);
      const entry = byPact.get(key) ?? { uri: item.uri, taskKeys: new Set<string>() };
      if (!task || entry.taskKeys === undefined) entry.taskKeys = undefined;
      else entry.taskKeys.add(task.label);
      byPact.set(key, entry);
    }
    for (const { uri, taskKeys } of byPact.values()) {
      if (token.isCancellationRequested) break;
      const testRun = this.controller.createTestRun(request, `DataPact ${workspace.asRelativePath(uri)}`, true);
      const pact = await this.readPact(uri);
      const asked = taskKeys ? [...taskKeys] : undefined;
      for (const task of iterate(pact.children)) if (!asked || asked.includes(task.label)) testRun.started(task);
      let started: { run: RunView; done: Promise<void> } | undefined;
      this.starting.add(uri.fsPath);
      try {
        started = await this.startRun(uri, asked);
      } catch (error) {
        for (const task of iterate(pact.children)) if (!asked || asked.includes(task.label)) testRun.errored(task, new TestMessage(error instanceof Error ? error.message : String(error)));
        testRun.end();
        continue;
      } finally {
        this.starting.delete(uri.fsPath);
      }
      if (!started) {
        testRun.end();
        continue;
      }
      const { run, done } = started;
      this.followed.set(run, testRun);
      const cancel = token.onCancellationRequested(() => void this.runs.store.cancel(run.runId));
      // Results that arrived before the run was followed here.
      for (const task of run.tasks) if (task.result) this.report(testRun, run.pactPath, task.result);
      await done; // the store's run-finished (heard above) ends the test run
      if (this.followed.get(run) === testRun) {
        this.endRun(testRun, run); // it finished before it was followed
        this.followed.delete(run);
      }
      cancel.dispose();
    }
  }

  /** A run started elsewhere shows as a test run of its tasks. */
  private followElsewhere(run: RunView): void {
    const uri = Uri.file(run.pactPath);
    const pact = this.controller.items.get(uri.toString());
    const include = pact ? run.tasks.map((t) => pact.children.get(taskId(uri, t.task_key))).filter((i): i is TestItem => !!i) : [];
    const testRun = this.controller.createTestRun(new TestRunRequest(include.length ? include : undefined), `DataPact run ${run.runId}`, true);
    for (const item of include) testRun.started(item);
    this.followed.set(run, testRun);
    // No results are reported here: the store announces a run before the results it already holds (a run attached
    // by id whose first tasks ended before the window followed it), each as a task-finished change heard above.
    // Reporting them here as well reported such a task twice.
  }

  private report(testRun: TestRun, pactPath: string, result: TaskResult): void {
    const uri = Uri.file(pactPath);
    const task = this.controller.items.get(uri.toString())?.children.get(taskId(uri, result.task_key));
    if (!task) return;
    this.setChecks(task, result);
    const duration = durationMs(result);
    const location = task.range ? new Location(uri, task.range) : undefined;
    const message = (text: string) => {
      const m = new TestMessage(text);
      if (location) m.location = location;
      return m;
    };
    const name = testRun.name ?? '';
    if (result.status === 'ERROR') testRun.errored(task, message(taskFigure(result)), duration);
    else if (result.status === 'FAILURE') testRun.failed(task, message(taskFigure(result)), duration);
    else testRun.passed(task, duration);
    this.reported.push({ testRun: name, item: task.id, outcome: result.status === 'ERROR' ? 'errored' : result.status === 'FAILURE' ? 'failed' : 'passed' });
    for (const check of checkOutcomes(result.payload)) {
      const item = task.children.get(`${task.id}#${check.key}`);
      if (!item) continue;
      if (check.status === 'PASS') testRun.passed(item);
      else if (check.status === 'FAIL') testRun.failed(item, message(`${checkLabel(check)}: ${checkFigure(check)} (${checkNumbers(check)})`));
      else testRun.errored(item, message(`${checkLabel(check)} could not be computed`));
    }
  }

  private endRun(testRun: TestRun, run: RunView): void {
    if (run.failure) testRun.appendOutput(`${run.failure}\r\n`);
    const uri = Uri.file(run.pactPath);
    const pact = this.controller.items.get(uri.toString());
    for (const task of run.tasks) {
      const item = pact?.children.get(taskId(uri, task.task_key));
      if (item && !task.result) {
        testRun.skipped(item);
        this.reported.push({ testRun: testRun.name ?? '', item: item.id, outcome: 'skipped' });
      }
    }
    testRun.end();
  }

  dispose(): void {
    for (const [, testRun] of this.followed) testRun.end();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function taskId(uri: Uri, taskKey: string): string {
  return `${uri.toString()}::${taskKey}`;
}

/** The task item of a task or check item; undefined for a pact. */
function taskOf(item: TestItem): TestItem | undefined {
  if (!item.parent) return undefined;
  return item.parent.parent ? item.parent : item;
}

function* iterate(collection: { forEach(callback: (item: TestItem) => void): void }): Generator<TestItem> {
  const items: TestItem[] = [];
  collection.forEach((item) => items.push(item));
  yield* items;
}
