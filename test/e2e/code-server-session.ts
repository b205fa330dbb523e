/**
 * A real VS Code for the end-to-end tests: code-server 4.100.3 (installed by scripts/e2e/install.sh into the
 * git-ignored .e2e/) with the DataPact .vsix in a fresh extensions dir, serving one workspace on 127.0.0.1, and
 * a headless Debian chromium, driven by playwright-core, showing the workbench.
 * Everything lives in one temp dir; `stop()` ends both process groups and removes it, whatever state they are in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO } from './extension-package';

export const CODE_SERVER = join(REPO, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.DATAPACT_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Why the e2e tests cannot run on this machine, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(CODE_SERVER)) return 'code-server not installed: run scripts/e2e/install.sh';
  if (!existsSync(CHROMIUM)) return `chromium not installed (${CHROMIUM}): run scripts/e2e/install.sh`;
  return undefined;
}

/** A running code-server with a browser page on its workbench. */
export interface Session {
  page: Page;
  /** code-server's own log (extension host errors show up here). */
  log(): string;
  stop(): Promise<void>;
  /** The workbench's address (to open it again, as a reload does). */
  url: string;
}

/** The workbench settings of a quiet, offline test profile. */
export const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.codeLens': true,
  // VS Code in the browser saves after a delay by default, desktop VS Code does not: an edit the journeys make
  // stays an unsaved edit (and the save's dirty-state events cannot stand in for the edit's own events).
  'files.autoSave': 'off',
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface SessionOptions {
  vsix: string;
  workspace: string;
  tempDir: string;
  /** More extensions to install (the integration suite's runner). */
  extraVsix?: string[];
  /** Environment for code-server and so its extension hosts. */
  env?: Record<string, string>;
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const dir = mkdtempSync(join(options.tempDir, 'code-server-'));
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  const profile = join(dir, 'chromium-profile');
  const config = join(dir, 'config.yaml');
  const logFile = join(dir, 'code-server.log');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const port = await freePort();
  // Always an explicit config: without one, code-server writes and later reads ~/.config/code-server.
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  // code-server keeps its own logs and a heartbeat under XDG_DATA_HOME: the temp dir, not the user's home.
  const env = { ...process.env, ...options.env, XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CONFIG_HOME: join(dir, 'xdg-config') };

  for (const vsix of [options.vsix, ...(options.extraVsix ?? [])]) {
    const install = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { encoding: 'utf8', env });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) {
      throw new Error(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
    }
  }

  // detached: code-server leads its own process group (extension hosts, the language server, file watchers),
  // so one signal to the group ends them all.
  const out = openSync(logFile, 'a');
  const server = spawn(CODE_SERVER, [...common, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', options.workspace], { detached: true, stdio: ['ignore', out, out], env });
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  let context: BrowserContext | undefined;
  const stop = async () => {
    await withDeadline(context?.close(), 15_000);
    killChromiumUsing(profile);
    await stopGroup(server);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(port, server, log);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      env, // its crash-report folder goes under XDG_CONFIG_HOME too
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`);
    return { page, log, stop, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}` };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(port: number, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}:\n${log()}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer on port ${port} within 60 s:\n${log()}`);
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after 5 s (extension hosts wait for reconnection). */
async function stopGroup(server: ChildProcess): Promise<void> {
  const pgid = server.pid;
  if (pgid === undefined) return;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-pgid, name);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && signal(0)) await new Promise((r) => setTimeout(r, 100));
  signal('SIGKILL');
}

/** Playwright closes its browser; this is the safety net: chromium processes started with our own profile dir. */
function killChromiumUsing(profile: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // the process ended while we looked
    }
  }
}

async function withDeadline(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!promise) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
