/**
 * The workbench inside a real extension host (code-server, or desktop VS Code): commands, the Runs and Pacts views
 * (items, actions, live updates, a past Databricks run's page), results on task lines and as diagnostics, the Test
 * Explorer controller (runs started elsewhere reported once), the results view's messages and the status bar.
 * Registered by suite-entry.ts; the workspace is test/e2e/workbench-workspace.ts plus fixture.ts's Databricks pact.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { DataPactApi } from '../../client/src/extension';
import { COMMAND_TITLES } from '../../client/src/command-ids';
import type { RunsNode } from '../../client/src/views/runs-tree';
import type { PactsNode } from '../../client/src/views/pacts-tree';
import type { RunView } from '../../client/src/runs/run-store';
import { feedGate, gatePrefixOf } from '../e2e/gate-feed';
import { test, waitFor } from './harness';

export function registerWorkbenchSuite(api: DataPactApi): void {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const shop = vscode.Uri.joinPath(folder, 'shop.pact.yml');
  const slow = vscode.Uri.joinPath(folder, 'slow.pact.yml');
  const store = api.ctx.runs.store;
  const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
  const runsChildren = async (node?: RunsNode) => (await api.runsTree.getChildren(node)) ?? [];

  test('every DataPact command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.keys(COMMAND_TITLES)) assert.ok(all.has(id), `${id} is registered`);
  });

  test('Run Pact fills the Runs tree task by task: run → tasks with key figures → checks → sample keys', async () => {
    let treeChanges = 0;
    const seenBeforeEnd: number[] = [];
    const sub = api.runsTree.onDidChangeTreeData(() => treeChanges++);
    const live = store.onDidChange((change) => {
      if (change.kind === 'task-finished') seenBeforeEnd.push(change.run.tasks.filter((t) => t.result).length);
    });
    await vscode.window.showTextDocument(shop);
    const run = (await vscode.commands.executeCommand('datapact.runPact', shop)) as RunView;
    sub.dispose();
    live.dispose();
    assert.equal(run.state, 'FINISHED');
    assert.equal(run.status, 'FAILURE');
    // The run goes on in a process of its own and the window follows it through its results store: two tasks
    // this small may both end between two reads, so the step-by-step update is proven on the gated pact below.
    assert.equal(seenBeforeEnd.at(-1), 2, 'the store saw both tasks finish');
    assert.deepEqual([...seenBeforeEnd].sort(), seenBeforeEnd, 'finished tasks only ever grow');
    assert.ok(treeChanges >= 3, `the Runs tree redrew live (${treeChanges} changes)`);

    const roots = await runsChildren();
    const runNode = roots.find((n) => n.kind === 'run' && n.runId === run.runId)!;
    assert.ok(runNode, 'the run is in the Runs tree');
    const runItem = api.runsTree.getTreeItem(runNode);
    assert.equal(label(runItem), 'shop.pact.yml');
    assert.match(String(runItem.description), /^duckdb · just now · /);
    assert.equal(runItem.contextValue, 'run');
    const tasks = await runsChildren(runNode);
    assert.deepEqual(tasks.map((t) => label(api.runsTree.getTreeItem(t))), ['orders_match', 'customers_match'].filter((k) => run.tasks.some((t) => t.task_key === k)).sort((a, b) => run.tasks.findIndex((t) => t.task_key === a) - run.tasks.findIndex((t) => t.task_key === b)));
    const customers = tasks.find((t) => label(api.runsTree.getTreeItem(t)) === 'customers_match')!;
    assert.match(String(api.runsTree.getTreeItem(customers).description), /^row count: off by 20% \(\+1 more failed\) · /);
    const checks = await runsChildren(customers);
    assert.deepEqual(checks.map((c) => label(api.runsTree.getTreeItem(c))), ['row count', 'row hash', 'rows compared']);
    assert.match(String(api.runsTree.getTreeItem(checks[1]!).description), /^FAIL · compared_rows 10, mismatch_count 0, missing_in_target 2/);
    const groups = await runsChildren(checks[1]);
    assert.deepEqual(groups.map((g) => label(api.runsTree.getTreeItem(g))), ['missing in target']);
    const keys = await runsChildren(groups[0]);
    assert.deepEqual(keys.map((k) => label(api.runsTree.getTreeItem(k))), ['customer_id=9', 'customer_id=10']);
  });

  test('a run in flight shows each task as it finishes: one task done while the other still runs', async () => {
    const gated = vscode.Uri.joinPath(folder, 'gated.pact.yml');
    const known = new Set(store.list().map((r) => r.runId));
    await vscode.window.showTextDocument(gated);
    const finished = vscode.commands.executeCommand('datapact.runPact', gated) as Thenable<RunView>;
    // `gated_orders` cannot end before the gate opens, so this state is seen however fast the machine is.
    const midway = await waitFor(
      () => store.list().find((r) => r.pactPath === gated.fsPath && !known.has(r.runId)),
      (r) => !!r && r.tasks.some((t) => t.task_key === 'quick_orders' && t.result),
      'the quick task finished in the Runs store',
    );
    assert.equal(midway!.state, 'RUNNING');
    assert.equal(midway!.tasks.find((t) => t.task_key === 'gated_orders')?.result, undefined, 'the gated task is still running');
    const runNode = (await runsChildren()).find((n) => n.kind === 'run' && n.runId === midway!.runId)!;
    assert.ok(runNode, 'the run in flight is in the Runs tree');
    const gate = feedGate(gatePrefixOf(readFileSync(gated.fsPath, 'utf8')));
    try {
      const run = await finished;
      assert.equal(run.state, 'FINISHED');
      assert.deepEqual(run.tasks.map((t) => `${t.task_key}:${t.result?.status}`).sort(), ['gated_orders:SUCCESS', 'quick_orders:SUCCESS']);
    } finally {
      gate.close();
    }
  });

  test('Runs tree item actions: reveal the task, open its SQL, re-run it', async () => {
    const run = store.list().find((r) => r.origin === 'started' && r.pactPath === shop.fsPath)!;
    const node: RunsNode = { kind: 'task', runId: run.runId, taskKey: 'customers_match' };
    await vscode.commands.executeCommand('datapact.revealTask', node);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.fsPath, shop.fsPath);
    assert.equal(editor.document.getText(editor.selection), 'task_key: customers_match');

    await vscode.commands.executeCommand('datapact.openTaskSql', node);
    const preview = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'datapact-sql'), (d) => !!d && d.getText().length > 0, 'the SQL preview');
    assert.match(decodeURIComponent(preview!.uri.path), /customers_match\.sql$/);

    const before = store.list().length;
    await vscode.commands.executeCommand('datapact.rerunTask', node);
    const rerun = store.list()[0]!;
    assert.equal(store.list().length, before + 1);
    assert.deepEqual(rerun.taskKeys, ['customers_match']);
    assert.deepEqual(rerun.tasks.map((t) => t.task_key), ['customers_match']);
  });

  test('a past Databricks job run, shown from run_history, opens its run page in the workspace', async () => {
    const lakehouse = vscode.Uri.joinPath(folder, 'lakehouse.pact.yml');
    // fixture.ts ran the pact as a job with the CLI beside it and wrote the page built from its ids (runs.json
    // holds the run too, but finished, it is shown from history and never re-attached).
    const expected = readFileSync(join(process.env.DATAPACT_INTEGRATION_OUT!, 'databricks-run-page'), 'utf8').trim();
    const past = store.list().find((r) => r.pactPath === lakehouse.fsPath);
    assert.ok(past, `a run of lakehouse.pact.yml in the store: ${store.list().map((r) => `${basename(r.pactPath)}:${r.origin}`).join(', ')}`);
    assert.equal(past.origin, 'history');
    assert.equal(past.engine, 'databricks');
    assert.equal(past.url, expected);
    const runNode = (await runsChildren()).find((n) => n.kind === 'run' && n.runId === past.runId)!;
    assert.ok(runNode, 'the past run is in the Runs tree');
    assert.equal(api.runsTree.getTreeItem(runNode).contextValue, 'run.url', 'the item offers Open Run Page');
    assert.equal(await vscode.commands.executeCommand('datapact.openRunPage', runNode), expected);
    // A local run has no page: nothing opens (the command shows why in a message rather than throwing).
    const local = store.list().find((r) => r.pactPath === shop.fsPath)!;
    assert.equal(local.url, undefined);
    assert.equal(await vscode.commands.executeCommand('datapact.openRunPage', { kind: 'run', runId: local.runId }), undefined);
  });

  test('Pacts tree: the workspace pacts with their tasks and last results, a run button on each', async () => {
    const pacts = await api.pactsTree.getChildren();
    const names = pacts.map((p) => label(api.pactsTree.getTreeItem(p)));
    assert.deepEqual(names, ['gated.pact.yml', 'lakehouse.pact.yml', 'shop.pact.yml', 'slow.pact.yml']);
    const shopNode = pacts[names.indexOf('shop.pact.yml')]!;
    assert.equal(api.pactsTree.getTreeItem(shopNode).contextValue, 'pact');
    const tasks = (await api.pactsTree.getChildren(shopNode)) as PactsNode[];
    const described = tasks.map((t) => {
      const item = api.pactsTree.getTreeItem(t);
      return `${label(item)} ${item.description} ${item.contextValue}`;
    });
    assert.match(described[0]!, /^orders_match ✔ 3 checks passed · just now pactTask$/);
    assert.match(described[1]!, /^customers_match ✘ 2 checks failed · just now pactTask$/);
    const slowTasks = (await api.pactsTree.getChildren(pacts[names.indexOf('slow.pact.yml')])) as PactsNode[];
    assert.equal(api.pactsTree.getTreeItem(slowTasks[0]!).description, 'not run yet');
  });

  test('failing checks are "DataPact run" diagnostics on the task line, cleared when the task is edited', async () => {
    const editor = await vscode.window.showTextDocument(shop);
    const runDiagnostics = () => vscode.languages.getDiagnostics(shop).filter((d) => d.source === 'DataPact run');
    const found = await waitFor(runDiagnostics, (d) => d.length === 2, 'two run diagnostics');
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('task_key: customers_match'));
    assert.deepEqual(found.map((d) => d.range.start.line), [line, line]);
    assert.deepEqual(found.map((d) => d.message), ['row count failed: off by 20%', 'row hash failed: 2 missing in target']);
    assert.deepEqual(api.annotations.shownResults(editor.document).map((s) => s.last.result.task_key), ['orders_match', 'customers_match']);

    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), '    # edited\n'));
    await waitFor(runDiagnostics, (d) => d.length === 0, 'the run diagnostics to clear');
    assert.deepEqual(api.annotations.shownResults(editor.document).map((s) => s.last.result.task_key), ['orders_match'], 'the edited task lost its result, the other kept it');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
  });

  test('Test Explorer: pacts → tasks → checks; running a task item runs that task and reports it', async () => {
    await api.tests.discover();
    const pact = api.tests.controller.items.get(shop.toString())!;
    assert.ok(pact, 'the shop pact is a test item');
    const taskIds: string[] = [];
    pact.children.forEach((item) => taskIds.push(item.label));
    assert.deepEqual(taskIds, ['orders_match', 'customers_match']);
    const customers = pact.children.get(`${shop.toString()}::customers_match`)!;
    const before = store.list().length;
    const source = new vscode.CancellationTokenSource();
    await api.tests.runProfile.runHandler(new vscode.TestRunRequest([customers]), source.token);
    const run = store.list()[0]!;
    assert.equal(store.list().length, before + 1);
    assert.deepEqual(run.tasks.map((t) => t.task_key), ['customers_match']);
    const checks: string[] = [];
    customers.children.forEach((item) => checks.push(item.label));
    assert.deepEqual(checks, ['row count', 'row hash', 'rows compared']);
    const reported = api.tests.reported.filter((r) => r.testRun === 'DataPact shop.pact.yml').at(-1);
    assert.deepEqual(reported, { testRun: 'DataPact shop.pact.yml', item: customers.id, outcome: 'failed' });
  });

  test('runs started elsewhere show as test results', async () => {
    const count = api.tests.reported.length;
    const run = (await vscode.commands.executeCommand('datapact.runTask', shop.toString(), 'orders_match')) as RunView;
    assert.deepEqual(run.tasks.map((t) => t.task_key), ['orders_match'], 'Run Task runs that task only');
    const fresh = api.tests.reported.slice(count);
    assert.equal(fresh.length, 1, `one result, the task's: ${JSON.stringify(fresh)}`);
    assert.match(fresh[0]!.testRun, /^DataPact run \d+$/);
    assert.equal(fresh[0]!.outcome, 'passed');
  });

  test('a CLI run followed after its first task ended reports each task exactly once', async () => {
    // The gate keeps `gated_orders` running, so the window follows the run with `quick_orders` already ended,
    // however fast the machine: the case where a task's result was once reported twice.
    const gated = vscode.Uri.joinPath(folder, 'gated.pact.yml');
    const cli = join(vscode.extensions.getExtension('datapact.datapact')!.extensionPath, 'dist', 'cli.js');
    const idFile = join(process.env.DATAPACT_INTEGRATION_OUT!, 'cli-run-id');
    // In desktop VS Code the extension host's executable is Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    const child = spawn(process.execPath, [cli, 'run', gated.fsPath, '--run-id-file', idFile], {
      cwd: folder.fsPath, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let gate: { close(): void } | undefined;
    try {
      // `datapact run` prints a task's line once its row is in the results store.
      await waitFor(() => stdout, (text) => /^\S+ quick_orders {2}/m.test(text), `the CLI to finish quick_orders (stderr: ${stderr})`, 60_000);
      const runId = readFileSync(idFile, 'utf8').trim();
      assert.equal(store.get(runId), undefined, 'the window does not know the run yet');
      let firstSeen: RunView | undefined;
      const seen = store.onDidChange((change) => {
        if (change.kind === 'run' && change.run.runId === runId) firstSeen ??= { ...change.run, tasks: change.run.tasks.map((t) => ({ ...t })) };
      });
      try {
        await vscode.commands.executeCommand('datapact.refreshRuns'); // the Runs view's Refresh: re-attaches runs in flight
        const run = await waitFor(() => store.get(runId), (r) => r?.origin === 'attached', 'the CLI run attached in the store');
        assert.deepEqual(firstSeen?.tasks.map((t) => `${t.task_key}:${t.result?.status ?? 'running'}`), ['quick_orders:SUCCESS', 'gated_orders:running'],
          'the window first saw the run with quick_orders already ended');
        gate = feedGate(gatePrefixOf(readFileSync(gated.fsPath, 'utf8')));
        await waitFor(() => run!.state, (state) => state === 'FINISHED', 'the CLI run to end in the window', 120_000);
      } finally {
        seen.dispose();
      }
      assert.equal(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000))]), 0, stderr);
      const reported = api.tests.reported.filter((r) => r.testRun === `DataPact run ${runId}`).map((r) => `${r.item.split('::')[1]}:${r.outcome}`);
      assert.deepEqual(reported.sort(), ['gated_orders:passed', 'quick_orders:passed'], 'each task reported once');
    } finally {
      gate?.close();
      child.kill();
    }
  }, { timeoutMs: 240_000 });

  test('cancelling a Test Explorer run cancels the DataPact run', async () => {
    await api.tests.readPact(slow);
    const item = api.tests.controller.items.get(slow.toString())!.children.get(`${slow.toString()}::slow_orders`)!;
    const source = new vscode.CancellationTokenSource();
    const running = api.tests.runProfile.runHandler(new vscode.TestRunRequest([item]), source.token);
    await waitFor(() => store.active().length, (n) => n === 1, 'the slow run to start');
    source.cancel();
    await running;
    const run = store.list()[0]!;
    assert.equal(run.state, 'CANCELLED');
    // A task the engine could not stop in time keeps its real verdict; any other ends as ERROR, never PASS.
    const task = run.tasks[0]!;
    assert.ok(task.result?.status === 'ERROR' ? /cancelled/.test(task.result.error ?? '') : task.result?.status === 'SUCCESS', JSON.stringify(task));
    assert.equal(api.tests.reported.at(-1)?.item, item.id, 'the test run reported the task');
  });

  test('"Cancel Run" stops a run started from the palette', async () => {
    await vscode.window.showTextDocument(slow);
    const running = vscode.commands.executeCommand('datapact.runPact');
    await waitFor(() => store.active().length, (n) => n === 1, 'the slow run to start');
    const tree = await runsChildren();
    assert.equal(api.runsTree.getTreeItem(tree[0]!).contextValue, 'run.active', 'an active run offers Cancel');
    await vscode.commands.executeCommand('datapact.cancelRun');
    const run = (await running) as RunView;
    assert.equal(run.state, 'CANCELLED');
    assert.equal(store.active().length, 0);
  });

  test('the results view loads under a strict CSP and exchanges typed messages', async () => {
    const run = store.list().find((r) => r.pactPath === shop.fsPath && r.tasks.length === 2 && r.origin === 'started')!;
    await vscode.commands.executeCommand('datapact.showResults', { kind: 'run', runId: run.runId });
    const panel = await waitFor(() => api.results.list()[0], (p) => !!p, 'a results panel');
    await waitFor(() => panel!.received.map((m) => m.type), (types) => types.includes('ready'), 'the webview script to say it is ready');
    const html = panel!.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.match(directives['script-src']!.join(' '), /^'nonce-[A-Za-z0-9+/=]{20,}'$/, 'scripts only with the nonce');
    // Everything else comes from the extension's own files (the webview's resource origin), never from elsewhere.
    const own = new Set([...panel!.panel.webview.cspSource.split(/\s+/), 'data:']);
    for (const [name, sources] of Object.entries(directives)) {
      if (name === 'default-src' || name === 'script-src') continue;
      for (const source of sources!) assert.ok(own.has(source), `${name} allows only the extension's files, not ${source}`);
    }
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    for (const tag of html.match(/<script[^>]*>/g) ?? []) assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} carries the nonce`);
    assert.equal(panel!.panel.title, 'Results: shop.pact.yml');
    assert.equal(panel!.state.runId, run.runId);
    assert.equal(await panel!.post(), true, 'the model reached the webview');
  });

  test('Open Dashboard on an engine without dashboards opens the results view of the pact, and no dashboard view', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.results.list().length, (n) => n === 0, 'the results views to close');
    await vscode.window.showTextDocument(shop);
    const page = await vscode.commands.executeCommand('datapact.openDashboard');
    assert.equal(page, undefined, 'DuckDB names no dashboard page');
    const panel = await waitFor(() => api.results.list()[0], (p) => !!p, 'a results panel');
    assert.equal(panel!.state.pactPath, shop.fsPath);
    assert.equal(api.dashboards.list().length, 0);
  });

  test('status bar shows the last run and opens the Runs view; language status shows the engine', async () => {
    await vscode.window.showTextDocument(shop);
    assert.match(api.status.bar.text, /^\$\((error|pass|warning)\) DataPact$/);
    assert.match(String(api.status.bar.tooltip), /^Last run: /);
    assert.equal(api.status.bar.command, 'datapact.showRuns');
    await waitFor(() => api.status.engine.text, (t) => t === '$(database) DuckDB', 'the engine status');
    await vscode.commands.executeCommand('datapact.showRuns');
  });

  test('Select Profile writes the profile chosen from ~/.databrickscfg', async () => {
    const chosen = await vscode.commands.executeCommand('datapact.selectProfile', 'dev');
    assert.equal(chosen, 'dev');
    assert.equal(vscode.workspace.getConfiguration('datapact').get('databricks.profile'), 'dev');
    await vscode.workspace.getConfiguration('datapact').update('databricks.profile', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('Select Warehouse lists the workspace\'s SQL warehouses through the API and stores the one picked', async () => {
    const settings = () => vscode.workspace.getConfiguration('datapact');
    await settings().update('databricks.profile', 'dev', vscode.ConfigurationTarget.Workspace);
    // No pact editor: the settings alone say where to look (Databricks, profile dev: the workspace emulator).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let settled = false;
    const picked = Promise.resolve(vscode.commands.executeCommand('datapact.selectWarehouse')).finally(() => (settled = true));
    // The first item, sorted by name, is Analytics: accept it once the pick is open (accepting earlier does nothing).
    const deadline = Date.now() + 30_000;
    while (!settled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.equal(await picked, 'a0000000000000a1', 'the id of the warehouse listed first');
    assert.equal(settings().get('databricks.warehouse'), 'a0000000000000a1');
    await settings().update('databricks.warehouse', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('databricks.profile', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('Refresh Catalog says what it did', async () => {
    await vscode.window.showTextDocument(shop);
    await waitFor(() => api.ctx.client?.isRunning() ?? false, (running) => running, 'the language server');
    const answer = (await vscode.commands.executeCommand('datapact.refreshCatalog')) as { dropped: number };
    assert.equal(typeof answer.dropped, 'number');
  });

  void basename;
}

