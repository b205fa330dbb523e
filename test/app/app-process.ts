/** `datapact app` as a child process of the built CLI on 127.0.0.1 with a free port, stopped by each test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../unit/cli-run-helpers';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');
const START_DEADLINE_MS = 20_000;

export interface AppProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** Sends SIGINT and resolves with the exit code (deadline: 10 s, then SIGKILL and a rejection). */
  stop(): Promise<number | null>;
}

/** @param env the app's whole environment when given (e.g. a Databricks profile file and nothing else) */
export async function startApp(folder: string, extraArgs: string[] = [], env?: NodeJS.ProcessEnv): Promise<AppProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [CLI, 'app', '--port', '0', '--folder', folder, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`datapact app did not print its URL within ${START_DEADLINE_MS} ms: ${stdout}${stderr}`));
    }, START_DEADLINE_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`datapact app exited ${code}: ${stdout}${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolveCode, reject) => {
        if (child.exitCode !== null) return resolveCode(child.exitCode);
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error('datapact app did not stop within 10 s of SIGINT'));
        }, 10_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolveCode(code);
        });
        child.kill('SIGINT');
      }),
  };
}
