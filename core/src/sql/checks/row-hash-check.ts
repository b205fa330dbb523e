/**
 * Row hash on primary keys. Each side is read once, hashing each row once; a FULL OUTER JOIN on null-safe key
 * equality classifies every key as matched (0), mismatched (1), missing in target (2) or missing in source (3);
 * one aggregation counts the kinds. ratio = (mismatched + missing both ways) / joined keys (0 when none).
 * Up to `sample_size` keys of each kind are kept, smallest first, at bounded cost.
 *
 * Why a join and not one GROUP BY key over both sides: on DuckDB 1.5 a hash aggregate pays per aggregate per row
 * (count + count + hash comparison ≈ 1.3× the join), measured in docs/checks.md "Performance".
 * When the uniqueness check is on the primary keys, the same aggregation also counts the distinct keys that are
 * missing on either side, from which uniqueness derives without its own COUNT(DISTINCT) (uniqueness-check.ts).
 * With list functions (DuckDB) the aggregation runs directly over the join (row-hash-one-pass.ts); otherwise over
 * a join CTE with a `kind` column, samples by bounded aggregate or LIMIT'd subqueries.
 */
import { DEFAULT_SAMPLE_SIZE } from '../../model/pact';
import type { Dialect } from '../../dialects/dialect';
import type { Task } from '../../model/pact';
import type { CheckContext, CheckPlan, Cte, Metric } from '../check-plan';
import { rowColumn } from '../check-plan';
import { ROW_ALIAS, roleOfRowAlias } from '../row-alias';
import { canonicalRowHash, rowHashColumns, type ComparedColumn, type RowHashColumns } from './row-hash-columns';
import { onePassRowHash } from './row-hash-one-pass';
import { rowValue } from '../../dialects/row-value';
import { readZone } from '../canonical-value';
import { findColumn, parseValueKind } from '../value-types';

const KINDS = [
  ['mismatched', 1],
  ['missing_in_target', 2],
  ['missing_in_source', 3],
] as const;

/** The alias prefix compile-task.ts gives the row hash check, and so the name of its one-row metrics CTE. */
export const ROW_HASH_PREFIX = 'h_';
export const ROW_HASH_METRICS = `dp_${ROW_HASH_PREFIX}metrics`;

/** True when the task has a row hash check. */
export function hasRowHash(task: Task): boolean {
  return Boolean(task.pk_row_hash_check) && (task.primary_keys ?? []).length > 0;
}

/**
 * True when uniqueness is checked on exactly the primary keys and the row hash runs, on a dialect that can
 * compute a CTE once (the row hash metrics are read three times; recomputing the join would cost more than the
 * COUNT(DISTINCT) it saves): then uniqueness derives from the row hash join (ROW_HASH_METRICS gets `pairs`,
 * `keys_missing_in_target`, `keys_missing_in_source`).
 */
export function uniquenessFromRowHash(task: Task, d: Dialect): boolean {
  if (!(d.materializeHint?.() ?? '')) return false;
  const unique = task.uniqueness_columns ?? [];
  const keys = new Set(task.primary_keys ?? []);
  const tolerance = task.uniqueness_tolerance;
  return (
    hasRowHash(task) && tolerance !== undefined && tolerance !== null && unique.length === keys.size &&
    new Set(unique).size === keys.size && unique.every((c) => keys.has(c))
  );
}

