// Language server latency: ours (dist/server.js) beside Red Hat's yaml-language-server (with our schema via
// `yaml.schemas`) on the same generated 1,000-task pact, in one run. Usage: npm run build && node bench/lsp-bench.mjs
// Exports runLspBench() for scripts/bench.mjs. Measures wall-clock from the client's message to the server's answer.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import rpc from 'vscode-languageserver-protocol/node';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TASKS = 1000;
const EDITS = 15;
const COMPLETIONS = 25;

/** A DuckDB catalog with the tables the pact names (so our server runs its catalog checks too). */
async function buildCatalog(dir) {
  const instance = await DuckDBInstance.create(join(dir, 'wh.duckdb'));
  const connection = await instance.connect();
  for (let i = 0; i < 20; i++) {
    await connection.run(`CREATE TABLE src_${i} (id INTEGER PRIMARY KEY, name VARCHAR, amount DOUBLE, status VARCHAR)`);
    await connection.run(`CREATE TABLE tgt_${i} (id INTEGER PRIMARY KEY, name VARCHAR, amount DOUBLE, status VARCHAR)`);
  }
  connection.closeSync();
  instance.closeSync();
}

/**
 * A pact written the way people write them (like examples/*.pact.yml): a header comment block, a comment line
 * above each task and trailing comments after some values, flow lists and mappings, quoted filters.
 */
export function generatePact(tasks = TASKS) {
  const lines = [
    '# Warehouse migration: every table of the old system against its copy, checked locally on DuckDB.',
    '# Generated for the language-server benchmark (bench/lsp-bench.mjs).',
    'engine:',
    '  type: duckdb',
    '  catalogs:',
    '    wh: wh.duckdb   # built beside this file by the benchmark',
    '',
    'validations:',
  ];
  for (let i = 0; i < tasks; i++) {
    const t = i % 20;
    lines.push(
      `  # Task ${i}: src_${t} against tgt_${t}, rows above amount ${i}.`,
      `  - task_key: task_${i}`,
      '    source_catalog: wh',
      '    source_schema: main',
      `    source_table: src_${t}`,
      '    target_catalog: wh',
      '    target_schema: main',
      `    target_table: tgt_${t}`,
      '    primary_keys: [id]  # the business key',
      `    filter: "amount > ${i} AND status <> 'void'"`,
      '    count_tolerance: 0.01',
      '    null_validation_tolerance: 0.05 # 5 % of the rows',
      // One typo in the last task: a finding only a catalog-aware server can make (it marks the full check).
      i === tasks - 1 ? '    null_validation_columns: [name, stauts]' : '    null_validation_columns: [name, status]',
      '    agg_validations:',
      '      - column: amount',
      '        validations:',
      '          - { agg: SUM, tolerance: 0.001 }  # totals must match',
    );
  }
  return `${lines.join('\n')}\n`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function startClient(name, command, args, settings) {
  const child = spawn(process.execPath, [...command, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = [];
  let counts = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const w of [...waiting]) {
      if (w.accept(params)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(params);
      }
    }
    counts = params.diagnostics.length;
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => settings[item.section] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: {},
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });
  return {
    name,
    connection,
    lastCount: () => counts,
    nextDiagnostics(accept = () => true) {
      return new Promise((resolve) => waiting.push({ accept, resolve }));
    },
    async stop() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
}

const debug = process.env.LSP_BENCH_DEBUG ? (...a) => console.error('[bench]', ...a) : () => undefined;

async function measure(client, uri, text, { fullCheck }) {
  debug(client.name, 'open');
  // Open: until the first diagnostics, and (ours) until the catalog findings are in too.
  let start = performance.now();
  const first = client.nextDiagnostics((p) => p.uri === uri);
  const full = fullCheck ? client.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unknown-column')) : undefined;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const firstDiagnostics = await first;
  debug(client.name, 'first diagnostics', firstDiagnostics.diagnostics.length);
  const openMs = performance.now() - start;
  let openFullMs;
  if (full) {
    await full;
    openFullMs = performance.now() - start;
  }
  // Edits: one character typed in a task in the middle of the file; time until that version's diagnostics.
  const lines = text.split('\n');
  const target = lines.findIndex((l) => l.includes(`task_key: task_${Math.floor(TASKS / 2)}`)) + 9; // its count_tolerance line
  const editMs = [];
  const editFullMs = [];
  let version = 1;
  for (let i = 0; i < EDITS; i++) {
    version++;
    const digit = String(i % 10);
    const character = lines[target].length;
    const done = client.nextDiagnostics((p) => p.uri === uri && (p.version === undefined || p.version === version));
    // Ours answers an edit inside one task quickly for that task, then publishes the full check of the file.
    let seen = 0;
    const complete = fullCheck ? client.nextDiagnostics((p) => p.uri === uri && p.version === version && ++seen === 2) : undefined;
    start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character }, end: { line: target, character: i === 0 ? character : character + 1 } }, text: digit }],
    });
    if (i === 0) lines[target] += digit;
    else lines[target] = lines[target].slice(0, -1) + digit;
    await done;
    editMs.push(performance.now() - start);
    if (complete) {
      await complete;
      editFullMs.push(performance.now() - start);
    }
    debug(client.name, 'edit', i, editMs.at(-1));
  }
  // Completion: a key on a new line in the last task's mapping, and a column in a flow sequence.
  const keyPosition = { line: target, character: 4 };
  const columnLine = lines.findIndex((l, n) => n > target && l.includes('null_validation_columns: [name, status]'));
  const valuePosition = { line: columnLine, character: lines[columnLine].indexOf('status') };
  const keyMs = [];
  const valueMs = [];
  let keyItems = 0;
  let valueItems = 0;
  for (let i = 0; i < COMPLETIONS; i++) {
    start = performance.now();
    const keys = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: keyPosition });
    keyMs.push(performance.now() - start);
    keyItems = (Array.isArray(keys) ? keys : keys?.items ?? []).length;
    start = performance.now();
    const values = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: valuePosition });
    valueMs.push(performance.now() - start);
    valueItems = (Array.isArray(values) ? values : values?.items ?? []).length;
  }
  return {
    server: client.name,
    openMs,
    openFullMs,
    firstDiagnosticCount: firstDiagnostics.diagnostics.length,
    editMedianMs: median(editMs),
    ...(editFullMs.length ? { editFullCheckMedianMs: median(editFullMs) } : {}),
    completionKeyMedianMs: median(keyMs),
    completionValueMedianMs: median(valueMs),
    keyItems,
    valueItems,
  };
}

