/**
 * ajv errors -> problems a data steward understands, each located on the offending key or value.
 *
 * ajv words errors for schema authors ("must NOT have additional properties"); here each kind of error gets
 * a stable code and a sentence naming the key, the value and the fix.
 */
import type { ErrorObject } from 'ajv/dist/2020';
import type { Problem } from '../model/problem';
import { describeType, describeValue, fieldLabel, fieldName, taskLabel } from './describe-value';
import { LEGACY_KEYS, suggest } from './key-suggestions';
import { anchorSpan, documentSpan, keySpan, valueSpan } from './locations';
import { resolvePath, type PactSource, type PathSegment, type Span } from './pact-source';

const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, no: false, on: true, off: false, y: true, n: false };

/** JSON pointer -> path, with array indices as numbers (decided by walking the data). */
function decodePointer(pointer: string, data: unknown): PathSegment[] {
  if (!pointer) return [];
  const path: PathSegment[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** "task 'orders'", "defaults", "the SUM check of 'amount' in task 'orders'", … for the object at `path`. */
function describeContainer(data: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the pact';
  if (path[0] === 'engine') return 'the engine block';
  const base = path[0] === 'validations' && typeof path[1] === 'number'
    ? taskLabel(valueAt(data, path.slice(0, 2)), path[1])
    : 'defaults';
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const node = valueAt(data, path) as Record<string, unknown> | undefined;
  if (parent === 'agg_validations' && typeof last === 'number') {
    const column = typeof node?.column === 'string' ? describeValue(node.column) : `${last + 1}`;
    return `aggregate validation ${column} of ${base}`;
  }
  if (parent === 'validations' && typeof last === 'number' && path.length > 2) {
    const column = valueAt(data, path.slice(0, -2).concat('column'));
    const agg = typeof node?.agg === 'string' ? node.agg.toUpperCase() : `check ${last + 1}`;
    return `aggregate ${agg} of ${typeof column === 'string' ? describeValue(column) : 'a column'} in ${base}`;
  }
  if (parent === 'custom_sql_tests' && typeof last === 'number') {
    const name = typeof node?.name === 'string' ? describeValue(node.name) : `${last + 1}`;
    return `custom SQL test ${name} of ${base}`;
  }
  return base;
}

const EMPTY_LIST_HINTS: Record<string, string> = {
  validations: 'add at least one validation task',
  agg_validations: 'add at least one column with its aggregates, or remove the key',
  custom_sql_tests: 'add at least one test, or remove the key',
  hash_columns: 'list at least one column, or remove the key to hash every column',
};

interface Mapped {
  code: string;
  message: string;
  span: Span;
  data?: Record<string, unknown>;
}

function mapError(e: ErrorObject, source: PactSource, data: unknown): Mapped | undefined {
  const path = decodePointer(e.instancePath, data);
  const label = fieldLabel(path);
  const name = fieldName(path);
  const value = e.data;
  const got = `got ${describeValue(value)}`;
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      if (path.length === 0) {
        return { code: 'missing-key', message: `the pact is missing ${key}: add a list of validation tasks under ${key}`, span: documentSpan(source), data: { key } };
      }
      return { code: 'missing-key', message: `${describeContainer(data, path)} is missing ${key}`, span: anchorSpan(source, path), data: { key } };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyPath = [...path, key];
      const span = keySpan(source, keyPath);
      const inherited = resolvePath(source.yaml, keyPath)?.inherited ?? false;
      const where = inherited ? '' : ` in ${describeContainer(data, path)}`;
      const replacement = LEGACY_KEYS[key];
      if (replacement) {
        return { code: 'legacy-key', message: `${key} is an old name: rename it to ${replacement} (DataPact 2.x ignored ${key} without a word)`, span, data: { replacement } };
      }
      const allowed = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = suggest(key, allowed);
      const message = suggestion
        ? `unknown key ${describeValue(key)}${where}: did you mean ${suggestion}?`
        : `unknown key ${describeValue(key)}${where}: remove it, or check its spelling`;
      return { code: 'unknown-key', message, span, data: suggestion ? { suggestion } : undefined };
    }
    case 'type': {
      const expected = ([] as string[]).concat(params.type as string | string[]).flatMap((t) => String(t).split(','));
      const nouns = expected.filter((t) => t !== 'null').map(describeType);
      if (path.length === 0) {
        // The file's content is not quoted: a whole-file value is often something pasted by mistake (a token).
        const what = value === null || value === undefined
          ? 'the file is empty'
          : typeof value === 'string'
            ? `this file holds one piece of text (${[...value].length} characters)`
            : `this file holds ${describeValue(value)}`;
        return { code: 'invalid-document', message: `a pact must be a mapping with a validations list, but ${what}`, span: documentSpan(source) };
      }
      if (path.length === 2 && path[0] === 'validations' && typeof path[1] === 'number') {
        return { code: 'invalid-type', message: `task ${path[1] + 1} must be a mapping of keys (task_key, source_table, …), ${got}`, span: valueSpan(source, path) };
      }
      let hint = '';
      let extra: Record<string, unknown> | undefined;
      if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) hint = ': put it in quotes';
      if (expected.includes('boolean') && typeof value === 'string' && value.toLowerCase() in BOOLEAN_WORDS) {
        const suggestion = BOOLEAN_WORDS[value.toLowerCase()];
        hint = `: write ${suggestion}`;
        extra = { suggestion };
      }
      return { code: 'invalid-type', message: `${label} must be ${nouns.join(' or ')}, ${got}${hint}`, span: valueSpan(source, path), data: extra };
    }
    case 'minimum':
    case 'maximum': {
      const min = schema.minimum;
      const max = schema.maximum;
      const range = typeof max === 'number' ? `between ${min} and ${max}` : `${min} or more`;
      return { code: 'out-of-range', message: `${label} must be ${range}, ${got}`, span: valueSpan(source, path) };
    }
    case 'minItems': {
      const hint = path.length > 2 && name === 'validations'
        ? 'list at least one aggregate (agg and tolerance)'
        : EMPTY_LIST_HINTS[name] ?? 'list at least one column, or remove the key';
      return { code: 'empty-list', message: `${label} is an empty list: ${hint}`, span: valueSpan(source, path), data: { key: name } };
    }
    case 'minLength':
    case 'maxLength':
    case 'pattern':
      return mapStringRule(e.keyword, path, label, name, value, source, data);
    case 'propertyNames':
      return { code: 'empty-value', message: `${label} has an empty name`, span: valueSpan(source, path) };
    case 'anyOf':
    case 'enum': {
      const allowed = (params.allowedValues as string[] | undefined) ?? allowedOfAnyOf(schema);
      if (typeof value !== 'string') {
        return { code: 'invalid-type', message: `${label} must be text, ${got}`, span: valueSpan(source, path) };
      }
      const anyCase = e.keyword === 'anyOf' ? ' (any case)' : '';
      const suggestion = suggest(value, allowed.map((a) => a.toLowerCase()));
      const fixed = suggestion ? allowed.find((a) => a.toLowerCase() === suggestion) : undefined;
      const didYouMean = fixed ? `; did you mean ${fixed}?` : '';
      return {
        code: 'invalid-enum',
        message: `${label} must be one of ${allowed.join(', ')}${anyCase}, ${got}${didYouMean}`,
        span: valueSpan(source, path),
        data: fixed ? { allowed, suggestion: fixed } : { allowed },
      };
    }
    case 'false schema':
      if (name === 'task_key') {
        return { code: 'invalid-defaults', message: 'defaults cannot set task_key: every task needs its own', span: keySpan(source, path) };
      }
      return { code: 'invalid-value', message: `${label} is not allowed here`, span: keySpan(source, path) };
    default:
      return { code: 'invalid-value', message: `${label} ${e.message ?? 'is not valid'}`, span: valueSpan(source, path) };
  }
}

