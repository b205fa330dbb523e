/**
 * From the tables of a source and a target schema to the tasks of a new pact (pure): tables are paired by name
 * ignoring case; each pair gets a count check, a row hash and a uniqueness check on its key when one is known
 * (declared on the source, else on the target, else inferred), null checks for the source's NOT NULL columns, and a
 * SUM for each numeric measure column. Only columns both tables have are used, so the pact validates against both.
 */
import type { Task } from '../model/pact';
import { RESERVED_TASK_KEYS } from '../pact/rules/task-keys';
import { isMeasure, sumTolerance } from './column-kinds';
import type { InitColumn, InitTable } from './init-source';
import type { InferredKey } from './infer-key';

export type KeyOrigin = 'declared on the source' | 'declared on the target' | 'inferred' | 'none';

export interface PlannedTask {
  task: Task;
  source: InitTable;
  target: InitTable;
  keyOrigin: KeyOrigin;
  inferred?: InferredKey;
  /** Source columns the target lacks (left out of every check). */
  missingInTarget: string[];
}

export interface TaskPlan {
  tasks: PlannedTask[];
  /** Tables of the source with no target of the same name, and the reverse. */
  sourceOnly: InitTable[];
  targetOnly: InitTable[];
}

const TASK_KEY_MAX = 100;

export function planTasks(
  sources: readonly InitTable[],
  targets: readonly InitTable[],
  inferredKeys: ReadonlyMap<string, InferredKey> = new Map(),
): TaskPlan {
  const targetsByName = new Map(targets.map((t) => [t.name.toLowerCase(), t]));
  const matchedTargets = new Set<InitTable>();
  const usedKeys = new Set<string>(RESERVED_TASK_KEYS);
  const tasks: PlannedTask[] = [];
  const sourceOnly: InitTable[] = [];
  for (const source of sources) {
    const target = targetsByName.get(source.name.toLowerCase());
    if (!target) {
      sourceOnly.push(source);
      continue;
    }
    matchedTargets.add(target);
    tasks.push(planTask(source, target, uniqueTaskKey(source.name, usedKeys), inferredKeys.get(source.name)));
  }
  const targetOnly = targets.filter((t) => !matchedTargets.has(t));
  return { tasks, sourceOnly, targetOnly };
}

function planTask(source: InitTable, target: InitTable, taskKey: string, inferred: InferredKey | undefined): PlannedTask {
  const targetColumns = new Map(target.columns.map((c) => [c.name.toLowerCase(), c]));
  const common = source.columns.filter((c) => targetColumns.has(c.name.toLowerCase()));
  const inBoth = (names: readonly string[]) => names.length > 0 && names.every((n) => targetColumns.has(n.toLowerCase()) && source.columns.some((c) => c.name.toLowerCase() === n.toLowerCase()));
  const sourceSpelling = (names: readonly string[]) => names.map((n) => source.columns.find((c) => c.name.toLowerCase() === n.toLowerCase())!.name);

  let keyOrigin: KeyOrigin = 'none';
  let key: string[] = [];
  if (inBoth(source.primaryKey)) [keyOrigin, key] = ['declared on the source', source.primaryKey];
  else if (inBoth(target.primaryKey)) [keyOrigin, key] = ['declared on the target', sourceSpelling(target.primaryKey)];
  else if (inferred && inBoth(inferred.columns)) [keyOrigin, key] = ['inferred', inferred.columns];

  const task: Task = {
    task_key: taskKey,
    source_catalog: source.catalog,
    source_schema: source.schema,
    source_table: source.name,
    target_catalog: target.catalog,
    target_schema: target.schema,
    target_table: target.name,
    count_tolerance: 0,
  };
  if (key.length > 0) {
    // Separate arrays: one shared array would be written as a YAML anchor and alias.
    task.primary_keys = [...key];
    task.pk_row_hash_check = true;
    // The all-column hash reads every column in table order: name the columns when the two tables differ.
    if (!sameColumns(source.columns, target.columns)) task.hash_columns = common.map((c) => c.name);
    task.uniqueness_columns = [...key];
    task.uniqueness_tolerance = 0;
  }
  const notNull = common.filter((c) => !c.nullable && !key.some((k) => k.toLowerCase() === c.name.toLowerCase()));
  if (notNull.length > 0) {
    task.null_validation_columns = notNull.map((c) => c.name);
    task.null_validation_tolerance = 0;
  }
  const measures = common.filter((c) => isMeasure(c, key));
  if (measures.length > 0) {
    task.agg_validations = measures.map((c) => ({ column: c.name, validations: [{ agg: 'SUM' as const, tolerance: sumTolerance(c) }] }));
  }
  const missingInTarget = source.columns.filter((c) => !targetColumns.has(c.name.toLowerCase())).map((c) => c.name);
  return { task, source, target, keyOrigin, ...(keyOrigin === 'inferred' ? { inferred } : {}), missingInTarget };
}

function sameColumns(a: readonly InitColumn[], b: readonly InitColumn[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name.toLowerCase() === b[i]!.name.toLowerCase());
}

/** A table name made a valid task key (job task key charset, ≤ 100), unique ignoring case and never reserved. */
export function uniqueTaskKey(tableName: string, used: Set<string>): string {
  const base = tableName.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, TASK_KEY_MAX) || 'table';
  let key = base;
  for (let n = 2; used.has(key.toLowerCase()); n++) key = `${base.slice(0, TASK_KEY_MAX - String(n).length - 1)}_${n}`;
  used.add(key.toLowerCase());
  return key;
}
