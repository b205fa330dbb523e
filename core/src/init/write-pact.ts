/**
 * The pact text `datapact init` writes: built as a yaml Document (so values are quoted by the YAML library, never
 * by string pasting) with comments that say where each task's key came from, which columns were left out, and
 * which tables have no counterpart. Shared source/target catalog and schema go to `defaults`.
 */
import { Document, isMap, isPair, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { EngineConfig, Task } from '../model/pact';
import type { PlannedTask, TaskPlan } from './plan-tasks';

export interface PactTextOptions {
  engine: EngineConfig;
  source: { catalog: string; schema: string };
  target: { catalog: string; schema: string };
  /** Shown in the header, e.g. the command line that wrote the file. */
  generatedBy: string;
  /** Whether keys were inferred where none is declared (`--infer-keys`). */
  inferKeys: boolean;
}

const SIDE_KEYS = ['source_catalog', 'source_schema', 'target_catalog', 'target_schema'] as const;
const FLOW_LISTS = ['primary_keys', 'hash_columns', 'uniqueness_columns', 'null_validation_columns'] as const;

export function pactText(plan: TaskPlan, options: PactTextOptions): string {
  const defaults = sharedSides(plan.tasks.map((t) => t.task));
  const validations = plan.tasks.map(({ task }) => {
    const own: Record<string, unknown> = { ...task };
    for (const key of SIDE_KEYS) if (defaults[key] !== undefined) delete own[key];
    return own;
  });
  const body: Record<string, unknown> = { engine: options.engine };
  if (Object.keys(defaults).length > 0) body.defaults = defaults;
  body.validations = validations;
  const doc = new Document(body);

  doc.commentBefore = header(plan, options);
  pairOf(doc.contents as YAMLMap, 'engine').key.commentBefore = ' Where the tables live (relative paths resolve against this file).';
  if (body.defaults) pairOf(doc.contents as YAMLMap, 'defaults').key.commentBefore = ' Merged into every task.';
  plan.tasks.forEach((planned, i) => {
    const item = doc.getIn(['validations', i], true) as YAMLMap;
    item.commentBefore = taskComment(planned, options.inferKeys);
    for (const key of FLOW_LISTS) {
      const list = item.get(key, true);
      if (isSeq(list)) list.flow = true;
    }
    (planned.task.agg_validations ?? []).forEach((_, j) => {
      const inner = doc.getIn(['validations', i, 'agg_validations', j, 'validations'], true);
      if (isSeq(inner)) inner.flow = true;
    });
  });
  return doc.toString({ lineWidth: 120, flowCollectionPadding: false });
}

/** Catalog and schema values every task shares (all of them, as init writes one source and one target schema). */
function sharedSides(tasks: readonly Task[]): Partial<Record<(typeof SIDE_KEYS)[number], string>> {
  const shared: Partial<Record<(typeof SIDE_KEYS)[number], string>> = {};
  if (tasks.length === 0) return shared;
  for (const key of SIDE_KEYS) {
    const value = tasks[0]![key];
    if (tasks.every((t) => t[key] === value)) shared[key] = value;
  }
  return shared;
}

function header(plan: TaskPlan, options: PactTextOptions): string {
  const { source, target } = options;
  const lines = [
    ` Written by ${options.generatedBy}`,
    ` from ${source.catalog}.${source.schema} (source) and ${target.catalog}.${target.schema} (target): one task per table`,
    ' found on both sides. Every task compares row counts; a task with a key also compares each row (row hash)',
    ' and checks the key is unique; NOT NULL columns get null checks, numeric measures a SUM.',
    ' Tolerances are 0 (exact): loosen them where the target is allowed to differ.',
  ];
  if (plan.sourceOnly.length > 0 || plan.targetOnly.length > 0) {
    lines.push('', ' Tables without a counterpart (not validated):');
    for (const t of plan.sourceOnly) lines.push(`   ${t.catalog}.${t.schema}.${t.name} (source only)`);
    for (const t of plan.targetOnly) lines.push(`   ${t.catalog}.${t.schema}.${t.name} (target only)`);
  }
  return lines.join('\n');
}

function taskComment(planned: PlannedTask, inferKeys: boolean): string {
  const lines: string[] = [];
  const key = planned.task.primary_keys;
  if (key) {
    const origin =
      planned.keyOrigin === 'inferred' && planned.inferred
        ? `inferred: non-NULL and unique in ${planned.inferred.sampled ? `the first ${planned.inferred.rowsRead} rows` : `all ${planned.inferred.rowsRead} rows`} of the source`
        : planned.keyOrigin;
    lines.push(` ${planned.task.task_key}: key (${key.join(', ')}) ${origin}`);
  } else {
    const why = inferKeys ? 'no key declared, and no column or pair is non-NULL and unique on the source' : 'no key declared (--infer-keys looks for one)';
    lines.push(` ${planned.task.task_key}: ${why}; add primary_keys to compare rows`);
  }
  if (planned.missingInTarget.length > 0) lines.push(` source columns the target lacks (not checked): ${planned.missingInTarget.join(', ')}`);
  return lines.join('\n');
}

function pairOf(map: YAMLMap, key: string): Pair<{ commentBefore?: string | null }, unknown> {
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  if (!pair || !isMap(map)) throw new Error(`the pact being written has no ${key}`);
  return pair as Pair<{ commentBefore?: string | null }, unknown>;
}
