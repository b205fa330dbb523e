/**
 * A {@link BuilderHost} over one folder of the file system (what `datapact app` serves): pact files are read and
 * written only inside it, whatever a request says. A path is refused when it is absolute, climbs out (`..`),
 * passes through a link that leads outside, or names anything but a regular `.yml`/`.yaml` file; writes are
 * atomic (a temporary file renamed over the target), so a failed write leaves the old file whole.
 */
import { lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CatalogProvider } from '../catalog/catalog-provider';
import { EngineConfigError } from '../engine/engine-errors';
import type { RunHandle } from '../engines/engine-plugin';
import type { EngineConfig, Pact } from '../model/pact';
import { resolveEngineConfig } from '../engine/engine-config';
import { processEngineHost } from '../engines/create-engine';
import { openInitSource } from '../init/open-init-source';
import type { InitSource } from '../init/init-source';
import { attachPactRun, readPactHistory, startPactRun } from './builder-runs';
import type { HistoryEntry } from '../engine/engine';
import { readLocalRuns, type LocalRunRecord } from '../runs/local-runs';
import type { DashboardOutcome } from '../dashboard/ensure-dashboard';
import { openWorkspaceSession } from '../dashboard/open-session';
import { setupDashboard } from '../dashboard/setup-dashboard';
import { requireWorkspaceEngine } from '../dashboard/workspace-session';
import { BuilderRequestError, type BuilderHost } from './builder-service';

/** The largest pact the builder reads: more than any hand-made pact, far less than memory. */
export const MAX_PACT_BYTES = 20 * 1024 * 1024;
const PACT_NAME = /\.ya?ml$/i;
const LISTED_PACT = /(\.pact\.ya?ml|^datapact[^/]*\.ya?ml)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.datapact', 'dist']);
const DUCKDB_FILE = /\.(duckdb|ddb|db)$/i;
const TABLE_FILE = /\.(parquet|csv)$/i;
const LIST_DEPTH = 4;

export interface PactFolderOptions {
  /** Opens the catalog provider for an engine block; the host confines relative catalog paths first. */
  openCatalogProvider(engine: Record<string, unknown> | undefined, pactFolder: string): Promise<CatalogProvider>;
  /**
   * Whether catalogs and results must lie inside the folder too (default true: `datapact app` serves a network
   * socket). The editor's builder works for the person at the keyboard, whose pacts may read catalogs anywhere.
   */
  confineCatalogs?: boolean;
}

export class PactFolderHost implements BuilderHost {
  private constructor(
    /** The folder's real path (links resolved): every path is checked against it. */
    readonly root: string,
    private readonly options: PactFolderOptions,
  ) {}

  static async create(folder: string, options: PactFolderOptions): Promise<PactFolderHost> {
    const root = await realpath(resolve(folder));
    if (!(await stat(root)).isDirectory()) throw new BuilderRequestError(`${folder} is not a folder`);
    return new PactFolderHost(root, options);
  }

  async catalogProvider(engine: Record<string, unknown> | undefined): Promise<CatalogProvider> {
    await this.confineCatalogs(engine);
    return this.options.openCatalogProvider(engine, this.root);
  }

  private async confineCatalogs(engine: Record<string, unknown> | undefined): Promise<void> {
    const catalogs = engine?.catalogs;
    if (this.options.confineCatalogs !== false && catalogs !== undefined && catalogs !== null && typeof catalogs === 'object') {
      for (const [name, path] of Object.entries(catalogs)) {
        if (typeof path !== 'string') throw new BuilderRequestError(`catalog ${JSON.stringify(name)}: a path is a string`);
        await this.inside(path, 'catalog');
      }
    }
  }

  async initSource(engine: Record<string, unknown> | undefined): Promise<InitSource> {
    await this.confineCatalogs(engine);
    const config = resolveEngineConfig(engine as EngineConfig | undefined, join(this.root, 'builder.pact.yml'));
    return openInitSource(config, processEngineHost());
  }

