/**
 * Plain data that passed the schema and the rules -> the pact model: defaults merged, agg and
 * business_priority upper-cased, filter and SQL trimmed, `null` keys dropped (null means "not set").
 */
import { TASK_KEY_ORDER, type AggFunction, type AggValidationColumn, type BusinessPriority, type CustomSqlTest, type EngineConfig, type Pact, type Task } from '../model/pact';
import { isPlainObject, mergeDefaults } from './task-view';


const ENGINE_KEYS = ['type', 'profile', 'host', 'warehouse', 'results', 'results_table', 'job_name'] as const;

function normaliseAggs(value: unknown): AggValidationColumn[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isPlainObject).map((entry) => ({
    column: String(entry.column),
    validations: (Array.isArray(entry.validations) ? entry.validations : []).filter(isPlainObject).map((check) => ({
      agg: String(check.agg).trim().toUpperCase() as AggFunction,
      tolerance: Number(check.tolerance),
    })),
  }));
}

function normaliseTests(value: unknown): CustomSqlTest[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isPlainObject).map((test) => {
    const normalised: CustomSqlTest = { name: String(test.name).trim(), sql: String(test.sql).trim() };
    if (typeof test.description === 'string') normalised.description = test.description;
    return normalised;
  });
}

function normaliseTask(values: Record<string, unknown>): Task {
  const task: Record<string, unknown> = {};
  for (const key of TASK_KEY_ORDER) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    switch (key) {
      case 'filter':
        task[key] = String(value).trim();
        break;
      case 'business_priority':
        task[key] = String(value).trim().toUpperCase() as BusinessPriority;
        break;
      case 'agg_validations':
        task[key] = normaliseAggs(value);
        break;
      case 'custom_sql_tests':
        task[key] = normaliseTests(value);
        break;
      default:
        task[key] = Array.isArray(value) ? [...value] : value;
    }
  }
  return task as unknown as Task;
}

function normaliseEngine(value: unknown): EngineConfig | undefined {
  if (!isPlainObject(value)) return undefined;
  const engine: Record<string, unknown> = {};
  for (const key of ENGINE_KEYS) if (typeof value[key] === 'string') engine[key] = value[key];
  if (typeof value.hive_partitioning === 'boolean') engine.hive_partitioning = value.hive_partitioning;
  if (isPlainObject(value.catalogs)) engine.catalogs = { ...(value.catalogs as Record<string, string>) };
  return engine as EngineConfig;
}

/** The model of a pact whose plain data is valid (call only when there is no error-level problem). */
export function normalisePact(raw: unknown): Pact {
  const doc = isPlainObject(raw) ? raw : {};
  const defaults = isPlainObject(doc.defaults) ? doc.defaults : undefined;
  const tasks = Array.isArray(doc.validations) ? doc.validations.filter(isPlainObject) : [];
  const pact: Partial<Pact> = {};
  if (doc.version !== undefined && doc.version !== null) pact.version = String(doc.version);
  const engine = normaliseEngine(doc.engine);
  if (engine) pact.engine = engine;
  pact.validations = tasks.map((task) => normaliseTask(mergeDefaults(defaults, task)));
  return pact as Pact;
}
