/**
 * Makes the catalogs of a pact's `engine` block visible to a DuckDB instance, under their pact names:
 * a DuckDB file is attached read-only; a folder becomes an in-memory catalog whose subfolders are schemas and
 * whose *.parquet / *.csv files are views (so `lake.sales.orders` reads `lake/sales/orders.parquet`). Files at the
 * folder's top level land in schema `main`; a subfolder of Parquet files inside a schema folder is one table
 * (a partitioned data set; its `key=value` folders become columns only with `hive_partitioning: true`).
 *
 * A folder catalog means exactly what its files say, or it is refused with a message naming the files:
 * - file names are literal: `u[1].parquet` is read as that file, never as a glob matching `u1.parquet`;
 * - DuckDB names ignore case, so two files or folders whose names differ only by case (`Orders.parquet`,
 *   `orders.csv`), or two columns of one file that do (`a`, `A`, which DuckDB would read as `a` and `A_1`),
 *   would let a pact read other data than it names: refused;
 * - only regular files are read: a FIFO, device or socket is refused before DuckDB opens it (it would block
 *   or never end).
 *
 * ATTACH is instance-wide in DuckDB, so attaching on one connection serves every connection of the instance.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join, basename, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineConfigError } from '../engine/engine-errors';
import { oneLineEngineMessage } from '../engine/engine-message';
import { specialFileKind } from '../text/file-kind';
import { quoteDuckDbIdentifier, duckDbStringLiteral } from './duckdb-quote';

export class CatalogConfigError extends EngineConfigError {}

export interface AttachOptions {
  /** Read `key=value` folders of a partitioned table as columns (DuckDB's hive partitioning). Off by default. */
  hivePartitioning?: boolean;
}

type Reader = 'parquet' | 'csv';

const TABLE_READERS: Record<string, Reader> = {
  '.parquet': 'parquet',
  '.csv': 'csv',
  '.tsv': 'csv',
};

export async function attachCatalogs(
  connection: DuckDBConnection,
  catalogs: Record<string, string>,
  options: AttachOptions = {},
): Promise<void> {
  for (const [name, path] of Object.entries(catalogs)) {
    const stats = statOrUndefined(path);
    if (!stats) throw new CatalogConfigError(`catalog "${name}": ${path} does not exist`);
    const special = specialFileKind(stats);
    if (special) throw new CatalogConfigError(`catalog "${name}": ${path} is ${special}, not a DuckDB file or a folder`);
    try {
      if (stats.isDirectory()) {
        await new FolderCatalog(connection, name, path, options).attach();
      } else {
        await connection.run(`ATTACH ${duckDbStringLiteral(path)} AS ${quoteDuckDbIdentifier(name)} (READ_ONLY)`);
      }
    } catch (error) {
      if (error instanceof CatalogConfigError) throw error;
      throw new CatalogConfigError(`catalog "${name}" (${path}): ${oneLineEngineMessage(error)}`);
    }
  }
}

