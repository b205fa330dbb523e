/**
 * A check kind's one home: everything about a kind that is not SQL (its YAML keys, the column lists the catalog
 * must know, its snippet and outline entry in the editor, how people name its results and read its numbers) is
 * declared once, in `kinds/<kind>.ts`, and read from the registry (`registry.ts`) by the rest. The SQL of a kind
 * is its planner in `core/src/sql/checks/`; the schema (`schemas/pact.schema.json`) documents its keys.
 */
import type { Task } from '../model/pact';
import type { NumberText } from './number-text';

/** The fields a check recorded in its payload object, other than `status`. */
export type CheckMetrics = Readonly<Record<string, unknown>>;

/**
 * The task a payload came from, when the reader has its pact: a payload key can be ambiguous on its own
 * (`uniqueness_validation_id_region` is the columns `[id, region]` or the one column `id_region`).
 */
export type LabelTask = Readonly<Partial<Task>>;

export interface CheckKind {
  readonly id: 'count' | 'row_hash' | 'nulls' | 'aggregates' | 'uniqueness' | 'custom_sql' | 'rows_compared';
  /** People's name of the kind, for snippets and outlines ("row hash check"). */
  readonly title: string;
  /** One line saying what it checks. */
  readonly summary: string;
  /** The task keys this kind owns (the first one is the key that turns it on). */
  readonly keys: readonly string[];
  /** Keys holding lists of column names that must exist on both sides (catalog checks, completion). */
  readonly columnListKeys: readonly string[];
  /** The editor's snippet that adds the kind to a task. */
  readonly snippet: {
    /** Keys the snippet writes: it is offered only when the task has none of them yet. */
    readonly writes: readonly string[];
    /** VS Code snippet syntax; `written` = keys the task already has, `aggregates` = the schema's aggregate names. */
    body(written: ReadonlySet<string>, aggregates: readonly string[]): string;
  };
  /**
   * The editor's outline entry for a kind switched on by one key (its place is the symbol's); kinds listed per
   * item (aggregates, custom SQL) have none here: each item is its own entry.
   */
  readonly outline?: { readonly key: string; readonly name: string };
  /** Whether a payload key (`null_validation_email`) is one of this kind's checks. */
  ownsPayloadKey(key: string): boolean;
  /** The check's name as people say it: "row hash", "nulls in phone", "SUM(amount)", "uniqueness of (id, region)". */
  label(key: string, metrics: CheckMetrics, task?: LabelTask): string;
  /** The numbers a reader needs to see why the check passed or failed, e.g. ["source 1,000", "target 983"]. */
  inputs(metrics: CheckMetrics, text: NumberText): string[];
  /** The payload field compared with `tolerance`, when there is one. */
  readonly ratioField?: string;
}
