/**
 * Completion: keys valid at the cursor (from the schema, minus those already written), snippets for a whole
 * task and for each check, enum values, and names from the catalog (catalogs, schemas, tables, columns).
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver/node';
import { SIDES, type CatalogMemo, type Side, type PathSegment, type TableInfo } from '../../../core/src/index';
import { catalogSlot, loadForTask, sideValue, taskAt, taskTable } from '../catalog-lookup';
import { toRange } from '../convert';
import { cursorContext, PLACEHOLDER, rawAt, type CursorContext } from '../cursor-context';
import type { ParsedPact } from '../documents';
import { checkSnippets, taskSnippet } from '../snippets';
import { describeKey, enumValues, keysAt, schemaAt } from '../schema-index';

export async function complete(pact: ParsedPact, position: Position, memo: CatalogMemo | undefined, signal?: AbortSignal): Promise<CompletionItem[]> {
  const offset = pact.document.offsetAt(position);
  const context = cursorContext(pact, offset);
  const range = toRange(pact.document, context.wordStart, context.wordEnd);
  const edit = (label: string, newText: string, extra: Partial<CompletionItem>): CompletionItem => ({
    label,
    textEdit: { range, newText },
    ...extra,
  });
  if (context.kind === 'key') return keyItems(context, edit);
  return valueItems(context, memo, edit, signal);
}

type Edit = (label: string, newText: string, extra: Partial<CompletionItem>) => CompletionItem;

function keyItems(context: Extract<CursorContext, { kind: 'key' }>, edit: Edit): CompletionItem[] {
  const present = rawAt(context.view.raw, context.mapPath);
  const written = new Set(typeof present === 'object' && present !== null ? Object.keys(present) : []);
  written.delete(PLACEHOLDER);
  const items = keysAt(context.mapPath)
    .filter(([key]) => !written.has(key))
    .map(([key, node], i) =>
      edit(key, `${key}: `, {
        kind: CompletionItemKind.Property,
        documentation: { kind: MarkupKind.Markdown, value: describeKey(key, node) },
        sortText: `1${String(i).padStart(3, '0')}`,
      }),
    );
  const isTask = context.mapPath[0] === 'validations' && typeof context.mapPath[1] === 'number' && context.mapPath.length === 2;
  if (isTask) {
    if (written.size === 0) items.unshift(edit('task', taskSnippet(true), snippetItem('A whole validation task', 0)));
    for (const [i, snippet] of checkSnippets(written).entries()) {
      items.push(edit(snippet.label, snippet.body, snippetItem(snippet.detail, 1 + i)));
    }
  }
  return items;
}

function snippetItem(detail: string, order: number): Partial<CompletionItem> {
  return { kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, detail, sortText: `0${String(order).padStart(3, '0')}` };
}

async function valueItems(context: Extract<CursorContext, { kind: 'value' }>, memo: CatalogMemo | undefined, edit: Edit, signal?: AbortSignal): Promise<CompletionItem[]> {
  const { path } = context;
  if (path.length === 1 && path[0] === 'validations') {
    return [edit('task', taskSnippet(true), snippetItem('A whole validation task', 0))];
  }
  const items: CompletionItem[] = enumValues(schemaAt(path)).map((value) =>
    edit(String(value), String(value), { kind: CompletionItemKind.EnumMember }),
  );
  const slot = catalogSlot(path);
  const task = taskAt(context.view.raw, path);
  if (!slot || !memo || !task) return items;
  await loadForTask(memo, task, signal);
  if (slot.kind === 'catalog') {
    for (const c of memo.catalogs() ?? []) items.push(edit(c.name, quoted(c.name), { kind: CompletionItemKind.Module, detail: c.unavailable ? `unavailable: ${c.unavailable}` : 'catalog' }));
  } else if (slot.kind === 'schema') {
    const catalog = sideValue(task, slot.side, 'catalog');
    for (const s of (catalog && memo.schemas(catalog)) || []) items.push(edit(s.name, quoted(s.name), { kind: CompletionItemKind.Folder, detail: `schema in ${catalog}` }));
  } else if (slot.kind === 'table') {
    const catalog = sideValue(task, slot.side, 'catalog');
    const schema = sideValue(task, slot.side, 'schema');
    for (const t of (catalog && schema && memo.tables(catalog, schema)) || []) {
      items.push(edit(t.name, quoted(t.name), { kind: CompletionItemKind.Class, detail: `${t.kind} · ${t.columns.length} columns`, ...(t.comment ? { documentation: t.comment } : {}) }));
    }
  } else {
    items.push(...columnItems(path, context.view.raw, { source: taskTable(memo, task, 'source'), target: taskTable(memo, task, 'target') }, edit));
  }
  return items;
}

function columnItems(path: readonly PathSegment[], raw: unknown, tables: Record<'source' | 'target', TableInfo | undefined>, edit: Edit): CompletionItem[] {
  const listPath = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  const list = rawAt(raw, listPath);
  const already = new Set(Array.isArray(list) ? list.filter((v) => typeof v === 'string').map((v: string) => v.toLowerCase()) : []);
  const byName = new Map<string, { name: string; facts: Partial<Record<Side, string>>; comment?: string }>();
  for (const side of SIDES) {
    for (const column of tables[side]?.columns ?? []) {
      const key = column.name.toLowerCase();
      const entry = byName.get(key) ?? { name: column.name, facts: {} };
      entry.facts[side] = `${column.type}${column.nullable ? '' : ' NOT NULL'}`;
      if (column.comment && !entry.comment) entry.comment = column.comment;
      byName.set(key, entry);
    }
  }
  const last = path[path.length - 1];
  return [...byName.entries()]
    .filter(([key]) => !already.has(key) || typeof last === 'number')
    .map(([, info], i) => {
      const sides = SIDES.filter((side) => info.facts[side] !== undefined);
      const both = sides.length === 2 || !(tables.source && tables.target);
      const facts = [...new Set(sides.map((side) => info.facts[side]))];
      const detail = !both
        ? `${facts[0]} · ${sides[0]} only`
        : facts.length === 1
          ? facts[0]!
          : sides.map((side) => `${side} ${info.facts[side]}`).join(' · ');
      return edit(info.name, quoted(info.name), {
        kind: CompletionItemKind.Field,
        detail,
        ...(info.comment ? { documentation: info.comment } : {}),
        sortText: `${both ? 0 : 1}${String(i).padStart(4, '0')}`,
      });
    });
}

function quoted(name: string): string {
  return /^[A-Za-z_][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
