/**
 * Runs started from the editor go on in a process of their own: the bundled `datapact run`, detached from the
 * extension host, so a window reload (which ends the extension host) never ends a run. The window then follows the
 * run like any other run in flight, by id through `Engine.attach` (a DuckDB run from its results store, a
 * Databricks run from its job run), and "Cancel Run" reaches the process through the handle's `cancel`.
 * The run id comes back through `--run-id-file`; a run that cannot start exits 2 and its message is thrown here.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a detached run is started with: the pact file (saved) and the settings that override its engine block. */
export interface DetachedRunRequest {
  pactPath: string;
  taskKeys?: readonly string[];
  engine?: string;
  profile?: string;
  warehouse?: string;
}

/** A Databricks run may start a warehouse and deploy a job before it has an id. */
const START_DEADLINE_MS = 15 * 60_000;
const POLL_MS = 50;

/**
 * Starts `datapact run` (the CLI bundle at `cliPath`) detached and resolves with the run id once the run has
 * started (its start recorded in the engine's store and in `.datapact/runs.json`).
 */
export async function startDetachedRun(cliPath: string, request: DetachedRunRequest): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'datapact-run-'));
  const idFile = join(scratch, 'run-id');
  const errFile = join(scratch, 'stderr');
  const args = [cliPath, 'run', request.pactPath, '--quiet', '--format', 'json', '--run-id-file', idFile];
  for (const key of request.taskKeys ?? []) args.push('--task', key);
  if (request.engine) args.push('--engine', request.engine);
  if (request.profile) args.push('--profile', request.profile);
  if (request.warehouse) args.push('--warehouse', request.warehouse);
  const errFd = openSync(errFile, 'w');
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  try {
    // In desktop VS Code the extension host's executable is Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    const child = spawn(process.execPath, args, {
      cwd: dirname(request.pactPath),
      detached: true,
      stdio: ['ignore', 'ignore', errFd],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    child.on('exit', (code, signal) => (exit = { code, signal }));
    child.on('error', (error) => (spawnError = error));
    child.unref();
  } finally {
    closeSync(errFd);
  }
  try {
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (existsSync(idFile)) return readFileSync(idFile, 'utf8').trim();
      if (spawnError) throw new Error(`the run could not start: ${spawnError.message}`);
      if (exit) throw new Error(startFailure(readFileSync(errFile, 'utf8'), exit));
      if (Date.now() > deadline) throw new Error(`the run did not start within ${START_DEADLINE_MS / 60_000} minutes`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    // The child keeps its own descriptor of the error file; removing the folder costs it nothing.
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The CLI's own message (`datapact run: the pact reads catalog "x", …`) without its prefix. */
function startFailure(stderr: string, exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const message = lines.map((line) => line.replace(/^datapact run: /, '')).join('; ');
  if (message) return message;
  return `the run ended before it started (${exit.signal ?? `exit code ${exit.code}`})`;
}
