/**
 * `datapact init` in core: read the source and target schemas, infer keys where asked, plan one task per table
 * pair and write the pact text, which is loaded back before it is returned (a pact init writes always validates).
 */
import { loadPact } from '../pact/load-pact';
import type { EngineConfig } from '../model/pact';
import { inferKey, DEFAULT_INFER_MAX_ROWS, type InferredKey } from './infer-key';
import { InitError, type InitSource, type InitTable } from './init-source';
import { planTasks, type TaskPlan } from './plan-tasks';
import { readSchemaTables, type SchemaRef } from './read-schema';
import { pactText } from './write-pact';

export interface InitOptions {
  source: SchemaRef;
  /** Defaults to the source schema. */
  target?: SchemaRef;
  /** Wildcards over table names (both sides). */
  tables?: string;
  /** Only these tables (names, any case; both sides): a person's picks from a list. */
  tableNames?: readonly string[];
  inferKeys: boolean;
  /** Rows each inference query reads at most. */
  inferMaxRows?: number;
  /** The new pact's engine block, written as given. */
  engine: EngineConfig;
  /** Named in the header comment. */
  generatedBy: string;
}

export interface InitOutcome {
  text: string;
  plan: TaskPlan;
}

export async function initPact(source: InitSource, options: InitOptions): Promise<InitOutcome> {
  const target = options.target ?? options.source;
  const picked = options.tableNames === undefined ? undefined : new Set(options.tableNames.map((name) => name.toLowerCase()));
  const onlyPicked = (tables: InitTable[]) => (picked ? tables.filter((t) => picked.has(t.name.toLowerCase())) : tables);
  const sourceTables = onlyPicked(await readSchemaTables(source, options.source, options.tables));
  const sameSchema =
    target.catalog.toLowerCase() === options.source.catalog.toLowerCase() && target.schema.toLowerCase() === options.source.schema.toLowerCase();
  const targetTables = sameSchema ? sourceTables : onlyPicked(await readSchemaTables(source, target, options.tables));

  const inferred = new Map<string, InferredKey>();
  if (options.inferKeys) {
    const targetsByName = new Map(targetTables.map((t) => [t.name.toLowerCase(), t]));
    for (const table of sourceTables) {
      const counterpart = targetsByName.get(table.name.toLowerCase());
      if (!counterpart || hasDeclaredKey(table) || hasDeclaredKey(counterpart)) continue;
      const key = await inferKey(source, table, options.inferMaxRows ?? DEFAULT_INFER_MAX_ROWS);
      if (key) inferred.set(table.name, key);
    }
  }
  const plan = planTasks(sourceTables, targetTables, inferred);
  if (plan.tasks.length === 0) {
    const which = options.tableNames !== undefined ? ` of those picked (${options.tableNames.join(', ').slice(0, 200)})` : options.tables === undefined ? '' : ` matching '${options.tables}'`;
    throw new InitError(`no table of ${options.source.catalog}.${options.source.schema}${which} has a counterpart in ${target.catalog}.${target.schema}`);
  }
  const text = pactText(plan, {
    engine: { ...options.engine, ...source.engineAdditions },
    source: options.source,
    target,
    generatedBy: options.generatedBy,
    inferKeys: options.inferKeys,
  });
  const loaded = loadPact(text);
  if (loaded.problems.some((p) => p.severity === 'error')) {
    // A bug in init, not in the user's input: say what the generated text got wrong.
    throw new Error(`datapact init wrote an invalid pact: ${loaded.problems.map((p) => p.message).join('; ')}`);
  }
  return { text, plan };
}

function hasDeclaredKey(table: InitTable): boolean {
  return table.primaryKey.length > 0;
}
