// Assertions shared by the pact grammar cases: what is SQL, what stays YAML, and the parity check that every
// character outside the filter / sql values keeps exactly the scopes the plain YAML grammar gives it.
import assert from 'node:assert/strict';
import { isPair, isScalar, parseDocument, Scalar, visit } from 'yaml';
import { describeTokens, PactToken, scopesAtColumn, scopesOf, TokenizePact } from './tokenize-pact';

/** The scope the pact grammar gives embedded SQL (package.json maps it to the sql language). */
export const SQL = 'meta.embedded.sql.datapact';

export const embedded = (scopes: string[]) => scopes.includes(SQL);
/** A scope the SQL grammar gave (source.sql names its scopes `*.sql`). */
export const sqlScope = (scopes: string[], prefix = '') =>
  scopes.some((s) => s.startsWith(prefix) && s.endsWith('.sql'));

export function assertSql(line: PactToken[], fragment: string, prefix: string): void {
  const scopes = scopesOf(line, fragment);
  assert.ok(
    embedded(scopes) && sqlScope(scopes, prefix),
    `${fragment} should be SQL ${prefix}*:\n${describeTokens(line)}`,
  );
}
export function assertYamlKey(line: PactToken[], key: string): void {
  const scopes = scopesOf(line, key);
  assert.ok(
    scopes.includes('entity.name.tag.yaml') && !embedded(scopes),
    `${key} should be a YAML key:\n${describeTokens(line)}`,
  );
}
export function assertNothingEmbedded(line: PactToken[]): void {
  assert.ok(!line.some((t) => embedded(t.scopes)), `nothing should be SQL:\n${describeTokens(line)}`);
}

/** A filter or sql value as YAML reads it: `text` holds the offsets of its characters (quotes and block headers excluded). */
export interface SqlValue {
  /** Offset of the value's first character (its opening quote or block indicator included). */
  start: number;
  end: number;
  text: Set<number>;
}

/** The filter and sql scalar values of `text`, as the yaml package parses them. */
export function sqlValues(text: string): SqlValue[] {
  const values: SqlValue[] = [];
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !['filter', 'sql'].includes(String(pair.key.value))) return;
      // An anchored or tagged value is left to YAML (its properties would otherwise lose their scopes).
      if (!isScalar(pair.value) || !pair.value.range || pair.value.anchor || pair.value.tag) return;
      const [start, end] = pair.value.range;
      let [from, to] = [start, end];
      const type = pair.value.type;
      if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) [from, to] = [start + 1, end - 1];
      if (type === Scalar.BLOCK_FOLDED || type === Scalar.BLOCK_LITERAL) from = text.indexOf('\n', start) + 1;
      const offsets = new Set<number>();
      for (let offset = from; offset < to; offset++) offsets.add(offset);
      values.push({ start, end, text: offsets });
    },
  });
  return values;
}

/** Lines of `text` with the offset of their first character. */
function linesWithOffsets(text: string): { line: string; offset: number }[] {
  let offset = 0;
  return text.split('\n').map((line) => {
    const entry = { line, offset };
    offset += line.length + 1;
    return entry;
  });
}

/**
 * Tokenizes `text` with the pact grammar and with the plain YAML grammar. Every non-blank character of a filter /
 * sql value is embedded SQL, every value holds at least one scope of the SQL grammar, and every other character
 * (keys, colons, quotes, block headers, comments, indentation) has exactly YAML's scopes. Whitespace inside a value
 * (continuation indentation) belongs to the SQL region and is not compared. Returns the SQL characters checked.
 */
export async function assertOnlySqlDiffers(
  pact: TokenizePact,
  yaml: TokenizePact,
  text: string,
  label = '',
): Promise<number> {
  const values = sqlValues(text);
  const inValueText = (offset: number) => values.some((v) => v.text.has(offset));
  const inValueRange = (offset: number) => values.some((v) => offset >= v.start && offset < v.end);
  const [pactLines, yamlLines] = [await pact(text), await yaml(text)];
  const sqlSeen = new Set<SqlValue>();
  let checked = 0;
  linesWithOffsets(text).forEach(({ line, offset }, index) => {
    const tokens = pactLines[index]!;
    for (let column = 0; column < line.length; column++) {
      const at = offset + column;
      const scopes = scopesAtColumn(tokens, column);
      const where = `${label}:${index + 1}:${column + 1} ${JSON.stringify(line)}\n${describeTokens(tokens)}`;
      const blank = /\s/.test(line[column]!);
      if (inValueText(at)) {
        if (blank) continue;
        assert.ok(embedded(scopes), `should be SQL at ${where}`);
        checked++;
        if (sqlScope(scopes)) values.filter((v) => v.text.has(at)).forEach((v) => sqlSeen.add(v));
        continue;
      }
      if (blank && inValueRange(at)) continue;
      const expected = scopesAtColumn(yamlLines[index]!, column).slice(1);
      assert.deepEqual(
        scopes.slice(1),
        expected,
        `YAML scopes changed at ${where}\nYAML:\n${describeTokens(yamlLines[index]!)}`,
      );
    }
  });
  for (const value of values) {
    if (value.text.size > 0 && [...value.text].some((o) => /\S/.test(text[o]!)))
      assert.ok(sqlSeen.has(value), `${label}: no SQL scope in ${JSON.stringify(text.slice(value.start, value.end))}`);
  }
  return checked;
}