function allowedOfAnyOf(schema: Record<string, unknown>): string[] {
  const branches = (schema.anyOf as Array<Record<string, unknown>> | undefined) ?? [];
  return branches.flatMap((b) => (Array.isArray(b.enum) ? (b.enum as string[]) : []));
}

function mapStringRule(
  keyword: string,
  path: PathSegment[],
  label: string,
  name: string,
  value: unknown,
  source: PactSource,
  data: unknown,
): Mapped {
  const span = valueSpan(source, path);
  const text = typeof value === 'string' ? value : '';
  if (name === 'task_key') {
    const message = keyword === 'minLength'
      ? 'task_key is empty: give the task a name'
      : keyword === 'maxLength'
        ? `task_key is ${text.length} characters long: Databricks job task keys allow at most 100`
        : `task_key ${describeValue(text)} may only contain letters, digits, _, - and . (it becomes a Databricks job task key)`;
    const suggestion = text.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 100);
    return { code: 'invalid-task-key', message, span, data: suggestion && suggestion !== text ? { suggestion } : undefined };
  }
  const container = describeContainer(data, path.slice(0, -1));
  if (name === 'name' && path.includes('custom_sql_tests')) {
    const message = keyword === 'maxLength'
      ? `custom SQL test name is ${text.length} characters long: at most 128 are allowed`
      : `custom SQL test name ${describeValue(text)} must have 1 to 128 letters, digits, spaces, _ or -`;
    return { code: 'invalid-custom-test-name', message, span };
  }
  if (name === 'filter') {
    return { code: 'invalid-filter', message: `the filter of ${container} is blank: write one SQL boolean expression, or remove the key`, span };
  }
  if (name === 'sql') {
    return { code: 'invalid-custom-sql', message: `the sql of ${container} is blank: write one query`, span };
  }
  if (name === 'naive_timestamp_zone') {
    return { code: 'unknown-time-zone', message: `naive_timestamp_zone ${describeValue(value)} is not a time zone: write an IANA name such as Europe/Paris or UTC`, span };
  }
  if (name === 'results_table') {
    return { code: 'invalid-value', message: `results_table must be catalog.schema.table: three non-empty names, plain or in backticks, without dots inside; got ${describeValue(value)}`, span };
  }
  if (keyword === 'minLength') return { code: 'empty-value', message: `${label} is empty`, span };
  return { code: 'invalid-value', message: `${label} is not valid, got ${describeValue(value)}`, span };
}