export function planRowHashCheck(ctx: CheckContext): CheckPlan[] {
  const { task, dialect: d } = ctx;
  const keys = task.primary_keys ?? [];
  if (!hasRowHash(task)) return [];
  const algorithm = task.hash_algorithm ?? 'native';
  const keyAliases = keys.map((_, i) => `k_${i}`);
  const p = `dp_${ctx.prefix}`;
  const hashColumns = task.hash_columns && task.hash_columns.length > 0 ? task.hash_columns : null;
  // With both tables' columns: by name and canonical value (row-hash-columns.ts); without: the engine's own hash.
  const compared = rowHashColumns(ctx);
  const rowHash = (role: 'source' | 'target', row: string) =>
    compared
      ? canonicalRowHash(ctx, compared, role, row, algorithm)
      : d.rowHash(hashColumns?.map((c) => rowColumn(ctx, row, c)) ?? null, rowValue(d, row), algorithm);
  // A key that is a wall clock on one side and an instant on the other joins on the instant both mean (j_i), never
  // through the engine's implicit cast (read in the session's zone, not the task's); k_i stays the value to show.
  const instantKeys = keys.map((k) => instantJoinKey(ctx, k));
  const joinAliases = keyAliases.map((k, i) => (instantKeys[i] ? `j_${i}` : k));
  const side = (input: string, row: string) => {
    const role = roleOfRowAlias(row) ?? 'source';
    const keyColumns = keys.map((k, i) => {
      const value = rowColumn(ctx, row, k);
      const instant = instantKeys[i]?.(role, value);
      return `${value} AS ${keyAliases[i]}${instant ? `, ${instant} AS ${joinAliases[i]}` : ''}`;
    });
    return `SELECT ${keyColumns.join(', ')}, ${rowHash(role, row)} AS h FROM ${input} AS ${row}`;
  };
  const from =
    `${p}source AS s FULL OUTER JOIN ${p}target AS t\n` +
    `    ON ${joinAliases.map((k) => d.nullSafeEquals(`s.${k}`, `t.${k}`)).join(' AND ')}`;
  const join =
    `SELECT ${keyAliases.map((k) => `COALESCE(s.${k}, t.${k}) AS ${k}`).join(', ')},\n` +
    `    CASE WHEN s.h IS NULL THEN 3 WHEN t.h IS NULL THEN 2 WHEN s.h = t.h THEN 0 ELSE 1 END AS kind\n` +
    `  FROM ${from}`;
  const limit = Math.max(0, Math.trunc(task.sample_size ?? DEFAULT_SAMPLE_SIZE));
  const keyFields = keys.map((k, i) => [k, keyAliases[i]!] as const);
  const keyJson = d.jsonObject(keyFields);
  const keyRecord = d.keyRecord?.(keyFields) ?? keyJson;
  const order = d.tuple(keyAliases);
  const counts = [
    'COUNT(*) AS compared',
    ...KINDS.map(([name, kind]) => `COUNT(CASE WHEN kind = ${kind} THEN 1 END) AS ${name}`),
  ];
  const derived = uniquenessFromRowHash(task, d);
  const m = `${p}metrics`;
  const sides: Cte[] = [
    { name: `${p}source`, sql: side(ctx.sourceInput, ROW_ALIAS.source) },
    { name: `${p}target`, sql: side(ctx.targetInput, ROW_ALIAS.target) },
  ];
  if (d.lists) {
    const onePass = onePassRowHash({ dialect: d, lists: d.lists, prefix: p, keys, keyAliases, from, limit, derived });
    return [rowHashPlan(ctx, m, [...sides, ...onePass.ctes], [m], onePass.samples, compared)];
  }
  if (derived) {
    // For uniqueness: joined pairs, and distinct keys among the unpaired rows (few, so cheap to count exactly).
    counts.push(`COUNT(CASE WHEN kind <= 1 THEN 1 END) AS pairs`);
    counts.push(`COUNT(DISTINCT CASE WHEN kind = 2 THEN ${order} END) AS keys_missing_in_target`);
    counts.push(`COUNT(DISTINCT CASE WHEN kind = 3 THEN ${order} END) AS keys_missing_in_source`);
  }
  const ctes: Cte[] = [...sides, { name: `${p}join`, sql: join }];
  const samples: Record<string, string> = {};
  const inAggregate = limit > 0 ? d.boundedSampleAggregate(keyRecord, order, 'kind = 1', limit) : undefined;
  if (limit === 0) {
    for (const [name] of KINDS) samples[name] = d.emptyArray();
  } else if (inAggregate !== undefined) {
    for (const [name, kind] of KINDS) {
      counts.push(`${d.boundedSampleAggregate(keyRecord, order, `kind = ${kind}`, limit)} AS sample_${name}`);
      samples[name] = `COALESCE(${p}metrics.sample_${name}, ${d.emptyArray()})`;
    }
  } else {
    // No bounded aggregate: a LIMIT'd top-N subquery per kind. NULLS LAST spelled out: Spark sorts NULLs first;
    // the list is sorted again by the same keys (a collected list keeps no order).
    const subqueries = KINDS.map(
      ([name, kind]) =>
        `(SELECT ${d.collectSorted('v', keyAliases)} FROM (SELECT ${keyAliases.join(', ')}, ${keyJson} AS v FROM ${p}join WHERE kind = ${kind} ` +
        `ORDER BY ${keyAliases.map((k) => `${k} NULLS LAST`).join(', ')} LIMIT ${limit}) AS x) AS sample_${name}`,
    );
    ctes.push({ name: `${p}samples`, sql: `SELECT ${subqueries.join(',\n    ')}` });
    for (const [name] of KINDS) samples[name] = `COALESCE(${p}samples.sample_${name}, ${d.emptyArray()})`;
  }
  // Read again by the uniqueness gate when derived: computed once (the join is the most expensive part).
  ctes.push({ name: m, sql: `SELECT ${counts.join(',\n    ')}\n  FROM ${p}join`, materialized: derived });
  const joins = ctes.filter((c) => c.name === m || c.name === `${p}samples`).map((c) => c.name);
  return [rowHashPlan(ctx, m, ctes, joins, samples, compared)];
}

