/**
 * Starting, following and cancelling runs for the workbench: resolves a pact document to a run target (the pact as
 * the editor shows it, engine settings applied), starts the run through the engine seam (which adds it to the local
 * run records), tracks it in the RunStore, and, after a window reload, re-attaches the runs still in flight. Past runs come
 * from each workspace pact's results history.
 */
import { Uri, workspace, type Disposable, type OutputChannel, type TextDocument } from 'vscode';
import { loadPact, readLocalRuns, resolveEngineConfig, runsInFlight, taskLine } from '../../../core/src/index';
import type { RunHandle } from '../../../core/src/index';
import { normaliseSettings } from '../config';
import { engineAccess, type EngineAccess, type RunTarget } from './engine-access';
import { isFinal, RunStore, type RunView } from './run-store';

/** Files the workbench treats as pacts (the language's filename patterns). */
export const PACT_GLOB = '**/{*.pact.yml,*.pact.yaml,datapact*.yml,datapact*.yaml}';
const HISTORY_RUNS = 20;

export class RunService implements Disposable {
  readonly store = new RunStore();
  private readonly subscriptions: Disposable[] = [];

  readonly access: EngineAccess;
  private readonly reattachListeners = new Set<(run: RunView, done: Promise<void>) => void>();

  /** Hears of each run re-attached after a reload, with the promise that resolves when it is final. */
  onDidReattach(listener: (run: RunView, done: Promise<void>) => void): Disposable {
    this.reattachListeners.add(listener);
    return { dispose: () => this.reattachListeners.delete(listener) };
  }

  constructor(private readonly output: OutputChannel, cliPath: string, access?: EngineAccess) {
    this.access = access ?? engineAccess(cliPath, (line) => output.appendLine(line));
    this.subscriptions.push(this.store.onDidChange((change) => {
      if (change.kind === 'task-finished') this.output.append(taskLine(change.result));
      if (change.kind === 'run-finished') {
        const run = change.run;
        const verdict = run.state === 'FINISHED' ? run.status ?? 'ERROR' : run.state;
        this.output.appendLine(`Run ${run.runId}: ${verdict} (${runSummary(run)})${run.failure ? `: ${run.failure}` : ''}`);
      }
    }));
  }

  /** The run target of a pact document; throws a located message when the pact has errors. */
  target(document: TextDocument): RunTarget {
    return targetFor(document.uri, document.getText());
  }

  /** Starts a run; resolves once it has an id (the run goes on; `done` resolves when it is final). */
  async start(target: RunTarget, taskKeys?: readonly string[]): Promise<{ run: RunView; handle: RunHandle; done: Promise<void> }> {
    const label = taskKeys ? `task ${taskKeys.join(', ')} of ${workspace.asRelativePath(target.pactPath)}` : workspace.asRelativePath(target.pactPath);
    this.output.appendLine(`Running ${label} on ${target.engineConfig.type}…`);
    const handle = await this.access.start(target, taskKeys);
    this.output.appendLine(`Run ${handle.runId} started.`);
    const done = this.store.track(handle, 'started', taskKeys);
    return { run: this.store.get(handle.runId)!, handle, done };
  }

  /**
   * Reads the workspace's pacts: their history (past runs) and their run records (runs in flight are attached).
   * Problems with one pact are written to the output and never stop the others.
   */
  async loadWorkspace(): Promise<void> {
    const files = await workspace.findFiles(PACT_GLOB, '**/node_modules/**', 200);
    await Promise.all(files.map((uri) => this.loadPact(uri)));
  }

  async loadPact(uri: Uri): Promise<void> {
    let target: RunTarget;
    try {
      target = targetFor(uri, Buffer.from(await workspace.fs.readFile(uri)).toString('utf8'));
    } catch {
      return; // a pact with errors has no history to show; the editor reports its errors
    }
    await Promise.all([this.reattach(target), this.loadHistory(target)]);
  }

  async loadHistory(target: RunTarget): Promise<void> {
    try {
      this.store.addHistory(target.pactPath, target.engineConfig.type, await this.access.history(target, HISTORY_RUNS));
    } catch (error) {
      this.output.appendLine(`History of ${workspace.asRelativePath(target.pactPath)} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Attaches the runs of the pact's run records that are not known here yet and have no recorded end (the process
   * that followed a run records its end); newest first. A record without an end whose run did end (its process was
   * killed) attaches final and is left to the history.
   */
  private async reattach(target: RunTarget): Promise<void> {
    const records = runsInFlight(readLocalRuns(target.pactPath)).filter((r) => r.pact === target.pactPath && !this.store.get(r.run_id)).reverse();
    for (const record of records) {
      try {
        const handle = await this.access.attach(target, record.run_id);
        // An ended run attaches final (engines start a handle from their state): history shows it, no spinner.
        if (isFinal(handle.snapshot().state)) continue;
        this.output.appendLine(`Re-attached to run ${record.run_id} of ${workspace.asRelativePath(target.pactPath)}.`);
        const done = this.store.track(handle, 'attached');
        const view = this.store.get(handle.runId);
        if (view) for (const listener of this.reattachListeners) listener(view, done);
      } catch {
        // a record of a run the engine no longer knows (or cannot attach to) stays a record
      }
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Resolves a pact's text to what a run needs; throws when the pact has errors. */
export function targetFor(uri: Uri, text: string): RunTarget {
  const pactPath = uri.fsPath;
  const loaded = loadPact(text, { path: pactPath });
  if (!loaded.pact) {
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    throw new Error(`${workspace.asRelativePath(uri)} has ${errors} error(s); fix them before running (see Problems)`);
  }
  const config = workspace.getConfiguration('datapact', uri);
  const settings = normaliseSettings((key) => config.get(key));
  const overrides = {
    ...(settings.engine ? { engine: settings.engine } : {}),
    ...(settings['databricks.profile'] ? { profile: settings['databricks.profile'] } : {}),
    ...(settings['databricks.warehouse'] ? { warehouse: settings['databricks.warehouse'] } : {}),
  };
  const engineConfig = resolveEngineConfig(loaded.pact.engine, pactPath, {
    type: settings.engine || undefined,
    profile: overrides.profile,
    warehouse: overrides.warehouse,
  });
  return { pactPath, pact: loaded.pact, engineConfig, overrides };
}

/** `1 passed, 1 failed, 0 errored`. */
export function runSummary(run: RunView): string {
  const count = (status: string) => run.tasks.filter((task) => task.result?.status === status).length;
  return `${count('SUCCESS')} passed, ${count('FAILURE')} failed, ${count('ERROR')} errored`;
}
