/**
 * The Pacts view: the workspace's pact files → their tasks with their last result ("✘ 2 checks failed · 3 min ago"),
 * each with a run button. Files come from a workspace search kept current by a file watcher; task lists from the
 * files' text (open editors win over disk, so a new task shows before it is saved).
 */
import { basename, dirname } from 'node:path';
import { EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, workspace, type Disposable, type TreeDataProvider } from 'vscode';
import { formatAgo, taskFigure, taskVerdict } from '../runs/run-describe';
import { PACT_GLOB } from '../runs/run-service';
import type { RunStore } from '../runs/run-store';
import { taskSpans } from '../editor/task-spans';
import { statusIcon } from './status-icons';

export type PactsNode = { kind: 'pact'; uri: Uri } | { kind: 'task'; uri: Uri; taskKey: string };

export class PactsTreeProvider implements TreeDataProvider<PactsNode>, Disposable {
  private readonly changed = new EventEmitter<PactsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: Disposable[] = [];
  private files: Uri[] | undefined;

  constructor(private readonly store: RunStore) {
    const watcher = workspace.createFileSystemWatcher(PACT_GLOB);
    const rescan = () => {
      this.files = undefined;
      this.changed.fire(undefined);
    };
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(rescan),
      watcher.onDidDelete(rescan),
      watcher.onDidChange(() => this.changed.fire(undefined)),
      workspace.onDidSaveTextDocument(() => this.changed.fire(undefined)),
      { dispose: store.onDidChange(() => this.changed.fire(undefined)).dispose },
    );
  }

  refresh(): void {
    this.files = undefined;
    this.changed.fire(undefined);
  }

  /** The workspace's pact files, sorted by path. */
  async pactFiles(): Promise<Uri[]> {
    this.files ??= (await workspace.findFiles(PACT_GLOB, '**/node_modules/**', 500)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    return this.files;
  }

  async getChildren(node?: PactsNode): Promise<PactsNode[]> {
    if (!node) return (await this.pactFiles()).map((uri) => ({ kind: 'pact', uri }));
    if (node.kind === 'task') return [];
    const text = await readText(node.uri);
    return taskSpans(text).map((span) => ({ kind: 'task', uri: node.uri, taskKey: span.taskKey }));
  }

  getTreeItem(node: PactsNode): TreeItem {
    if (node.kind === 'pact') {
      const item = new TreeItem(basename(node.uri.fsPath), TreeItemCollapsibleState.Expanded);
      item.id = `pact:${node.uri.toString()}`;
      item.resourceUri = node.uri;
      // The folder within the workspace; nothing for a pact at the root.
      item.description = dirname(workspace.asRelativePath(node.uri, false)).replace(/^\.$/, '');
      item.iconPath = new ThemeIcon('checklist');
      item.contextValue = 'pact';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
      return item;
    }
    const item = new TreeItem(node.taskKey, TreeItemCollapsibleState.None);
    item.id = `pact-task:${node.uri.toString()}:${node.taskKey}`;
    const last = this.store.lastResult(node.uri.fsPath, node.taskKey);
    item.iconPath = last ? statusIcon(last.result.status) : new ThemeIcon('circle-outline');
    item.description = last ? `${taskVerdict(last.result)} · ${formatAgo(last.result.finished_at)}` : 'not run yet';
    item.tooltip = last ? taskFigure(last.result) : 'No run of this task is known yet.';
    item.contextValue = 'pactTask';
    item.command = { command: 'datapact.revealTask', title: 'Reveal Task in Pact', arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** The text as the editor has it when the file is open, else from disk. */
export async function readText(uri: Uri): Promise<string> {
  const open = workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  return Buffer.from(await workspace.fs.readFile(uri)).toString('utf8');
}