/**
 * For a primary key that is a timestamp without time zone on one side and an instant on the other (columns known):
 * each side's key as UTC microseconds, the wall clock read in the task's naive_timestamp_zone (UTC by default), as
 * the canonical values compare them. Undefined for every other key (joined as it is).
 */
function instantJoinKey(ctx: CheckContext, key: string): ((role: 'source' | 'target', expr: string) => string) | undefined {
  if (!ctx.columns) return undefined;
  const plain = ctx.dialect.values.plainTimestamp;
  const source = findColumn(ctx.columns.source, key);
  const target = findColumn(ctx.columns.target, key);
  if (!source || !target) return undefined;
  const kinds = { source: parseValueKind(source.type, plain), target: parseValueKind(target.type, plain) };
  const { source: s, target: t } = kinds;
  if (s.kind !== 'timestamp' || t.kind !== 'timestamp' || s.zone === t.zone) return undefined;
  const options = ctx.task.naive_timestamp_zone ? { naiveZone: ctx.task.naive_timestamp_zone } : {};
  return (role, expr) => {
    const own = kinds[role];
    const other = kinds[role === 'source' ? 'target' : 'source'];
    if (own.kind !== 'timestamp') return expr;
    // readZone gives the task's zone for the wall clock; the instant, and a wall clock read as UTC, need none.
    return ctx.dialect.values.epochMicros(expr, own.zone, readZone(own, other, options));
  };
}

/** The column findings of the payload (only when the columns are known): compile-time facts, written as literals. */
function columnFindings(ctx: CheckContext, compared: RowHashColumns): Metric[] {
  const d = ctx.dialect;
  const typePair = (c: ComparedColumn) =>
    d.jsonObject([
      ['column', d.stringLiteral(c.name)],
      ['source_type', d.stringLiteral(c.source.type)],
      ['target_type', d.stringLiteral(c.target.type)],
    ]);
  const findings: Metric[] = [
    { field: 'columns_compared', expr: String(compared.compared.length) },
    { field: 'columns_only_in_source', expr: d.stringArray(compared.onlyInSource) },
    { field: 'columns_only_in_target', expr: d.stringArray(compared.onlyInTarget) },
    { field: 'type_drift', expr: d.jsonArray(compared.compared.filter((c) => c.drift).map(typePair)) },
  ];
  if (ctx.task.compare === 'strict') findings.push({ field: 'type_mismatches', expr: d.jsonArray(compared.typeMismatches.map(typePair)) });
  return findings;
}

/** The check's plan over its metrics CTE `m` (columns compared, mismatched, missing_in_*) and sample arrays. */
function rowHashPlan(
  ctx: CheckContext,
  m: string,
  ctes: Cte[],
  joins: string[],
  samples: Record<string, string>,
  compared: RowHashColumns | undefined,
): CheckPlan {
  const { task, dialect: d } = ctx;
  // A column on one side only, or (strict) a type that differs, fails the check whatever the rows say.
  const columnsAgree = !compared || (compared.onlyInSource.length === 0 && compared.onlyInTarget.length === 0 && compared.typeMismatches.length === 0);
  const bad = `(${m}.mismatched + ${m}.missing_in_target + ${m}.missing_in_source)`;
  return {
    key: 'row_hash_validation',
    usesStats: false,
    stats: [],
    ctes,
    joins,
    metrics: [
      { field: 'compared_rows', expr: `${m}.compared` },
      { field: 'mismatch_count', expr: `${m}.mismatched` },
      { field: 'missing_in_target', expr: `${m}.missing_in_target` },
      { field: 'missing_in_source', expr: `${m}.missing_in_source` },
      {
        field: 'mismatch_ratio',
        expr: `CASE WHEN ${m}.compared = 0 THEN ${d.doubleLiteral(0)} ELSE ${d.castDouble(bad)} / ${d.castDouble(`${m}.compared`)} END`,
      },
      { field: 'tolerance', expr: d.doubleLiteral(task.pk_hash_tolerance ?? 0) },
      { field: 'samples', expr: d.jsonObject(KINDS.map(([name]) => [name, samples[name]!] as const)) },
      ...(compared ? columnFindings(ctx, compared) : []),
    ],
    passed: (col) => (columnsAgree ? `${col('mismatch_ratio')} <= ${col('tolerance')}` : `(${col('mismatch_ratio')} <= ${col('tolerance')} AND FALSE)`),
  };
}
