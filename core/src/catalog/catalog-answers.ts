/**
 * Synchronous answers from a catalog, for pure checks. The catalog itself is asynchronous (files, network):
 * `CatalogMemo` asks a provider what a pact needs, keeps the answers, and then answers synchronously.
 */
import type { CatalogInfo, CatalogProvider, CatalogRequestOptions, SchemaInfo, TableInfo } from './catalog-provider';
import { CatalogRequestCancelledError, CatalogUnavailableError } from './catalog-provider';
import { SharedRequest } from './shared-request';
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
 * check synchronously), else a promise that settles once they are, or as soon as the caller's signal aborts.
 * Lookups never reject: a failing provider sets `unavailable`. A question is asked once however many callers
 * wait for it, and cancelled at the provider only when all of them have given up (a cancelled question is not a
 * failure: asked again, it is read again).
 */
export class CatalogMemo implements CatalogAnswers {
  private catalogList?: CatalogInfo[];
  private readonly schemaLists = new Map<string, SchemaInfo[]>();
  private readonly tableLists = new Map<string, TableInfo[]>();
  private readonly pending = new Map<string, SharedRequest<void>>();
  /** The provider once open (refresh reaches it without waiting). */
  private opened?: CatalogProvider;
  unavailable?: string;

  constructor(private readonly provider: Promise<CatalogProvider>) {
    provider.then(
      (opened) => void (this.opened = opened),
      () => undefined, // an open that fails is reported by the first load
    );
  }

  catalogs(): readonly CatalogInfo[] | undefined {
    return this.catalogList;
  }

  schemas(catalog: string): readonly SchemaInfo[] | undefined {
    return this.schemaLists.get(catalog);
  }

  tables(catalog: string, schema: string): readonly TableInfo[] | undefined {
    return this.tableLists.get(JSON.stringify([catalog, schema]));
  }

  /**
   * Loads what the questions need (and the schema lists of every catalog named). `signal`: the caller gives up
   * when it aborts (the document that asked has changed).
   */
  load(questions: CatalogQuestions, signal?: AbortSignal): Promise<void> | undefined {
    const jobs: Promise<void>[] = [];
    const once = (key: string, job: (options: CatalogRequestOptions) => Promise<void>) => {
      let request = this.pending.get(key);
      if (!request || request.cancelled) {
        const started = new SharedRequest<void>((shared) =>
          job({ signal: shared }).catch((error: unknown) => {
            if (shared.aborted) {
              // Nobody waits any more: forget the question, so the next caller asks it again.
              if (this.pending.get(key) === started) this.pending.delete(key);
              throw new CatalogRequestCancelledError();
            }
            this.unavailable = error instanceof CatalogUnavailableError ? error.message : `the catalog could not be read: ${String(error)}`;
          }),
        );
        request = started;
        this.pending.set(key, request);
      }
      jobs.push(request.join(signal).catch(() => undefined));
    };
    if (this.unavailable) return undefined;
    if (!this.catalogList) once('catalogs', async (o) => void (this.catalogList = await (await this.provider).listCatalogs(o)));
    for (const catalog of questions.catalogs) {
      if (!this.schemaLists.has(catalog)) {
        once(`s:${catalog}`, async (o) => void this.schemaLists.set(catalog, await (await this.provider).listSchemas(catalog, o)));
      }
    }
    for (const [catalog, schema] of questions.schemas) {
      const key = JSON.stringify([catalog, schema]);
      if (!this.tableLists.has(key)) {
        once(`t:${key}`, async (o) => void this.tableLists.set(key, await (await this.provider).listTables(catalog, schema, o)));
      }
    }
    return jobs.length === 0 ? undefined : Promise.all(jobs).then(() => undefined);
  }

  /** Makes the next provider read the source again (see CatalogProvider.refresh); call before dispose. */
  refresh(): void {
    if (this.opened) this.opened.refresh?.();
    else this.provider.then((opened) => opened.refresh?.(), () => undefined);
  }

  async dispose(): Promise<void> {
    try {
      await (await this.provider).dispose();
    } catch {
      // A provider that never opened has nothing to release.
    }
  }
}
