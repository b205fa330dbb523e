/**
 * The catalogs behind the editor, inside a real extension host: a changed file of a local catalog reaches the
 * language server through VS Code's file watcher (the client's `**∕*.{duckdb,parquet,csv,tsv}` watcher) and the
 * findings follow; where VS Code's watcher never reports (folders made together with their parent), the next check
 * finds the change; "DataPact: Refresh Catalog" makes the server read Unity Catalog (the workspace emulator, profile
 * `dev`) again instead of its per-workspace cache. Each test writes its own pact under a folder it removes afterwards.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { test, waitFor } from './harness';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/**
 * Opens `text` as a pact. Its file name is not a pact's (the Pacts view and the Test Explorer, which list the
 * workspace's pacts, never see it); the document is given the pact language, as a user may do for any YAML file.
 */
async function withPact<T>(folder: string, name: string, text: string, use: (uri: vscode.Uri) => Promise<T>): Promise<T> {
  const path = join(folder, name);
  writeFileSync(path, text);
  const uri = vscode.Uri.file(path);
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'datapact');
  await vscode.window.showTextDocument(document);
  try {
    return await use(uri);
  } finally {
    // Revert: a test may leave its edit unsaved, and closing a changed editor would ask whether to save it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Databricks SQL run on the emulator's warehouse over HTTP, signed in with the `dev` profile's token. */
async function onWorkspace(statement: string): Promise<void> {
  const config = readFileSync(process.env.DATABRICKS_CONFIG_FILE!, 'utf8');
  const dev = config.split(/^\[/m).find((section) => section.startsWith('dev]'))!;
  const value = (key: string) => new RegExp(`^${key}\\s*=\\s*(\\S+)`, 'm').exec(dev)![1]!;
  const answer = await fetch(`${value('host')}/api/2.0/sql/statements`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${value('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ warehouse_id: 'a0000000000000a1', statement, wait_timeout: '30s' }),
  });
  const body = (await answer.json()) as { status?: { state?: string; error?: unknown } };
  assert.equal(body.status?.state, 'SUCCEEDED', `${statement}: ${JSON.stringify(body)}`);
}

const ITEMS_PACT = `engine:
  type: duckdb
  catalogs:
    lake: lake
validations:
  - task_key: items
    source_catalog: lake
    source_schema: sales
    source_table: items
    target_catalog: lake
    target_schema: sales
    target_table: items
    count_tolerance: 0
    null_validation_columns: [added_later]
    null_validation_tolerance: 0
`;

/** What VS Code's file watcher reports for the workspace (folders too), as `created|changed|deleted <path>`. */
class WatcherLog {
  private readonly seen: string[] = [];
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*');

  constructor() {
    this.watcher.onDidCreate((u) => this.seen.push(`created ${u.fsPath}`));
    this.watcher.onDidChange((u) => this.seen.push(`changed ${u.fsPath}`));
    this.watcher.onDidDelete((u) => this.seen.push(`deleted ${u.fsPath}`));
  }

  has(event: string): boolean {
    return this.seen.includes(event);
  }

  /** How many events were reported for `path`. */
  about(path: string): number {
    return this.seen.filter((e) => e.endsWith(` ${path}`)).length;
  }

  async waitFor(event: string): Promise<void> {
    await this.explaining(waitFor(() => this.has(event), (seen) => seen, `VS Code's file watcher to report "${event}"`));
  }

  /** `waiting`, failing with what VS Code's watcher had reported by then. */
  async explaining<T>(waiting: Promise<T>): Promise<T> {
    try {
      return await waiting;
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nVS Code's file watcher reported: ${this}`);
    }
  }

  /**
   * VS Code's recursive watcher starts on its own time (runs were seen where it reported nothing for a while):
   * a probe file is written until it is reported, then removed.
   */
  async waitUntilLive(folder: string): Promise<void> {
    const probe = join(folder, 'watcher-probe.txt');
    try {
      await waitFor(() => (writeFileSync(probe, `${Date.now()}\n`), this.about(probe) > 0), (live) => live, "VS Code's file watcher to report a file written in the workspace", 60_000);
    } finally {
      rmSync(probe, { force: true });
    }
  }

  toString(): string {
    return this.seen.join('; ') || 'nothing';
  }

  dispose(): void {
    this.watcher.dispose();
  }
}

export function registerCatalogSuite(): void {
  const workspaceFolder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;

  test('a changed CSV of a folder catalog refreshes the findings (VS Code file watcher → language server)', async () => {
    const folder = join(workspaceFolder, 'watched-catalog');
    const csv = join(folder, 'lake', 'sales', 'items.csv');
    const events = new WatcherLog();
    try {
      // One folder at a time, each once VS Code has reported it: its watcher then watches the folder (a folder made
      // together with its parent is never watched: the next test). Before the first, the watcher must be live.
      await events.waitUntilLive(workspaceFolder);
      for (const created of [folder, join(folder, 'lake'), join(folder, 'lake', 'sales')]) {
        mkdirSync(created);
        await events.waitFor(`created ${created}`);
      }
      writeFileSync(csv, 'id,name\n1,a\n2,b\n');
      await events.waitFor(`created ${csv}`);
      await withPact(folder, 'watched-catalog.yml', ITEMS_PACT, async (uri) => {
        const unknown = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'unknown-column');
        await waitFor(unknown, (d) => d.length === 1, 'added_later flagged as an unknown column');
        // Nothing but the file changes: no command, no edit of the pact (which would check it again anyway).
        const reportedBefore = events.about(csv);
        writeFileSync(csv, 'id,name,added_later\n1,a,x\n2,b,y\n');
        await events.explaining(waitFor(unknown, (d) => d.length === 0, 'the finding cleared once the catalog file changed'));
        assert.ok(events.about(csv) > reportedBefore, `VS Code reported the change the server acted on: ${events}`);
        assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => codeOf(d).startsWith('unknown-')));
      });
    } finally {
      events.dispose();
    }
    // The watcher may take up to 60 s to go live, and each wait after it up to 30 s: more than the 60 s default.
  }, { timeoutMs: 180_000 });

  test('a changed CSV in folders VS Code never watched (made with their parent) refreshes the findings at the next edit', async () => {
    // VS Code's recursive watcher on Linux (@parcel/watcher, parcel-bundler/watcher#97) watches a new folder but not
    // the folders made inside it before it got there (mkdir -p, an unzip, a pipeline): no event ever comes for
    // lake/sales/items.csv. The language server compares the catalog's files with what it read at each check.
    const folder = join(workspaceFolder, 'unwatched-catalog');
    const csv = join(folder, 'lake', 'sales', 'items.csv');
    mkdirSync(join(folder, 'lake', 'sales'), { recursive: true });
    writeFileSync(csv, 'id,name\n1,a\n2,b\n');
    await withPact(folder, 'unwatched-catalog.yml', ITEMS_PACT, async (uri) => {
      const unknown = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'unknown-column');
      await waitFor(unknown, (d) => d.length === 1, 'added_later flagged as an unknown column');
      writeFileSync(csv, 'id,name,added_later\n1,a,x\n2,b,y\n');
      // The user's next keystroke in the pact: a comment at its end (no command, no save).
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, document.positionAt(document.getText().length), '# reviewed\n');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
      await waitFor(unknown, (d) => d.length === 0, 'the finding cleared at the check after the edit');
    });
  });

  test('"DataPact: Refresh Catalog" reads Unity Catalog again: a table created since is found', async () => {
    await onWorkspace('CREATE CATALOG IF NOT EXISTS uc_refresh');
    await onWorkspace('CREATE SCHEMA IF NOT EXISTS uc_refresh.sales');
    await onWorkspace('CREATE TABLE IF NOT EXISTS uc_refresh.sales.orders (id BIGINT) USING DELTA');
    const folder = join(workspaceFolder, 'uc-refresh');
    mkdirSync(folder, { recursive: true });
    const pact = `engine:
  type: databricks
  profile: dev
validations:
  - task_key: later
    source_catalog: uc_refresh
    source_schema: sales
    source_table: created_later
    target_catalog: uc_refresh
    target_schema: sales
    target_table: created_later
    count_tolerance: 0
    null_validation_columns: [nope]
    null_validation_tolerance: 0
`;
    await withPact(folder, 'uc-refresh.yml', pact, async (uri) => {
      const codes = () => vscode.languages.getDiagnostics(uri).map(codeOf);
      await waitFor(codes, (c) => c.includes('unknown-table'), 'created_later flagged as an unknown table');
      await onWorkspace('CREATE TABLE uc_refresh.sales.created_later (id BIGINT) USING DELTA');
      await vscode.commands.executeCommand('datapact.refreshCatalog');
      // The table is known once its columns are: the unknown column in it is flagged.
      const after = await waitFor(codes, (c) => c.includes('unknown-column'), 'the table read again from Unity Catalog');
      assert.ok(!after.includes('unknown-table') && !after.includes('catalog-unavailable'), after.join(', '));
    });
  });
}
