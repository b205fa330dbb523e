/**
 * Reads `schemas/pact.schema.json` for the editor features: which keys a mapping may hold, their docs, defaults
 * and enum values. The schema is the only source of key names and docs (no hand-kept lists).
 */
import schemaJson from '../../schemas/pact.schema.json';
import type { PathSegment } from '../../core/src/index';

/** A JSON Schema object (as far as the editor reads it). */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, SchemaNode | boolean>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

const ROOT = schemaJson as unknown as SchemaNode & { $defs?: Record<string, SchemaNode> };

function deref(node: SchemaNode): SchemaNode {
  let current = node;
  for (let i = 0; i < 16 && current.$ref; i++) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = ROOT.$defs?.[name];
    if (!target) break;
    // Keys beside $ref (description, properties) win over the referenced definition's.
    const { $ref: _ignored, ...beside } = current;
    current = { ...target, ...beside, properties: { ...target.properties, ...beside.properties } };
    if (!target.properties && !beside.properties) delete current.properties;
  }
  return current;
}

/** The schema that describes the value at `path`, or undefined where the schema says nothing. */
export function schemaAt(path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = deref(ROOT);
  for (const segment of path) {
    if (!node) return undefined;
    node = typeof segment === 'number' ? itemsOf(node) : propertyOf(node, segment);
    if (node) node = deref(node);
  }
  return node;
}

function itemsOf(node: SchemaNode): SchemaNode | undefined {
  if (node.items) return node.items;
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    const found = deref(branch).items;
    if (found) return found;
  }
  return undefined;
}

function propertyOf(node: SchemaNode, key: string): SchemaNode | undefined {
  const own = node.properties?.[key];
  if (own && typeof own === 'object') return own;
  if (own === false) return undefined;
  if (typeof node.additionalProperties === 'object') return node.additionalProperties;
  return undefined;
}

/** The keys a mapping at `path` may hold, in schema order, with their schemas. */
export function keysAt(path: readonly PathSegment[]): Array<[string, SchemaNode]> {
  const node = schemaAt(path);
  if (!node?.properties) return [];
  return Object.entries(node.properties).flatMap(([key, value]): Array<[string, SchemaNode]> =>
    typeof value === 'object' ? [[key, deref(value)]] : [],
  );
}

/** Whether the value at `path` is a mapping with named keys. */
export function isObjectSchema(node: SchemaNode | undefined): boolean {
  return !!node?.properties;
}

/** Enum values allowed at a node, including those of `anyOf`/`oneOf` branches. */
export function enumValues(node: SchemaNode | undefined): unknown[] {
  if (!node) return [];
  const values = [...(node.enum ?? [])];
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) values.push(...(deref(branch).enum ?? []));
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.includes('boolean')) values.push(true, false);
  return [...new Set(values)];
}

/** Markdown for a key's hover and completion documentation. */
export function describeKey(key: string, node: SchemaNode | undefined): string {
  if (!node) return `\`${key}\``;
  const lines = [`**${key}**`, '', node.description ?? ''];
  const allowed = enumValues(node).filter((v) => typeof v !== 'boolean');
  if (allowed.length > 0) lines.push('', `Allowed: ${allowed.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (node.default !== undefined) lines.push('', `Default: \`${JSON.stringify(node.default)}\``);
  return lines.join('\n').trim();
}
