/**
 * Synchronous answers from a catalog, for pure checks. The catalog itself is asynchronous (files, network):
 * `CatalogMemo` asks a provider what a pact needs, keeps the answers, and then answers synchronously.
 */
import type { CatalogInfo, CatalogProvider, SchemaInfo, TableInfo } from './catalog-provider';
import { CatalogUnavailableError } from './catalog-provider';
import { rawTasks, SIDES, tableRef } from './pact-tasks';

/** What a check may ask. `undefined` means "not known" (not loaded or not reachable): checks then stay silent. */
export interface CatalogAnswers {
  /** Set when the provider as a whole cannot be used. */
  readonly unavailable?: string;
  catalogs(): readonly CatalogInfo[] | undefined;
  schemas(catalog: string): readonly SchemaInfo[] | undefined;
  tables(catalog: string, schema: string): readonly TableInfo[] | undefined;
}

/** The lookups a pact needs: the catalog list, the schemas of each catalog, the tables of each schema. */
export interface CatalogQuestions {
  catalogs: string[];
  schemas: Array<[catalog: string, schema: string]>;
}

export function catalogQuestions(raw: unknown): CatalogQuestions {
  const catalogs = new Set<string>();
  const schemas = new Map<string, [string, string]>();
  for (const task of rawTasks(raw)) {
    for (const side of SIDES) {
      const catalog = task.get(`${side}_catalog`)?.value;
      if (typeof catalog !== 'string') continue;
      catalogs.add(catalog);
      const ref = tableRef(task, side);
      if (ref) schemas.set(JSON.stringify([catalog, ref.schema.value]), [catalog, ref.schema.value]);
    }
  }
  return { catalogs: [...catalogs], schemas: [...schemas.values()] };
}

export function findTable(answers: CatalogAnswers, catalog: string, schema: string, table: string): TableInfo | undefined {
  return answers.tables(catalog, schema)?.find((t) => t.name.toLowerCase() === table.toLowerCase());
}

/**
 * Answers kept per provider. `load` returns undefined when every answer is already here (the caller can then
 * check synchronously), else a promise that settles once they are. Lookups never reject: a failing provider
 * sets `unavailable`.
 */
export class CatalogMemo implements CatalogAnswers {
  private catalogList?: CatalogInfo[];
  private readonly schemaLists = new Map<string, SchemaInfo[]>();
  private readonly tableLists = new Map<string, TableInfo[]>();
  private pending = new Map<string, Promise<void>>();
  unavailable?: string;

  constructor(private readonly provider: Promise<CatalogProvider>) {}

  catalogs(): readonly CatalogInfo[] | undefined {
    return this.catalogList;
  }

  schemas(catalog: string): readonly SchemaInfo[] | undefined {
    return this.schemaLists.get(catalog);
  }

  tables(catalog: string, schema: string): readonly TableInfo[] | undefined {
    return this.tableLists.get(JSON.stringify([catalog, schema]));
  }

  /** Loads what the questions need (and the schema lists of every catalog named). */
  load(questions: CatalogQuestions): Promise<void> | undefined {
    const jobs: Promise<void>[] = [];
    const once = (key: string, job: () => Promise<void>) => {
      let running = this.pending.get(key);
      if (!running) {
        running = job().catch((error: unknown) => {
          this.unavailable = error instanceof CatalogUnavailableError ? error.message : `the catalog could not be read: ${String(error)}`;
        });
        this.pending.set(key, running);
      }
      jobs.push(running);
    };
    if (this.unavailable) return undefined;
    if (!this.catalogList) once('catalogs', async () => void (this.catalogList = await (await this.provider).listCatalogs()));
    for (const catalog of questions.catalogs) {
      if (!this.schemaLists.has(catalog)) {
        once(`s:${catalog}`, async () => void this.schemaLists.set(catalog, await (await this.provider).listSchemas(catalog)));
      }
    }
    for (const [catalog, schema] of questions.schemas) {
      const key = JSON.stringify([catalog, schema]);
      if (!this.tableLists.has(key)) {
        once(`t:${key}`, async () => void this.tableLists.set(key, await (await this.provider).listTables(catalog, schema)));
      }
    }
    return jobs.length === 0 ? undefined : Promise.all(jobs).then(() => undefined);
  }

  async dispose(): Promise<void> {
    try {
      await (await this.provider).dispose();
    } catch {
      // A provider that never opened has nothing to release.
    }
  }
}
