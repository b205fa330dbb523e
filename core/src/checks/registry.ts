/** Every check kind, in the order reports, snippets and outlines list them. Adding a kind: docs/contributing.md. */
import type { CheckKind } from './check-kind';
import { aggregatesKind } from './kinds/aggregates';
import { countKind } from './kinds/count';
import { customSqlKind } from './kinds/custom-sql';
import { nullsKind } from './kinds/nulls';
import { rowHashKind } from './kinds/row-hash';
import { rowsComparedKind } from './kinds/rows-compared';
import { uniquenessKind } from './kinds/uniqueness';

export const CHECK_KINDS: readonly CheckKind[] = [countKind, rowHashKind, nullsKind, aggregatesKind, uniquenessKind, customSqlKind, rowsComparedKind];

/** The kind a payload key belongs to (`row_hash_validation` → row hash), if any. */
export function checkKindOfPayloadKey(key: string): CheckKind | undefined {
  return CHECK_KINDS.find((kind) => kind.ownsPayloadKey(key));
}

/** Keys whose values are lists of columns that must exist in both tables, from every kind. */
export const COLUMN_LIST_KEYS: readonly string[] = [...new Set(CHECK_KINDS.flatMap((kind) => kind.columnListKeys))];
