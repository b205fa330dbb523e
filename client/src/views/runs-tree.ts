/**
 * The Runs view: run (pact, engine, started, duration, status) → tasks (status, duration, key figure) → checks
 * (PASS/FAIL with their numbers) → sample keys. Redrawn from the RunStore whenever a run changes, so a run fills
 * in as its tasks finish. Item context values drive the inline actions declared in package.json.
 */
import { basename } from 'node:path';
import { EventEmitter, MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState, type Disposable, type TreeDataProvider } from 'vscode';
import { checkOutcomes, durationMs, type CheckOutcome } from '../../../core/src/index';
import type { TaskProgress } from '../../../core/src/index';
import { checkLabel, checkNumbers, formatAgo, formatDuration, sampleGroups, taskFigure, type SampleGroup } from '../runs/run-describe';
import { isFinal, type RunStore, type RunView } from '../runs/run-store';
import { statusIcon } from './status-icons';

export type RunsNode =
  | { kind: 'run'; runId: string }
  | { kind: 'task'; runId: string; taskKey: string }
  | { kind: 'check'; runId: string; taskKey: string; checkKey: string }
  | { kind: 'samples'; runId: string; taskKey: string; checkKey: string; group: number }
  | { kind: 'sample'; label: string };

export class RunsTreeProvider implements TreeDataProvider<RunsNode>, Disposable {
  private readonly changed = new EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: RunStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.store.list().map((run) => ({ kind: 'run', runId: run.runId }));
    const run = this.store.get('runId' in node ? node.runId : '');
    if (!run) return [];
    switch (node.kind) {
      case 'run':
        return run.tasks.map((task) => ({ kind: 'task', runId: run.runId, taskKey: task.task_key }));
      case 'task':
        return checksOf(run, node.taskKey).map((check) => ({ kind: 'check', runId: run.runId, taskKey: node.taskKey, checkKey: check.key }));
      case 'check': {
        const check = checksOf(run, node.taskKey).find((c) => c.key === node.checkKey);
        return check ? sampleGroups(check).map((_, group) => ({ ...node, kind: 'samples', group })) : [];
      }
      case 'samples': {
        const check = checksOf(run, node.taskKey).find((c) => c.key === node.checkKey);
        const group = check ? sampleGroups(check)[node.group] : undefined;
        return group ? group.keys.map((label) => ({ kind: 'sample', label })) : [];
      }
      default:
        return [];
    }
  }

  getTreeItem(node: RunsNode): TreeItem {
    if (node.kind === 'sample') {
      const item = new TreeItem(node.label, TreeItemCollapsibleState.None);
      item.iconPath = new ThemeIcon('key');
      return item;
    }
    const run = this.store.get(node.runId);
    if (!run) return new TreeItem('(gone)');
    switch (node.kind) {
      case 'run':
        return runItem(run);
      case 'task':
        return taskItem(run, run.tasks.find((t) => t.task_key === node.taskKey));
      case 'check': {
        const check = checksOf(run, node.taskKey).find((c) => c.key === node.checkKey);
        return check ? checkItem(check) : new TreeItem(node.checkKey);
      }
      case 'samples': {
        const check = checksOf(run, node.taskKey).find((c) => c.key === node.checkKey);
        const group: SampleGroup | undefined = check ? sampleGroups(check)[node.group] : undefined;
        const item = new TreeItem(group?.kind ?? 'samples', TreeItemCollapsibleState.Collapsed);
        item.description = group ? `${group.keys.length} sample key${group.keys.length === 1 ? '' : 's'}` : '';
        item.iconPath = new ThemeIcon('list-unordered');
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function checksOf(run: RunView, taskKey: string): CheckOutcome[] {
  return checkOutcomes(run.tasks.find((t) => t.task_key === taskKey)?.result?.payload ?? null);
}

function runItem(run: RunView): TreeItem {
  const item = new TreeItem(basename(run.pactPath), TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.runId}`;
  const done = run.tasks.filter((t) => t.result).length;
  const timing = run.finishedAt
    ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))
    : `${done}/${run.tasks.length} tasks`;
  const subset = run.taskKeys ? ` · ${run.taskKeys.join(', ')}` : '';
  item.description = `${run.engine} · ${formatAgo(run.startedAt)} · ${timing}${subset}`;
  item.iconPath = statusIcon(run.status, run.state);
  const live = !isFinal(run.state);
  item.contextValue = `run${live ? '.active' : ''}${run.url ? '.url' : ''}`;
  item.tooltip = new MarkdownString(
    `**${basename(run.pactPath)}** — run \`${run.runId}\`\n\n${run.engine}, started ${run.startedAt}\n\n` +
    `state ${run.state}${run.status ? `, ${run.status}` : ''}${run.failure ? `\n\n${run.failure}` : ''}`,
  );
  return item;
}

function taskItem(run: RunView, task: TaskProgress | undefined): TreeItem {
  if (!task) return new TreeItem('(unknown task)');
  const result = task.result;
  const hasChecks = checkOutcomes(result?.payload ?? null).length > 0;
  const item = new TreeItem(task.task_key, hasChecks ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
  item.id = `task:${run.runId}:${task.task_key}`;
  item.iconPath = statusIcon(result?.status, result ? 'DONE' : task.state === 'QUEUED' && isFinal(run.state) ? 'DONE' : task.state);
  if (result) {
    item.description = `${taskFigure(result)} · ${formatDuration(durationMs(result))}`;
    item.tooltip = result.error ?? taskFigure(result);
  } else {
    item.description = task.state === 'QUEUED' ? 'queued' : isFinal(run.state) ? 'no result recorded' : 'running…';
  }
  item.contextValue = 'runTask';
  return item;
}

function checkItem(check: CheckOutcome): TreeItem {
  const samples = sampleGroups(check).length > 0;
  const item = new TreeItem(checkLabel(check), samples ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
  item.iconPath = statusIcon(check.status);
  item.description = `${check.status ?? 'not computed'} · ${checkNumbers(check)}`;
  item.tooltip = `${check.key}: ${checkNumbers(check)}`;
  item.contextValue = 'runCheck';
  return item;
}
