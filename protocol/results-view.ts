/**
 * Messages between the results webview (client/webview/results-view.ts) and the extension
 * (client/src/results/results-panel.ts), and the state the webview keeps for a reload. Plain types only.
 */

/** One run as a point of the pass-rate chart. */
export interface RunPoint {
  runId: string;
  /** ISO-8601 UTC. */
  startedAt: string;
  passed: number;
  failed: number;
  errored: number;
}

export interface SampleGroupView {
  kind: string;
  keys: string[];
}

export interface CheckView {
  key: string;
  label: string;
  status: 'PASS' | 'FAIL' | null;
  /** `mismatch_count 37, compared_rows 1,000, …` */
  numbers: string;
  samples: SampleGroupView[];
}

export interface TaskView {
  taskKey: string;
  status: 'SUCCESS' | 'FAILURE' | 'ERROR' | 'RUNNING' | 'QUEUED';
  figure: string;
  durationMs?: number;
  /** Empty when the run's rows carry no payload (history rows). */
  checks: CheckView[];
}

export interface RunDetailView {
  runId: string;
  startedAt: string;
  state: string;
  status?: string;
  engine: string;
  url?: string;
  tasks: TaskView[];
}

/** Everything the view shows: a pact's run history and one run in detail. */
export interface ResultsModel {
  pactPath: string;
  pactName: string;
  engine: string;
  /** Oldest first (the chart's x axis). */
  history: RunPoint[];
  /** Tasks that failed or errored in the shown run, with how many of the history's runs they failed in. */
  failingTasks: { taskKey: string; failedRuns: number; runs: number }[];
  run?: RunDetailView;
  /** A dashboard page for the pact, when its engine has one. */
  dashboardUrl?: string;
}

/** Extension → webview. */
export type ResultsHostMessage = { type: 'model'; model: ResultsModel };

/** Webview → extension. */
export type ResultsViewMessage =
  | { type: 'ready' }
  | { type: 'selectRun'; runId: string }
  | { type: 'revealTask'; taskKey: string }
  | { type: 'openExternal'; url: string };

/** What the webview saves with `setState`, and the serializer restores after a reload. */
export interface ResultsViewState {
  pactPath: string;
  runId?: string;
}

export const RESULTS_VIEW_TYPE = 'datapact.results';