/** A path DuckDB reads as written: its glob characters are bracketed (`[` -> `[[]`, `*` -> `[*]`, `?` -> `[?]`). */
export function literalGlobPath(path: string): string {
  return path.replace(/[[*?]/g, (c) => `[${c}]`);
}

interface TableSource {
  /** The table's name: the file name without its extension, or the folder's name. */
  name: string;
  /** The entry it comes from, as written in the folder. */
  entry: string;
  path: string;
  reader: Reader;
  /** A folder of Parquet files (one partitioned table). */
  folder: boolean;
}

class FolderCatalog {
  private readonly catalog: string;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly name: string,
    private readonly root: string,
    private readonly options: AttachOptions,
  ) {
    this.catalog = quoteDuckDbIdentifier(name);
  }

  async attach(): Promise<void> {
    const schemaFolders = this.entries(this.root).filter(({ stats }) => stats.isDirectory());
    this.refuseCaseTwins(this.root, schemaFolders.map((f) => ({ name: f.entry, entry: `${f.entry}/` })), 'schema');
    await this.connection.run(`ATTACH ':memory:' AS ${this.catalog}`);
    await this.createViews(`${this.catalog}."main"`, this.root, false);
    for (const { entry } of schemaFolders) {
      const schema = `${this.catalog}.${quoteDuckDbIdentifier(entry)}`;
      await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await this.createViews(schema, join(this.root, entry), true);
    }
  }

  /** The visible entries of a folder with their stats (following symbolic links), sorted by name. */
  private entries(folder: string): { entry: string; path: string; stats: Stats }[] {
    return readdirSync(folder)
      .filter((entry) => !entry.startsWith('.'))
      .sort()
      .flatMap((entry) => {
        const path = join(folder, entry);
        const stats = statOrUndefined(path);
        return stats ? [{ entry, path, stats }] : [];
      });
  }

  /** One view per data file in `folder`; with `tableFolders`, also one per subfolder holding Parquet files. */
  private async createViews(schema: string, folder: string, tableFolders: boolean): Promise<void> {
    const tables: TableSource[] = [];
    for (const { entry, path, stats } of this.entries(folder)) {
      if (stats.isDirectory()) {
        if (tableFolders && this.containsParquet(path)) tables.push({ name: entry, entry: `${entry}/`, path, reader: 'parquet', folder: true });
        continue;
      }
      const reader = TABLE_READERS[extname(entry).toLowerCase()];
      if (!reader) continue;
      this.refuseSpecial(path, stats);
      tables.push({ name: basename(entry, extname(entry)), entry, path, reader, folder: false });
    }
    this.refuseCaseTwins(folder, tables, 'table');
    for (const table of tables) {
      await this.refuseCaseTwinColumns(table);
      await this.connection.run(`CREATE VIEW ${schema}.${quoteDuckDbIdentifier(table.name)} AS SELECT * FROM ${this.source(table)}`);
    }
  }

  private source(table: TableSource): string {
    if (!table.folder) {
      const reader = table.reader === 'parquet' ? 'read_parquet' : 'read_csv_auto';
      return `${reader}(${duckDbStringLiteral(literalGlobPath(table.path))})`;
    }
    const files = duckDbStringLiteral(`${literalGlobPath(table.path)}/**/*.parquet`);
    return `read_parquet(${files}, hive_partitioning = ${this.options.hivePartitioning ? 'true' : 'false'})`;
  }

  private containsParquet(folder: string): boolean {
    let found = false;
    for (const { path, entry, stats } of this.entries(folder)) {
      if (stats.isDirectory()) {
        found = this.containsParquet(path) || found;
      } else if (extname(entry).toLowerCase() === '.parquet') {
        this.refuseSpecial(path, stats);
        found = true;
      }
    }
    return found;
  }

  private refuseSpecial(path: string, stats: Stats): void {
    const special = specialFileKind(stats);
    if (special) throw this.error(`${this.shown(path)} is ${special}, not a regular file: it cannot be read as a table`);
  }

  /** Names that DuckDB would take for one (it ignores case) are refused, naming both entries. */
  private refuseCaseTwins(folder: string, named: { name: string; entry: string }[], what: 'table' | 'schema'): void {
    const seen = new Map<string, string>();
    const shown = (entry: string) => `${this.shown(join(folder, entry))}${entry.endsWith('/') ? '/' : ''}`;
    for (const { name, entry } of named) {
      const twin = seen.get(name.toLowerCase());
      if (twin !== undefined) {
        throw this.error(
          `${shown(twin)} and ${shown(entry)} would be the same ${what} '${name}' (DuckDB names ignore case): rename or remove one`,
        );
      }
      seen.set(name.toLowerCase(), entry);
    }
  }

  /** Columns whose names differ only by case: DuckDB reads the second as `A_1`, so a pact's `A` would read `a`. */
  private async refuseCaseTwinColumns(table: TableSource): Promise<void> {
    const names = await this.rawColumnNames(table);
    const seen = new Map<string, string>();
    for (const column of names) {
      const twin = seen.get(column.toLowerCase());
      if (twin !== undefined) {
        throw this.error(
          `${this.shown(table.path)} has columns '${twin}' and '${column}', which differ only by case: ` +
            `DuckDB cannot tell them apart (it would read one for the other); rename one`,
        );
      }
      seen.set(column.toLowerCase(), column);
    }
  }

  /** The column names as the file spells them (DuckDB's own readers rename a case twin to `name_1`). */
  private async rawColumnNames(table: TableSource): Promise<string[]> {
    try {
      return await this.readRawColumnNames(table);
    } catch {
      // An unreadable file is reported by the view that reads it.
      return [];
    }
  }

  private async readRawColumnNames(table: TableSource): Promise<string[]> {
    if (table.reader === 'csv') {
      const file = duckDbStringLiteral(literalGlobPath(table.path));
      const sniffed = await this.connection.runAndReadAll(`SELECT HasHeader FROM sniff_csv(${file})`);
      if (sniffed.getRowsJson()[0]?.[0] !== true) return [];
      const reader = await this.connection.runAndReadAll(`SELECT * FROM read_csv(${file}, header = false, all_varchar = true) LIMIT 1`);
      const first = reader.getRowsJson()[0] ?? [];
      return first.filter((v): v is string => typeof v === 'string');
    }
    const pattern = table.folder ? `${literalGlobPath(table.path)}/**/*.parquet` : literalGlobPath(table.path);
    const reader = await this.connection.runAndReadAll(
      `SELECT file_name, name, num_children FROM parquet_schema(${duckDbStringLiteral(pattern)})`,
    );
    // parquet_schema lists each file's schema tree in pre-order: the root, then each top-level column followed by
    // its nested fields. Only top-level names become columns.
    const names: string[] = [];
    let file: unknown;
    let pendingAtTop = 0;
    const stack: number[] = [];
    for (const [fileName, name, children] of reader.getRowsJson()) {
      const childCount = Number(children ?? 0);
      if (fileName !== file) {
        file = fileName;
        pendingAtTop = childCount;
        stack.length = 0;
        continue;
      }
      if (stack.length === 0) {
        if (pendingAtTop > 0) {
          pendingAtTop--;
          names.push(String(name));
        }
      } else {
        stack[stack.length - 1]!--;
      }
      if (childCount > 0) stack.push(childCount);
      while (stack.length > 0 && stack[stack.length - 1] === 0) stack.pop();
    }
    // A partitioned table has one schema per file: each name once.
    return table.folder ? [...new Set(names)] : names;
  }

  private shown(path: string): string {
    return relative(this.root, path) || '.';
  }

  private error(message: string): CatalogConfigError {
    return new CatalogConfigError(`catalog "${this.name}" (${this.root}): ${message}`);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