export async function runLspBench({ tasks = TASKS, log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'datapact-lsp-bench-'));
  try {
    await buildCatalog(dir);
    const text = generatePact(tasks);
    const file = join(dir, 'big.pact.yaml');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const schemaUri = pathToFileURL(join(ROOT, 'schemas', 'pact.schema.json')).toString();
    const ours = await startClient('datapact', [join(ROOT, 'dist', 'server.js')], ['--stdio'], { datapact: { engine: '' } });
    const yamlSettings = { yaml: { schemas: { [schemaUri]: ['*.pact.yaml'] }, validate: true, completion: true, hover: true, format: { enable: false } }, http: {}, '[yaml]': {}, editor: {}, files: {} };
    const redhat = await startClient('yaml-language-server', [join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server')], ['--stdio'], yamlSettings);
    const results = [];
    try {
      for (const client of [ours, redhat]) {
        // Warm-up on a small pact so one-time start-up (grammar and schema loading) is not counted as latency.
        // Ours publishes in stages (loader findings, then SQL syntax, then the catalog): the warm-up ends with the
        // last stage (its typo is a catalog finding), so that the open below starts on an idle server.
        const warmFile = pathToFileURL(join(dir, `warm-${client.name}.pact.yaml`)).toString(); // beside the catalog
        const staged = client === ours;
        const warm = client.nextDiagnostics((p) => p.uri === warmFile && (!staged || p.diagnostics.some((d) => d.code === 'unknown-column')));
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: warmFile, languageId: 'yaml', version: 1, text: generatePact(3) } });
        await warm;
        debug(client.name, 'warm');
        results.push(await measure(client, uri, text, { fullCheck: client === ours }));
      }
    } finally {
      await ours.stop();
      await redhat.stop();
    }
    const ratio = (key) => results[0][key] / results[1][key];
    const summary = {
      tasks,
      lines: text.split('\n').length,
      results,
      ratios: {
        open: ratio('openMs'),
        edit: ratio('editMedianMs'),
        editFullCheck: results[0].editFullCheckMedianMs / results[1].editMedianMs,
        completionKey: ratio('completionKeyMedianMs'),
        completionValue: ratio('completionValueMedianMs'),
      },
    };
    log(JSON.stringify(summary, null, 2));
    return summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runLspBench();
}