  async listPacts(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      const entries = await readdir(folder, { withFileTypes: true });
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(folder, entry.name);
        if (entry.isDirectory() && depth < LIST_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) await walk(path, depth + 1);
        else if (entry.isFile() && LISTED_PACT.test(entry.name)) found.push(relative(this.root, path).split(sep).join('/'));
      }
    };
    await walk(this.root, 0);
    return found;
  }

  async readPact(path: string): Promise<string> {
    const absolute = await this.inside(path, 'pact');
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) throw new BuilderRequestError(`${path} does not exist`);
    if (!info.isFile()) throw new BuilderRequestError(`${path} is not a regular file`);
    if (info.size > MAX_PACT_BYTES) throw new BuilderRequestError(`${path} is ${info.size} bytes; the builder opens pacts of at most ${MAX_PACT_BYTES}`);
    return readFile(absolute, 'utf8');
  }

  async writePact(path: string, text: string, options: { overwrite: boolean }): Promise<string> {
    const absolute = await this.inside(path, 'pact');
    const existing = await lstat(absolute).catch(() => undefined);
    if (existing && !existing.isFile()) throw new BuilderRequestError(`${path} is not a regular file`);
    if (existing && !options.overwrite) throw new BuilderRequestError(`${path} exists`);
    await mkdir(dirname(absolute), { recursive: true });
    // The folder just made must still be inside (a link created meanwhile would not be).
    await this.inside(path, 'pact');
    const temporary = `${absolute}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, absolute);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return relative(this.root, absolute).split(sep).join('/');
  }

  async listCatalogFiles(): Promise<string[]> {
    const found: string[] = [];
    // A folder catalog holds schema folders of table files: a folder whose sub-folders hold Parquet/CSV files.
    const holdsTables = async (folder: string) =>
      (await readdir(folder, { withFileTypes: true })).some((e) => e.isFile() && TABLE_FILE.test(e.name));
    const walk = async (folder: string, depth: number): Promise<void> => {
      const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      let isCatalog = false;
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isFile() && DUCKDB_FILE.test(entry.name)) found.push(this.relative(path));
        else if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
          if (folder !== this.root && !isCatalog && (await holdsTables(path))) {
            isCatalog = true;
            found.push(this.relative(folder));
          } else if (depth < LIST_DEPTH) await walk(path, depth + 1);
        }
      }
    };
    await walk(this.root, 0);
    return found.sort();
  }

  async startRun(path: string, pact: Pact, taskKeys?: string[]): Promise<RunHandle> {
    const absolute = await this.runnablePact(path, pact);
    return refusingConfigErrors(() => startPactRun(pact, absolute, taskKeys));
  }

  async runRecords(path: string): Promise<LocalRunRecord[]> {
    const absolute = await this.inside(path, 'pact');
    return readLocalRuns(absolute).filter((record) => resolve(record.pact) === absolute);
  }

  async attachRun(path: string, pact: Pact, runId: string): Promise<RunHandle> {
    const absolute = await this.runnablePact(path, pact);
    return refusingConfigErrors(() => attachPactRun(pact, absolute, runId));
  }

  async runHistory(path: string, pact: Pact, limit: number): Promise<HistoryEntry[]> {
    const absolute = await this.runnablePact(path, pact);
    return refusingConfigErrors(() => readPactHistory(pact, absolute, limit));
  }

  async setupDashboard(path: string, pact: Pact): Promise<DashboardOutcome> {
    const absolute = await this.inside(path, 'pact');
    return refusingConfigErrors(async () => {
      const config = resolveEngineConfig(pact.engine, absolute);
      requireWorkspaceEngine(config, 'Dashboards');
      return setupDashboard(await openWorkspaceSession(config, processEngineHost()), config, absolute);
    });
  }

  /** The pact's absolute path; a run reads the catalogs and writes the results its pact names: those stay inside too. */
  private async runnablePact(path: string, pact: Pact): Promise<string> {
    const absolute = await this.inside(path, 'pact');
    const pactFolder = relative(this.root, dirname(absolute));
    if (this.options.confineCatalogs !== false) for (const catalogPath of Object.values(pact.engine?.catalogs ?? {})) await this.inside(join(pactFolder, catalogPath), 'catalog');
    if (this.options.confineCatalogs !== false && pact.engine?.results !== undefined) await this.inside(join(pactFolder, pact.engine.results), 'catalog');
    return absolute;
  }

  private relative(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  /** The absolute path of `path` inside the folder, or a refusal naming why. */
  private async inside(path: string, what: 'pact' | 'catalog'): Promise<string> {
    if (path.includes('\u0000') || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) {
      throw new BuilderRequestError(`the ${what} path must be relative to the pact folder`);
    }
    const absolute = resolve(this.root, path);
    if (!isWithin(this.root, absolute)) throw new BuilderRequestError(`the ${what} path must stay inside the pact folder`);
    if (what === 'pact' && !PACT_NAME.test(absolute)) throw new BuilderRequestError('a pact file name ends in .yml or .yaml');
    // Resolve links on the longest existing prefix: a link inside that leads outside is refused.
    let existing = absolute;
    for (;;) {
      const real = await realpath(existing).catch(() => undefined);
      if (real !== undefined) {
        if (!isWithin(this.root, real)) throw new BuilderRequestError(`the ${what} path leads outside the pact folder`);
        break;
      }
      const parent = dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
    return absolute;
  }
}

/** An engine's configuration error (no warehouse, not signed in) is the person's to fix: shown as is. */
async function refusingConfigErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EngineConfigError) throw new BuilderRequestError(error.message);
    throw error;
  }
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
