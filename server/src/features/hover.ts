/**
 * Hover: a key's documentation from the schema; on a table name, the table (kind, comment, key, columns);
 * on a column name, its type, nullability and comment on each side, and whether both tables have it.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { findColumn, pathAt, SIDES, type CatalogMemo, type TableInfo } from '../../../core/src/index';
import { catalogSlot, loadForTask, taskAt, taskTable } from '../catalog-lookup';
import { toRange } from '../convert';
import type { ParsedPact } from '../documents';
import { describeKey, schemaAt } from '../schema-index';

export async function hover(pact: ParsedPact, position: Position, memo: CatalogMemo | undefined, signal?: AbortSignal): Promise<Hover | null> {
  const { source, raw } = pact.loaded;
  const offset = pact.document.offsetAt(position);
  const at = pathAt(source, offset);
  const span = source.locate(at.path, at.part);
  const range = span ? toRange(pact.document, span.start, span.end) : undefined;
  const answer = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) });
  const key = [...at.path].reverse().find((s): s is string => typeof s === 'string');
  if (at.part === 'key') {
    return key ? answer(describeKey(key, schemaAt(at.path))) : null;
  }
  const slot = catalogSlot(at.path);
  const task = taskAt(raw, at.path);
  if (slot && memo && task && (slot.kind === 'table' || slot.kind === 'column')) {
    await loadForTask(memo, task, signal);
    const tables = { source: taskTable(memo, task, 'source'), target: taskTable(memo, task, 'target') };
    if (slot.kind === 'table') {
      const table = tables[slot.side];
      if (table) return answer(describeTable(table));
    } else {
      const name = valueAt(raw, at.path);
      if (typeof name === 'string') {
        const text = describeColumn(name, tables);
        if (text) return answer(text);
      }
    }
  }
  return key ? answer(describeKey(key, schemaAt(at.path))) : null;
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let node = raw;
  for (const segment of path) node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

function describeTable(table: TableInfo): string {
  const lines = [`**${table.catalog}.${table.schema}.${table.name}** (${table.kind})`];
  if (table.comment) lines.push('', table.comment);
  if (table.primaryKey.length > 0) lines.push('', `Primary key: ${table.primaryKey.map((c) => `\`${c}\``).join(', ')}`);
  lines.push('', '| column | type | null |', '|---|---|---|');
  for (const c of table.columns.slice(0, 50)) lines.push(`| ${c.name} | ${c.type} | ${c.nullable ? 'yes' : 'no'} |`);
  if (table.columns.length > 50) lines.push('', `… and ${table.columns.length - 50} more columns`);
  return lines.join('\n');
}

function describeColumn(name: string, tables: Record<'source' | 'target', TableInfo | undefined>): string | undefined {
  const lines: string[] = [];
  let found = 0;
  for (const side of SIDES) {
    const table = tables[side];
    if (!table) continue;
    const column = findColumn(table, name);
    if (!column) {
      lines.push(`- ${side} \`${table.catalog}.${table.schema}.${table.name}\`: **missing**`);
      continue;
    }
    found++;
    const comment = column.comment ? ` — ${column.comment}` : '';
    lines.push(`- ${side}: \`${column.type}\`, ${column.nullable ? 'nullable' : 'NOT NULL'}${comment}`);
  }
  if (lines.length === 0) return undefined;
  const both = tables.source && tables.target ? (found === 2 ? 'on both sides' : 'not on both sides') : '';
  return [`**${name}**${both ? ` (${both})` : ''}`, '', ...lines].join('\n');
}
