/** The built CLI run asynchronously (the emulator in this process must keep answering), with a deadline. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliAsync(args: string[], cwd: string, env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    // A clean environment: no DATABRICKS_* of the machine running the tests, a home without ~/.databrickscfg.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATABRICKS_')));
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...base, HOME: cwd, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`datapact ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