/** Maps ajv's errors to problems; one problem per offending value even when ajv reports several. */
export function schemaProblems(errors: readonly ErrorObject[], source: PactSource, data: unknown): Problem[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const problems: Problem[] = [];
  // All keys missing from one mapping make one finding ("task 'x' is missing source_table and target_table").
  const missingByPath = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'required' || error.instancePath === '') continue;
    const keys = missingByPath.get(error.instancePath) ?? [];
    keys.push(String((error.params as { missingProperty?: unknown }).missingProperty));
    missingByPath.set(error.instancePath, keys);
  }
  for (const [pointer, keys] of missingByPath) {
    const path = decodePointer(pointer, data);
    const span = anchorSpan(source, path);
    const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
    problems.push({ code: 'missing-key', severity: 'error', message: `${describeContainer(data, path)} is missing ${list}`, start: span.start, end: span.end, data: { key: keys[0], keys } });
  }
  for (const error of errors) {
    if (error.keyword === 'required' && error.instancePath !== '') continue;
    // `if` only says that an `else` failed (that failure is reported itself); uniqueItems is a rule of ours
    // that also catches case-insensitive duplicates.
    if (error.keyword === 'if' || error.keyword === 'uniqueItems') continue;
    if (error.schemaPath.includes('/anyOf/') && anyOfPaths.has(error.instancePath)) continue;
    if (error.keyword === 'minLength' && (error.params as { propertyName?: string }).propertyName !== undefined) continue;
    try {
      const mapped = mapError(error, source, data);
      if (!mapped) continue;
      problems.push({ code: mapped.code, severity: 'error', message: mapped.message, start: mapped.span.start, end: mapped.span.end, ...(mapped.data ? { data: mapped.data } : {}) });
    } catch {
      // A mapping bug must not hide the finding: fall back to ajv's words at the document start.
      const span = documentSpan(source);
      problems.push({ code: 'invalid-value', severity: 'error', message: `${error.instancePath || 'the pact'} ${error.message ?? 'is not valid'}`, start: span.start, end: span.end });
    }
  }
  return problems;
}
