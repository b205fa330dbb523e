/**
 * DataPact's Lakeview dashboard, generated from run_history's name and the job name: one page with the last run's
 * counters, the failure trend by day, the top failing tasks, every check of the last run, and the run history.
 * Names of datasets, pages and widgets are fixed, so an update replaces the same widgets in place.
 */
import { resultTablesFor } from '../engine/result-tables';
import { dashboardDatasets, type DatasetSpec } from './datasets';
import type { LakeviewDashboard, LakeviewDataset, LayoutItem, TableColumn, Widget, WidgetField } from './lakeview-types';

export interface DashboardOptions {
  /** `catalog.schema.table` of run_history (the engine block's `results_table`). */
  resultsTable: string;
  jobName: string;
}

/** The dashboard's display name: one dashboard per job. */
export function dashboardDisplayName(jobName: string): string {
  return `DataPact results - ${jobName}`;
}

export function dashboardDefinition(options: DashboardOptions): LakeviewDashboard {
  const specs = dashboardDatasets({ runHistory: resultTablesFor(options.resultsTable).runHistory, jobName: options.jobName });
  const byName = new Map(specs.map((s) => [s.name, s]));
  const ds = (name: string): DatasetSpec => byName.get(name)!;
  const layout: LayoutItem[] = [
    at(text('dp_title', [`# DataPact: ${options.jobName}`, `Validation results from ${options.resultsTable}.`]), 0, 0, 6, 1),
    at(counter('dp_tasks', 'Tasks (last run)', ds('dp_last_run'), 'tasks'), 0, 1, 2, 2),
    at(counter('dp_passed', 'Passed (last run)', ds('dp_last_run'), 'passed'), 2, 1, 1, 2),
    at(counter('dp_failed', 'Failed (last run)', ds('dp_last_run'), 'failed'), 3, 1, 1, 2),
    at(counter('dp_errored', 'Errored (last run)', ds('dp_last_run'), 'errored'), 4, 1, 2, 2),
    at(chart('dp_trend', 'line', 'Failed tasks by day', ds('dp_failures_by_day'), ['day', 'temporal', 'Day'], ['failed_tasks', 'quantitative', 'Failed tasks']), 0, 3, 3, 5),
    at(chart('dp_top_failing', 'bar', 'Top failing tasks', ds('dp_top_failing'), ['task_key', 'categorical', 'Task'], ['failures', 'quantitative', 'Failures']), 3, 3, 3, 5),
    at(table('dp_checks', 'Checks of the last run', ds('dp_check_details'), {
      task_key: 'Task',
      task_status: 'Task status',
      check_name: 'Check',
      check_status: 'Check status',
      details: 'Details',
    }), 0, 8, 6, 8),
    at(table('dp_history', 'Run history', ds('dp_runs'), {
      started: ['Started', 'datetime'],
      run_id: 'Run id',
      status: 'Status',
      tasks: ['Tasks', 'integer'],
      passed: ['Passed', 'integer'],
      failed: ['Failed', 'integer'],
      errored: ['Errored', 'integer'],
    }), 0, 16, 6, 7),
  ];
  return {
    datasets: specs.map(toDataset),
    pages: [{ name: 'dp_overview', displayName: 'DataPact results', pageType: 'PAGE_TYPE_CANVAS', layout }],
  };
}

/** The `serialized_dashboard` string the Lakeview API takes. */
export function serializedDashboard(options: DashboardOptions): string {
  return JSON.stringify(dashboardDefinition(options));
}

function toDataset(spec: DatasetSpec): LakeviewDataset {
  const lines = spec.sql.split('\n');
  return { name: spec.name, displayName: spec.displayName, queryLines: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)) };
}

function at(widget: Widget, x: number, y: number, width: number, height: number): LayoutItem {
  return { widget, position: { x, y, width, height } };
}

function text(name: string, lines: string[]): Widget {
  return { name, multilineTextboxSpec: { lines } };
}

function field(dataset: DatasetSpec, column: string): WidgetField {
  // Fails at generation, not in the workspace, when a widget names a column its dataset does not return.
  if (!dataset.columns.includes(column)) throw new Error(`dataset ${dataset.name} has no column ${column}`);
  return { name: column, expression: `\`${column}\`` };
}

function query(dataset: DatasetSpec, columns: string[]) {
  return [{ name: 'main_query', query: { datasetName: dataset.name, fields: columns.map((c) => field(dataset, c)), disaggregated: true } }];
}

function counter(name: string, title: string, dataset: DatasetSpec, column: string): Widget {
  return {
    name,
    queries: query(dataset, [column]),
    spec: { version: 2, widgetType: 'counter', encodings: { value: { fieldName: column, displayName: title } }, frame: { showTitle: true, title } },
  };
}

type Axis = [column: string, scale: 'quantitative' | 'categorical' | 'temporal', title: string];

function chart(name: string, kind: 'line' | 'bar', title: string, dataset: DatasetSpec, x: Axis, y: Axis): Widget {
  const encoding = ([column, scale, displayName]: Axis) => ({ fieldName: column, scale: { type: scale }, displayName });
  return {
    name,
    queries: query(dataset, [x[0], y[0]]),
    spec: { version: 3, widgetType: kind, encodings: { x: encoding(x), y: encoding(y) }, frame: { showTitle: true, title } },
  };
}

type ColumnKind = 'string' | 'integer' | 'datetime';
const DISPLAY_AS: Record<ColumnKind, TableColumn['displayAs']> = { string: 'string', integer: 'number', datetime: 'datetime' };

/** Columns in display order: title, or [title, kind] for numbers and times. */
function table(name: string, title: string, dataset: DatasetSpec, columns: Record<string, string | [string, ColumnKind]>): Widget {
  const names = Object.keys(columns);
  const tableColumns: TableColumn[] = names.map((column, order) => {
    const [columnTitle, kind] = typeof columns[column] === 'string' ? [columns[column] as string, 'string' as const] : (columns[column] as [string, ColumnKind]);
    return { fieldName: column, title: columnTitle, type: kind, displayAs: DISPLAY_AS[kind], visible: true, order };
  });
  return {
    name,
    queries: query(dataset, names),
    spec: {
      version: 1,
      widgetType: 'table',
      encodings: { columns: tableColumns },
      frame: { showTitle: true, title },
      itemsPerPage: 25,
      condensed: true,
      withRowNumber: false,
    },
  };
}
